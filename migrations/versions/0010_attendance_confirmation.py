"""The reminder asks the customer to confirm (issue 19): when it was sent and when they said yes, and the two
rules that go with it, for every business already there.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels = None
depends_on = None

# Frozen here, as the seed had them when this ran: a migration keeps its own copy.
NEW_POLICIES = (
    (
        "attendance_confirm_by_hours",
        "24",
        "Horas antes de la cita en que se avisa al salón si no la han confirmado",
    ),
    ("owner_told_of_changes", "true", "Avisar también al salón (no solo al profesional) de cancelaciones y cambios"),
)


def upgrade() -> None:
    op.add_column("appointment", sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("appointment", sa.Column("attendance_confirmed_at", sa.DateTime(timezone=True), nullable=True))
    for key, value, description in NEW_POLICIES:
        op.execute(
            sa.text(
                "INSERT INTO policy (business_id, key, value, description) "
                "SELECT id, :key, CAST(:value AS jsonb), :description FROM business ON CONFLICT DO NOTHING"
            ).bindparams(key=key, value=value, description=description)
        )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM policy WHERE key IN ('attendance_confirm_by_hours', 'owner_told_of_changes')"))
    op.drop_column("appointment", "attendance_confirmed_at")
    op.drop_column("appointment", "reminded_at")
