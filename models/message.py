"""The message archive and the webhook events already processed."""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.columns import created_at_column, enum_column, timestamp_column
from models.customer import CUSTOMER_KEY_LENGTH
from models.enums import Channel, DeliveryStatus, Direction


class Message(SQLModel, table=True):
    """Every message in or out, stored once: `external_id` is the channel's id (in) or our idempotency key (out)."""

    __tablename__ = "message"
    __table_args__ = (
        sa.UniqueConstraint("business_id", "direction", "external_id", name="uq_message_external_id"),
        sa.Index("ix_message_conversation", "business_id", "customer_phone", "created_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", ondelete="CASCADE")
    customer_phone: str = Field(max_length=CUSTOMER_KEY_LENGTH)
    direction: Direction = Field(sa_column=enum_column(Direction, name="message_direction"))
    channel: Channel = Field(sa_column=enum_column(Channel, name="message_channel"))
    external_id: str = Field(max_length=200)
    body: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    delivery_status: DeliveryStatus | None = Field(
        default=None, sa_column=enum_column(DeliveryStatus, name="delivery_status", nullable=True)
    )
    workflow_id: str = Field(max_length=200)
    # The channel's id of an outbound message (WhatsApp "wamid..."): delivery statuses name it.
    provider_message_id: str | None = Field(default=None, max_length=200, index=True)
    # The channel's conversation of an inbound message (Chatwoot conversation id): where replies go.
    channel_conversation_id: str | None = Field(default=None, max_length=100)
    # When the conversation finished the turn of an inbound message: a redelivery after that is not answered
    # again, while one that finds it recorded but unanswered (the turn was cut short) is.
    answered_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    # The staff login that wrote an outbound message from /admin; None for Maite's own and for inbound ones.
    author: str | None = Field(default=None, max_length=60)
    created_at: datetime | None = Field(default=None, sa_column=created_at_column())


class ProcessedWebhookEvent(SQLModel, table=True):
    """A provider event (Stripe event id, Chatwoot delivery id...) already acted upon."""

    __tablename__ = "processed_webhook_event"

    provider: str = Field(primary_key=True, max_length=30)
    event_id: str = Field(primary_key=True, max_length=200)
    processed_at: datetime | None = Field(default=None, sa_column=created_at_column())
