"""Several businesses on one deployment: each business's channel ids (WhatsApp phone number id, Chatwoot
inbox) and Stripe Connect account, and staff logins to /admin that belong to one business.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "business", sa.Column("whatsapp_phone_number_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True)
    )
    op.create_unique_constraint("business_whatsapp_phone_number_id_key", "business", ["whatsapp_phone_number_id"])
    op.add_column("business", sa.Column("chatwoot_inbox_id", sa.Integer(), nullable=True))
    op.create_unique_constraint("business_chatwoot_inbox_id_key", "business", ["chatwoot_inbox_id"])
    op.add_column(
        "business", sa.Column("stripe_account_id", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True)
    )
    op.create_table(
        "admin_account",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_index(op.f("ix_admin_account_business_id"), "admin_account", ["business_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_admin_account_business_id"), table_name="admin_account")
    op.drop_table("admin_account")
    op.drop_column("business", "stripe_account_id")
    op.drop_constraint("business_chatwoot_inbox_id_key", "business", type_="unique")
    op.drop_column("business", "chatwoot_inbox_id")
    op.drop_constraint("business_whatsapp_phone_number_id_key", "business", type_="unique")
    op.drop_column("business", "whatsapp_phone_number_id")
