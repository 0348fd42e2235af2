"""Delivery statuses of our outbound messages, as channels report them: the update, and the one write that raises
a message's status (the webhook applies a batch of them itself, in one transaction)."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models.business import Business
from models.enums import DeliveryStatus, Direction
from models.message import Message

# "failed" after "sent" is news; after "delivered" or "read" it cannot be true of the same message.
STATUS_RANK = {
    DeliveryStatus.QUEUED: 0,
    DeliveryStatus.SENT: 1,
    DeliveryStatus.FAILED: 2,
    DeliveryStatus.DELIVERED: 3,
    DeliveryStatus.READ: 4,
}


@dataclass
class DeliveryUpdate:
    """A channel's delivery status for one of our outbound messages (by the channel's message id)."""

    provider_message_id: str
    status: DeliveryStatus


async def raise_delivery_status(session: AsyncSession, business: str, update: DeliveryUpdate) -> bool | None:
    """Raise one of our outbound messages to `update.status`: True if changed, False if it was already as far or
    further, None when the business sent no message with that id. Channels do not keep statuses in order ("read"
    may come before "delivered"), so only the highest stays."""
    row = (
        await session.execute(
            select(Message)
            .join(Business, col(Business.id) == col(Message.business_id))
            .where(
                Business.slug == business,
                Message.direction == Direction.OUTBOUND,
                Message.provider_message_id == update.provider_message_id,
            )
            .with_for_update()
        )
    ).scalar_one_or_none()
    if row is None:
        return None
    current = STATUS_RANK[row.delivery_status] if row.delivery_status else -1
    if STATUS_RANK[update.status] <= current:
        return False
    row.delivery_status = update.status
    return True


async def raise_delivery_statuses(session: AsyncSession, updates: Sequence[tuple[str, DeliveryUpdate]]) -> list[bool]:
    """Raise each (business, update) in the caller's transaction; for each, whether its business sent that message.
    Rows are locked in one order whatever the batch's, so two batches naming the same messages never deadlock."""
    known = [False] * len(updates)
    for index in sorted(range(len(updates)), key=lambda i: (updates[i][0], updates[i][1].provider_message_id)):
        known[index] = await raise_delivery_status(session, *updates[index]) is not None
    return known
