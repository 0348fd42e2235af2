"""Archive inbound messages exactly once, keyed by the channel's message id."""

from dataclasses import dataclass

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col
from temporalio import activity

from models.enums import Channel, Direction
from models.message import Message
from models.queries import business_id


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
            stmt = (
                insert(Message)
                .values(
                    business_id=await business_id(session, slug=input.business),
                    customer_phone=input.phone,
                    direction=Direction.INBOUND,
                    channel=input.channel,
                    external_id=input.message_id,
                    body=input.text,
                    workflow_id=input.workflow_id,
                )
                .on_conflict_do_nothing(constraint="uq_message_external_id")
                .returning(col(Message.id))
            )
            inserted = (await session.execute(stmt)).scalar_one_or_none()
        return RecordInboundResult(is_new=inserted is not None)
