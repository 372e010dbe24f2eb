"""a kiosk's admin PIN kept by the server

Adds device.admin_pin_hash: the hash (protocol.pin) of the PIN that opens a kiosk's
settings, set with `motcua device add … --admin-pin` or `motcua device set-pin`, and
given to that kiosk only, in `GET /auth/me`.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('device') as batch:
        batch.add_column(
            sa.Column(
                'admin_pin_hash', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True
            )
        )


def downgrade() -> None:
    with op.batch_alter_table('device') as batch:
        batch.drop_column('admin_pin_hash')
