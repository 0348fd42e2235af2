"""The waitlist (issue 19): customers waiting for a full day, offered a freed slot in turn.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "waitlist_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("service_ids", postgresql.ARRAY(sa.Uuid()), nullable=False),
        sa.Column("staff_id", sa.Uuid(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("part_of_day", sa.String(length=10), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("offered_booking", sa.String(length=60), nullable=True),
        sa.Column("offered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("part_of_day IN ('morning', 'afternoon')", name="ck_waitlist_part_of_day"),
        sa.CheckConstraint("cardinality(service_ids) > 0", name="ck_waitlist_services"),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("business_id", "customer_id", "day", name="uq_waitlist_customer_day"),
    )
    op.create_index("ix_waitlist_business_day", "waitlist_entry", ["business_id", "day"])


def downgrade() -> None:
    op.drop_index("ix_waitlist_business_day", table_name="waitlist_entry")
    op.drop_table("waitlist_entry")
