"""Archive inbound messages exactly once, keyed by the channel's message id."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from models.enums import Channel, Direction
from models.queries import archive_message


@dataclass
class RecordInboundInput:
    business: str
    phone: str
    channel: Channel
    message_id: str
    text: str
    workflow_id: str


@dataclass
class RecordInboundResult:
    is_new: bool


class MessageArchive:
    """Writes the message table; the unique (business, direction, external_id) makes redelivery harmless."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    @activity.defn
    async def record_inbound_message(self, input: RecordInboundInput) -> RecordInboundResult:
        """Store one customer message; `is_new` is false when this message id was already stored."""
        async with self._sessions.begin() as session:
            new = await archive_message(
                session,
                business=input.business,
                customer_phone=input.phone,
                direction=Direction.INBOUND,
                channel=input.channel,
                external_id=input.message_id,
                body=input.text,
                workflow_id=input.workflow_id,
            )
        return RecordInboundResult(is_new=new)
