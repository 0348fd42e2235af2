"""When each inbound message was answered (deduplication on "answered", not on "recorded"), and the alerts
the channel refused, kept for /admin.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("message", sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "team_alert",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("customer_phone", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("idempotency_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("workflow_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("business_id", "idempotency_key", name="uq_team_alert_key"),
    )
    op.create_index(op.f("ix_team_alert_business_id"), "team_alert", ["business_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_team_alert_business_id"), table_name="team_alert")
    op.drop_table("team_alert")
    op.drop_column("message", "answered_at")
