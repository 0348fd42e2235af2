"""Create the initial schema: tenants, catalogue, customers, appointments, messages.

Reviewed by hand: extensions first (btree_gist for the no_double_booking exclusion constraint,
pg_trgm for fuzzy service names), dropped last.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 23:52:15.420935
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        "business",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("assistant_name", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("maps_url", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "processed_webhook_event",
        sa.Column("provider", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("provider", "event_id"),
    )
    op.create_table(
        "faq",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("topic", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("question", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("answer", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("keywords", sa.ARRAY(sa.String(length=60)), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("business_id", "topic", name="uq_faq_business_topic"),
    )
    op.create_index(op.f("ix_faq_business_id"), "faq", ["business_id"], unique=False)
    op.create_table(
        "message",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("customer_phone", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column(
            "direction",
            sa.Enum(
                "inbound",
                "outbound",
                name="message_direction",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "channel",
            sa.Enum(
                "console",
                "whatsapp_cloud",
                "chatwoot",
                name="message_channel",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("external_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "delivery_status",
            sa.Enum(
                "queued",
                "sent",
                "delivered",
                "read",
                "failed",
                name="delivery_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("workflow_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("business_id", "direction", "external_id", name="uq_message_external_id"),
    )
    op.create_index("ix_message_conversation", "message", ["business_id", "customer_phone", "created_at"], unique=False)
    op.create_table(
        "opening_hours",
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens_at", sa.Time(), nullable=False),
        sa.Column("closes_at", sa.Time(), nullable=False),
        sa.CheckConstraint("closes_at > opens_at", name="ck_opening_hours_order"),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_opening_hours_weekday"),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("business_id", "weekday", "opens_at"),
    )
    op.create_table(
        "pack",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("price", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("duration_minutes > 0 AND duration_minutes <= 600", name="ck_pack_duration"),
        sa.CheckConstraint("price >= 0", name="ck_pack_price"),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("business_id", "name", name="uq_pack_business_name"),
    )
    op.create_index(op.f("ix_pack_business_id"), "pack", ["business_id"], unique=False)
    op.create_table(
        "policy",
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("value", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("business_id", "key"),
    )
    op.create_table(
        "service",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "hairdressing",
                "aesthetics",
                "both",
                name="service_category",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("price", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("needs_deposit", sa.Boolean(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("category <> 'both'", name="ck_service_single_category"),
        sa.CheckConstraint("duration_minutes > 0 AND duration_minutes <= 600", name="ck_service_duration"),
        sa.CheckConstraint("price >= 0", name="ck_service_price"),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("business_id", "name", name="uq_service_business_name"),
    )
    op.create_index(op.f("ix_service_business_id"), "service", ["business_id"], unique=False)
    op.create_index(
        "ix_service_name_trgm",
        "service",
        ["name"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"name": "gin_trgm_ops"},
    )
    op.create_table(
        "staff_member",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "hairdressing",
                "aesthetics",
                "both",
                name="staff_category",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("calendar_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("notify_phone", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("business_id", "name", name="uq_staff_business_name"),
    )
    op.create_index(op.f("ix_staff_member_business_id"), "staff_member", ["business_id"], unique=False)
    op.create_table(
        "closure",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("staff_id", sa.Uuid(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.CheckConstraint("end_date >= start_date", name="ck_closure_range"),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_member.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_closure_business_id"), "closure", ["business_id"], unique=False)
    op.create_table(
        "customer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("first_name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("last_name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("preferred_staff_id", sa.Uuid(), nullable=True),
        sa.Column("total_spent", sa.Numeric(precision=10, scale=2), server_default="0", nullable=False),
        sa.Column("last_visit_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("opted_out", sa.Boolean(), nullable=False),
        sa.Column("referred_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("phone ~ '^\\+[1-9][0-9]{6,14}$'", name="ck_customer_phone_e164"),
        sa.CheckConstraint("total_spent >= 0", name="ck_customer_total_spent"),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["preferred_staff_id"], ["staff_member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["referred_by_id"], ["customer.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("business_id", "phone", name="uq_customer_business_phone"),
    )
    op.create_index(op.f("ix_customer_business_id"), "customer", ["business_id"], unique=False)
    op.create_table(
        "pack_service",
        sa.Column("pack_id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["pack_id"], ["pack.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pack_id", "service_id"),
    )
    op.create_table(
        "appointment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("booked_by_id", sa.Uuid(), nullable=True),
        sa.Column("staff_id", sa.Uuid(), nullable=False),
        sa.Column("pack_id", sa.Uuid(), nullable=True),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("total_price", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("deposit_amount", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "provisional",
                "confirmed",
                "completed",
                "cancelled",
                "expired",
                "no_show",
                name="appointment_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "payment_status",
            sa.Enum(
                "pending",
                "paid",
                "refunded",
                "forfeited",
                "not_required",
                "refund_pending",
                name="payment_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("calendar_event_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("payment_reference", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("payment_retries", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=True),
        sa.Column("workflow_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        postgresql.ExcludeConstraint(
            (sa.column("staff_id"), "="),
            (sa.text("tstzrange(start_at, end_at, '[)')"), "&&"),
            where=sa.text("status IN ('provisional', 'confirmed')"),
            using="gist",
            name="no_double_booking",
        ),
        sa.CheckConstraint("end_at - start_at <= interval '10 hours'", name="ck_appointment_duration"),
        sa.CheckConstraint("deposit_amount >= 0 AND deposit_amount <= total_price", name="ck_appointment_deposit"),
        sa.CheckConstraint("end_at > start_at", name="ck_appointment_times"),
        sa.CheckConstraint("payment_retries >= 0", name="ck_appointment_payment_retries"),
        sa.CheckConstraint("total_price >= 0", name="ck_appointment_total"),
        sa.ForeignKeyConstraint(["booked_by_id"], ["customer.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["pack_id"], ["pack.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_member.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_appointment_business_id"), "appointment", ["business_id"], unique=False)
    op.create_index(op.f("ix_appointment_customer_id"), "appointment", ["customer_id"], unique=False)
    op.create_index(op.f("ix_appointment_group_id"), "appointment", ["group_id"], unique=False)
    op.create_index("ix_appointment_staff_start", "appointment", ["staff_id", "start_at"], unique=False)
    op.create_index(op.f("ix_appointment_workflow_id"), "appointment", ["workflow_id"], unique=False)
    op.create_table(
        "appointment_service",
        sa.Column("appointment_id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["appointment_id"], ["appointment.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("appointment_id", "service_id"),
    )


def downgrade() -> None:
    op.drop_table("appointment_service")
    op.drop_index(op.f("ix_appointment_workflow_id"), table_name="appointment")
    op.drop_index("ix_appointment_staff_start", table_name="appointment")
    op.drop_index(op.f("ix_appointment_group_id"), table_name="appointment")
    op.drop_index(op.f("ix_appointment_customer_id"), table_name="appointment")
    op.drop_index(op.f("ix_appointment_business_id"), table_name="appointment")
    op.drop_table("appointment")
    op.drop_table("pack_service")
    op.drop_index(op.f("ix_customer_business_id"), table_name="customer")
    op.drop_table("customer")
    op.drop_index(op.f("ix_closure_business_id"), table_name="closure")
    op.drop_table("closure")
    op.drop_index(op.f("ix_staff_member_business_id"), table_name="staff_member")
    op.drop_table("staff_member")
    op.drop_index(
        "ix_service_name_trgm",
        table_name="service",
        postgresql_using="gin",
        postgresql_ops={"name": "gin_trgm_ops"},
    )
    op.drop_index(op.f("ix_service_business_id"), table_name="service")
    op.drop_table("service")
    op.drop_table("policy")
    op.drop_index(op.f("ix_pack_business_id"), table_name="pack")
    op.drop_table("pack")
    op.drop_table("opening_hours")
    op.drop_index("ix_message_conversation", table_name="message")
    op.drop_table("message")
    op.drop_index(op.f("ix_faq_business_id"), table_name="faq")
    op.drop_table("faq")
    op.drop_table("processed_webhook_event")
    op.drop_table("business")
    op.execute("DROP EXTENSION IF EXISTS pg_trgm")
    op.execute("DROP EXTENSION IF EXISTS btree_gist")
