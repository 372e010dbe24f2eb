"""messages to citizens' phones: push subscriptions, the outbox, the VAPID key pair

Adds push_subscription (a ticket's phone page that asked for web push), notification
(one row per ticket, kind and channel: the unique key queues a message once, whatever
the number of processes or restarts) and push_key (the server's VAPID key pair, made on
the first start).

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        'push_subscription',
        sa.Column('ticket_id', sa.Integer(), nullable=False),
        sa.Column('site', _S(length=64), nullable=False),
        sa.Column('endpoint', _S(length=1000), nullable=False),
        sa.Column('p256dh', _S(length=100), nullable=False),
        sa.Column('auth', _S(length=32), nullable=False),
        sa.Column('lang', _S(length=2), nullable=False),
        sa.Column('created_at', _T(), nullable=False),
        sa.ForeignKeyConstraint(['site'], ['site.code']),
        sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id']),
        sa.PrimaryKeyConstraint('ticket_id'),
    )
    op.create_index('ix_push_subscription_site', 'push_subscription', ['site'])
    op.create_table(
        'notification',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('site', _S(length=64), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('ticket_id', sa.Integer(), nullable=False),
        sa.Column('number', _S(length=16), nullable=False),
        sa.Column('service_id', _S(length=64), nullable=False),
        sa.Column('kind', _S(length=8), nullable=False),
        sa.Column('channel', _S(length=8), nullable=False),
        sa.Column('lang', _S(length=2), nullable=False),
        sa.Column('text', _S(length=500), nullable=False),
        sa.Column('status', _S(length=8), nullable=False),
        sa.Column('tries', sa.Integer(), nullable=False),
        sa.Column('next_at', _T(), nullable=False),
        sa.Column('last_error', _S(length=300), nullable=True),
        sa.Column('to_masked', _S(length=32), nullable=True),
        sa.Column('created_at', _T(), nullable=False),
        sa.Column('sent_at', _T(), nullable=True),
        sa.ForeignKeyConstraint(['site'], ['site.code']),
        sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('ticket_id', 'kind', 'channel', name='uq_notification_once'),
    )
    op.create_index('ix_notification_due', 'notification', ['status', 'next_at'])
    op.create_index('ix_notification_day', 'notification', ['site', 'day', 'id'])
    op.create_table(
        'push_key',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('private_key', _S(length=200), nullable=False),
        sa.Column('public_key', _S(length=100), nullable=False),
        sa.Column('created_at', _T(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('push_key')
    op.drop_index('ix_notification_day', table_name='notification')
    op.drop_index('ix_notification_due', table_name='notification')
    op.drop_table('notification')
    op.drop_index('ix_push_subscription_site', table_name='push_subscription')
    op.drop_table('push_subscription')
