"""the event log by time: a day's events found without reading the whole log

Adds ix_event_at (site, at, seq): the audit trail finds a day's first and last seq from
this index alone, then reads that range by the primary key.

Revision ID: 0006
Revises: 0004
"""
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_event_at', 'event', ['site', 'at', 'seq'])


def downgrade() -> None:
    op.drop_index('ix_event_at', table_name='event')
