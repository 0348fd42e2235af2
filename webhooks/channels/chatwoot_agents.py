"""A person at Chatwoot takes a conversation over the way staff do in /admin: by writing to the customer, opening
the conversation, or having it assigned to them. Our own replies come back as outgoing messages too and must not.

An outgoing message is a person's when Chatwoot says a user (an agent, `sender.type` "user") wrote it: an agent
bot's posts say "agent_bot". A deployment that posts with a user's API token looks like that agent, so a user's
message is still ours when its id is one our outbound adapter got back (the message table's provider id), or
when a send of ours of the same text to the same customer is claimed and still waiting for its id (Chatwoot's
webhook can arrive before our adapter has marked the id it was answered).
"""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, or_, select

from models import Business, Message
from models.enums import Channel, DeliveryStatus, Direction

AGENT_SENDER = "user"
TAKE_OVER_STATUSES = {"open"}


async def ours(session: AsyncSession, *, business: str, customer: str, message_id: str, content: str) -> bool:
    """Whether this Chatwoot message is one our outbound adapter posted."""
    waiting_for_its_id = (
        (col(Message.customer_phone) == customer)
        & (col(Message.body) == content)
        & (col(Message.delivery_status) == DeliveryStatus.QUEUED)
        & col(Message.provider_message_id).is_(None)
    )
    found = await session.scalar(
        select(Message.id)
        .join(Business, col(Business.id) == col(Message.business_id))
        .where(
            Business.slug == business,
            Message.direction == Direction.OUTBOUND,
            Message.channel == Channel.CHATWOOT,
            or_(col(Message.provider_message_id) == message_id, waiting_for_its_id),
        )
        .limit(1)
    )
    return found is not None


def assigned(changed_attributes: list[dict[str, Any]]) -> bool:
    """A conversation_updated whose changes give it an assignee (Chatwoot: [{"assignee_id": {"current_value"…}}])."""
    return any(
        isinstance(change.get("assignee_id"), dict) and change["assignee_id"].get("current_value") is not None
        for change in changed_attributes
    )
