"""province users and the login throttle's failures

Adds user.province (a user of the province: keeps a home centre, may act on any centre)
and the table login_failure: failed logins per username and client address, read by the
login throttle (server.domain.throttle) in every server process, pruned as it goes.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('user') as batch:
        batch.add_column(
            sa.Column('province', sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        'loginfailure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('refused', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_login_failure_username', 'loginfailure', ['username', 'at'])
    op.create_index('ix_login_failure_address', 'loginfailure', ['address', 'at'])
    op.create_index('ix_login_failure_at', 'loginfailure', ['at'])


def downgrade() -> None:
    op.drop_index('ix_login_failure_at', table_name='loginfailure')
    op.drop_index('ix_login_failure_address', table_name='loginfailure')
    op.drop_index('ix_login_failure_username', table_name='loginfailure')
    op.drop_table('loginfailure')
    with op.batch_alter_table('user') as batch:
        batch.drop_column('province')
