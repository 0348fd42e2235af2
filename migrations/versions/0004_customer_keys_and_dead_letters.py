"""A customer's key may be a Chatwoot contact when there is no usable phone (longer phone columns, a check that
accepts it), and the dead-letter table: deliveries acknowledged but deliverable to no workflow.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None

E164_CHECK = "phone ~ '^\\+[1-9][0-9]{6,14}$'"
KEY_CHECK = "phone ~ '^(\\+[1-9][0-9]{6,14}|chatwoot:[0-9]{1,20})$'"


def upgrade() -> None:
    op.alter_column("customer", "phone", type_=sqlmodel.sql.sqltypes.AutoString(length=32), existing_nullable=True)
    op.drop_constraint("ck_customer_phone_e164", "customer", type_="check")
    op.create_check_constraint("ck_customer_phone_key", "customer", KEY_CHECK)
    op.alter_column(
        "message", "customer_phone", type_=sqlmodel.sql.sqltypes.AutoString(length=32), existing_nullable=False
    )
    op.create_table(
        "dead_letter",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("fingerprint"),
    )
    op.create_index(op.f("ix_dead_letter_business_id"), "dead_letter", ["business_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_dead_letter_business_id"), table_name="dead_letter")
    op.drop_table("dead_letter")
    # Rows keyed by a Chatwoot contact cannot go back to a phone-only schema: they are removed with their messages.
    op.execute("DELETE FROM message WHERE customer_phone LIKE 'chatwoot:%'")
    op.execute("DELETE FROM customer WHERE phone LIKE 'chatwoot:%'")
    op.alter_column(
        "message", "customer_phone", type_=sqlmodel.sql.sqltypes.AutoString(length=16), existing_nullable=False
    )
    op.drop_constraint("ck_customer_phone_key", "customer", type_="check")
    op.create_check_constraint("ck_customer_phone_e164", "customer", E164_CHECK)
    op.alter_column("customer", "phone", type_=sqlmodel.sql.sqltypes.AutoString(length=16), existing_nullable=True)
