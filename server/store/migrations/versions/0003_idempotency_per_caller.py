"""idempotency keys per caller: one kiosk's key never finds another's ticket

Adds ticket.idempotency_owner ("device:<id>" or "user:<id>", who issued with the key)
and makes the unique key (site, idempotency_owner, idempotency_key) instead of
(site, idempotency_key). Existing keyed tickets of a device get that device as owner.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('ticket') as batch:
        batch.add_column(
            sa.Column(
                'idempotency_owner', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True
            )
        )
    op.execute(
        "UPDATE ticket SET idempotency_owner = 'device:' || CAST(device_id AS VARCHAR)"
        " WHERE idempotency_key IS NOT NULL AND device_id IS NOT NULL"
    )
    with op.batch_alter_table('ticket') as batch:
        batch.drop_constraint('uq_ticket_idempotency', type_='unique')
        batch.create_unique_constraint(
            'uq_ticket_idempotency', ['site', 'idempotency_owner', 'idempotency_key']
        )


def downgrade() -> None:
    with op.batch_alter_table('ticket') as batch:
        batch.drop_constraint('uq_ticket_idempotency', type_='unique')
    # Two callers' equal keys cannot both stay under the site-wide key: keep the first.
    op.execute(
        "UPDATE ticket SET idempotency_key = NULL WHERE idempotency_key IS NOT NULL AND id NOT IN"
        " (SELECT MIN(id) FROM ticket WHERE idempotency_key IS NOT NULL"
        " GROUP BY site, idempotency_key)"
    )
    with op.batch_alter_table('ticket') as batch:
        batch.create_unique_constraint('uq_ticket_idempotency', ['site', 'idempotency_key'])
        batch.drop_column('idempotency_owner')
