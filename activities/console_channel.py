"""The console messaging adapter: replies are stored and shown on the demo chat instead of sent to WhatsApp."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from models.enums import Channel, DeliveryStatus, Direction
from models.queries import archive_message


@dataclass
class SendMessageInput:
    business: str
    phone: str
    text: str
    # Chosen by the workflow (workflow id + what the message answers), so a retried send is one message.
    idempotency_key: str
    workflow_id: str


@dataclass
class SendMessageResult:
    external_id: str
    duplicate: bool


class ConsoleChannel:
    """Every adapter registers the activity `send_message`; workflows never know which one runs."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    @activity.defn(name="send_message")
    async def send_message(self, input: SendMessageInput) -> SendMessageResult:
        """Record the outbound message as delivered to the console (the demo chat reads it from there)."""
        async with self._sessions.begin() as session:
            new = await archive_message(
                session,
                business=input.business,
                customer_phone=input.phone,
                direction=Direction.OUTBOUND,
                channel=Channel.CONSOLE,
                external_id=input.idempotency_key,
                body=input.text,
                delivery_status=DeliveryStatus.DELIVERED,
                workflow_id=input.workflow_id,
            )
        return SendMessageResult(external_id=input.idempotency_key, duplicate=not new)
