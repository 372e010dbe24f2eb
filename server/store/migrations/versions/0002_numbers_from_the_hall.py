"""numbers come from the hall: drop the per-service number counter

The day's numbers are counted from the day's tickets (the hall holds the count, and the
unique key on (site, issuing service, day, number) still refuses a duplicate), so the
upsert counter is no longer written or read.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table('numbercounter')


def downgrade() -> None:
    op.create_table(
        'numbercounter',
        sa.Column('site', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('service_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('last', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('site', 'service_id', 'day'),
    )
