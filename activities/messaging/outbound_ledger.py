"""The message table as the outbox of channels that cannot deduplicate sends themselves (Graph API, Chatwoot).

A send is claimed (row inserted, `queued`) before the provider is called and marked with the provider's id
after; a retried activity that finds the id sends nothing. The one window left open (the provider accepted,
the process died before the mark) sends at most one duplicate, only after a crash.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select

from activities.messaging.port import SendMessageInput
from models import Business, Message
from models.enums import Channel, DeliveryStatus, Direction
from models.queries import archive_message, get_business


@dataclass(frozen=True)
class Claim:
    # Found with the claim: its id scopes the marks, its channel ids say where a send leaves from.
    business: Business
    # Set when an earlier attempt already sent this message.
    provider_message_id: str | None


@dataclass(frozen=True)
class LastInbound:
    at: datetime | None
    # The conversation id the channel gave the customer's last message (Chatwoot), if any.
    channel_conversation_id: str | None


class OutboundLedger:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], channel: Channel) -> None:
        self._sessions = sessions
        self._channel = channel

    async def claim(self, input: SendMessageInput) -> Claim:
        business, key = input.business, input.idempotency_key
        async with self._sessions.begin() as session:
            await archive_message(
                session,
                business=business,
                customer_phone=input.phone,
                direction=Direction.OUTBOUND,
                channel=self._channel,
                external_id=key,
                body=input.text,
                delivery_status=DeliveryStatus.QUEUED,
                workflow_id=input.workflow_id,
                author=input.author,
            )
            row = (
                await session.execute(
                    select(Business, Message.provider_message_id)
                    .join(Business, col(Business.id) == col(Message.business_id))
                    .where(
                        Business.slug == business, Message.direction == Direction.OUTBOUND, Message.external_id == key
                    )
                )
            ).one()
        return Claim(row.Business, row.provider_message_id)

    async def mark(
        self, claim: Claim, key: str, status: DeliveryStatus, provider_message_id: str | None = None
    ) -> None:
        values: dict[str, object] = {"delivery_status": status}
        if provider_message_id is not None:
            values["provider_message_id"] = provider_message_id
        async with self._sessions.begin() as session:
            await session.execute(
                update(Message)
                .where(
                    col(Message.business_id) == claim.business.id,
                    col(Message.direction) == Direction.OUTBOUND,
                    col(Message.external_id) == key,
                )
                .values(**values)
            )

    async def last_inbound(self, business_id: UUID, phone: str) -> LastInbound:
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(Message.created_at, Message.channel_conversation_id)
                    .where(
                        Message.business_id == business_id,
                        Message.customer_phone == phone,
                        Message.direction == Direction.INBOUND,
                    )
                    .order_by(col(Message.created_at).desc())
                    .limit(1)
                )
            ).one_or_none()
        return LastInbound(row.created_at, row.channel_conversation_id) if row else LastInbound(None, None)

    async def business(self, slug: str) -> Business:
        """The business row (its id, and its phone: where team alerts go)."""
        async with self._sessions() as session:
            return await get_business(session, slug=slug)
