"""The provider's own id of an outbound message (WhatsApp wamid, Chatwoot message id), for delivery statuses.

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


def downgrade() -> None:
    op.drop_index("ix_message_provider_message_id", table_name="message")
    op.drop_column("message", "provider_message_id")
