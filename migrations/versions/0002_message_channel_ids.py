"""The provider's own id of an outbound message (WhatsApp wamid, Chatwoot message id), for delivery statuses,
and the channel's conversation of an inbound one (Chatwoot), for replies.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("message", sa.Column("provider_message_id", sa.String(length=200), nullable=True))
    op.create_index("ix_message_provider_message_id", "message", ["provider_message_id"])
    op.add_column("message", sa.Column("channel_conversation_id", sa.String(length=100), nullable=True))


def downgrade() -> None:
    op.drop_column("message", "channel_conversation_id")
    op.drop_index("ix_message_provider_message_id", table_name="message")
    op.drop_column("message", "provider_message_id")
