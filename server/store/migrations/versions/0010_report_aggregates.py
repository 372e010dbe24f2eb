"""the reports' maintained aggregates

Adds report_agg: per site, closed day (grain "d") or month, quarter, year ("m", "q",
"y"), breakdown (day, hour, service, procedure, counter, clerk) and key, the report tallies of
server/domain/report_figures.py: counts and sums in columns, histograms and per-level
counts as JSON text. Filled when a day closes and by `motcua reports rebuild`.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

SCALARS = (
    'issued', 'served', 'no_show', 'cancelled', 'transferred', 'wait_n', 'wait_ms',
    'wait_within', 'svc_n', 'svc_ms', 'rated', 'satisfied', 'idle_ms', 'waiting_sum',
    'waiting_samples',
)


def upgrade() -> None:
    op.create_table(
        'report_agg',
        sa.Column('site', sa.String(length=64), nullable=False),
        sa.Column('grain', sa.String(length=1), nullable=False),
        sa.Column('dim', sa.String(length=16), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('key', sa.String(length=80), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in SCALARS),
        sa.Column('maps', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('site', 'grain', 'dim', 'day', 'key'),
    )


def downgrade() -> None:
    op.drop_table('report_agg')
