"""Archive inbound messages exactly once, keyed by the channel's message id (the turn's first step records
them, activities/dialogue/turn_start.py), and mark them answered when their turn is done."""

from dataclasses import dataclass

from sqlalchemy import func, update
from sqlalchemy.exc import DataError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select
from temporalio import activity

from models import Business, Message
from models.enums import Channel, Direction
from models.queries import archive_message
from models.text_hygiene import without_controls

# Kept in place of a text the database refused, so staff see a message came and the customer is answered.
REFUSED_BODY = "⚠️ Mensaje no guardado: la base de datos no admitió su texto."


@dataclass
class RecordInboundInput:
    business: str
    phone: str
    channel: Channel
    message_id: str
    text: str
    workflow_id: str
    channel_conversation_id: str | None = None


@dataclass
class RecordInboundResult:
    # Recorded before and its turn finished: a redelivery. Recorded but not answered is a turn cut short.
    answered: bool = False
    # The database refused the text (a broken character): recorded without it, and the customer asked again.
    refused: bool = False


@dataclass
class MarkAnsweredInput:
    business: str
    message_id: str


class MessageArchive:
    """Writes the message table; the unique (business, direction, external_id) makes redelivery harmless."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def record_inbound_message(self, input: RecordInboundInput) -> RecordInboundResult:
        """Store one customer message (once per id); `answered` when it was stored before and its turn also
        finished (a retry whose first completion was lost is not)."""
        try:
            # Messages already in flight when the webhooks started cleaning them (models/text_hygiene.py).
            return await self._record(input, without_controls(input.text), refused=False)
        except StatementError as error:
            if not (isinstance(error, DataError) or isinstance(error.orig, UnicodeError)):
                raise
            # The reason only: the text is what the database refused, and logs never carry a message's text.
            activity.logger.warning(
                "message %s refused by the database (%s); recorded without its text",
                input.message_id,
                type(error.orig).__name__,
            )
        return await self._record(input, REFUSED_BODY, refused=True)

    async def _record(self, input: RecordInboundInput, body: str, *, refused: bool) -> RecordInboundResult:
        async with self._sessions.begin() as session:
            new = await archive_message(
                session,
                business=input.business,
                customer_phone=input.phone,
                direction=Direction.INBOUND,
                channel=input.channel,
                external_id=input.message_id,
                body=body,
                workflow_id=input.workflow_id,
                channel_conversation_id=input.channel_conversation_id,
            )
            answered = not new and await self._answered(session, input.business, input.message_id)
        return RecordInboundResult(answered=answered, refused=refused)

    @activity.defn
    async def mark_message_answered(self, input: MarkAnsweredInput) -> None:
        """The turn of this message is done; only now does a redelivery count as a duplicate."""
        async with self._sessions.begin() as session:
            await session.execute(
                update(Message)
                .where(
                    col(Message.business_id)
                    == select(Business.id).where(Business.slug == input.business).scalar_subquery(),
                    col(Message.direction) == Direction.INBOUND,
                    col(Message.external_id) == input.message_id,
                    col(Message.answered_at).is_(None),
                )
                .values(answered_at=func.now())
            )

    @staticmethod
    async def _answered(session: AsyncSession, business: str, message_id: str) -> bool:
        answered_at = await session.scalar(
            select(Message.answered_at)
            .join(Business, col(Business.id) == col(Message.business_id))
            .where(
                Business.slug == business,
                Message.direction == Direction.INBOUND,
                Message.external_id == message_id,
            )
        )
        return answered_at is not None
