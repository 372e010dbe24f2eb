"""citizens' phones: remote numbers, booked slots, phone numbers with consent

Adds the table contact (a phone number with the consent given and its time; the only
place a number is kept), ticket.channel ("kiosk", "remote", "appointment") and
ticket.contact_id, and on appointment: seat (unique per slot: a slot is never booked
past its capacity), procedure_id, contact_id, created_at.

Revision ID: 0008
Revises: 0006
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'contact',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('site', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('consent_text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('consent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['site'], ['site.code']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_contact_phone', 'contact', ['site', 'phone', 'created_at'])
    op.create_index('ix_contact_created', 'contact', ['created_at'])
    with op.batch_alter_table('ticket') as batch:
        batch.add_column(
            sa.Column(
                'channel',
                sqlmodel.sql.sqltypes.AutoString(length=16),
                nullable=False,
                server_default='kiosk',
            )
        )
        batch.add_column(sa.Column('contact_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_ticket_contact', 'contact', ['contact_id'], ['id'])
    with op.batch_alter_table('appointment') as batch:
        batch.add_column(sa.Column('seat', sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column('procedure_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch.add_column(sa.Column('contact_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch.create_foreign_key('fk_appointment_contact', 'contact', ['contact_id'], ['id'])
        batch.create_unique_constraint(
            'uq_appointment_seat', ['site', 'service_id', 'slot_start', 'seat']
        )


def downgrade() -> None:
    with op.batch_alter_table('appointment') as batch:
        batch.drop_constraint('uq_appointment_seat', type_='unique')
        batch.drop_constraint('fk_appointment_contact', type_='foreignkey')
        batch.drop_column('created_at')
        batch.drop_column('contact_id')
        batch.drop_column('procedure_id')
        batch.drop_column('seat')
    with op.batch_alter_table('ticket') as batch:
        batch.drop_constraint('fk_ticket_contact', type_='foreignkey')
        batch.drop_column('contact_id')
        batch.drop_column('channel')
    op.drop_index('ix_contact_created', table_name='contact')
    op.drop_index('ix_contact_phone', table_name='contact')
    op.drop_table('contact')
