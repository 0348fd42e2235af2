"""The console messaging adapter: replies are stored and shown on the demo chat instead of sent to WhatsApp."""

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from activities.messaging.port import AlertTeamInput, MessagingPort, SendMessageInput, SendMessageResult
from models.enums import Channel, DeliveryStatus, Direction
from models.queries import archive_message, get_business


class ConsoleChannel(MessagingPort):
    """Every adapter registers `send_message` and `alert_team`; workflows never know which one runs."""

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
                author=input.author,
            )
        return SendMessageResult(external_id=input.idempotency_key, duplicate=not new)

    @activity.defn(name="alert_team")
    async def alert_team(self, input: AlertTeamInput) -> SendMessageResult:
        """The alert goes to the salon's phone, as a message like any other."""
        async with self._sessions() as session:
            team_phone = (await get_business(session, slug=input.business)).phone
        return await self.send_message(
            SendMessageInput(input.business, team_phone, input.text, input.idempotency_key, input.workflow_id)
        )
