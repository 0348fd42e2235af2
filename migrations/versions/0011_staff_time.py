"""Stylists' own time (issue 19): working hours per weekday, time off, and the buffer after each service.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("service", sa.Column("buffer_minutes", sa.Integer(), server_default="0", nullable=False))
    op.create_check_constraint("ck_service_buffer", "service", "buffer_minutes >= 0 AND buffer_minutes <= 120")
    op.create_table(
        "staff_hours",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("staff_id", sa.Uuid(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=False),
        sa.Column("ends_at", sa.Time(), nullable=False),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_staff_hours_weekday"),
        sa.CheckConstraint("ends_at > starts_at", name="ck_staff_hours_order"),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_member.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_staff_hours_business_id", "staff_hours", ["business_id"])
    op.create_index("ix_staff_hours_staff_weekday", "staff_hours", ["staff_id", "weekday"])
    op.create_table(
        "staff_time_off",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("staff_id", sa.Uuid(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=120), nullable=False),
        sa.CheckConstraint("ends_at > starts_at", name="ck_staff_time_off_order"),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_member.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_staff_time_off_business_id", "staff_time_off", ["business_id"])
    op.create_index("ix_staff_time_off_staff_start", "staff_time_off", ["staff_id", "starts_at"])


def downgrade() -> None:
    op.drop_index("ix_staff_time_off_staff_start", table_name="staff_time_off")
    op.drop_index("ix_staff_time_off_business_id", table_name="staff_time_off")
    op.drop_table("staff_time_off")
    op.drop_index("ix_staff_hours_staff_weekday", table_name="staff_hours")
    op.drop_index("ix_staff_hours_business_id", table_name="staff_hours")
    op.drop_table("staff_hours")
    op.drop_constraint("ck_service_buffer", "service", type_="check")
    op.drop_column("service", "buffer_minutes")
