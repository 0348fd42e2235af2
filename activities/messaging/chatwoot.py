"""The Chatwoot messaging adapter: replies posted to the customer's Chatwoot conversation (an agent bot or a
user's API token), escalations as a private note with the context plus `toggle_status` to `open`, so an agent
sees the conversation; team alerts also go to a team conversation when one is configured.

The customer's conversation is the one their last Chatwoot message came from (recorded with the message).
Sends go through the outbound ledger (once per idempotency key); 429/5xx are retried, other 4xx are final.
"""

from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.messaging.outbound_ledger import OutboundLedger
from activities.messaging.port import AlertTeamInput, MessagingPort, SendMessageInput, SendMessageResult
from activities.provider_errors import provider_error
from models.enums import Channel, DeliveryStatus

REQUEST_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class ChatwootApi:
    base_url: str
    account_id: int
    api_token: str
    # Where team alerts about any customer go (besides the note on the customer's own conversation).
    team_conversation_id: int | None = None


class ChatwootChannel(MessagingPort):
    def __init__(self, sessions: async_sessionmaker[AsyncSession], api: ChatwootApi) -> None:
        self._ledger = OutboundLedger(sessions, Channel.CHATWOOT)
        self._api = api

    @activity.defn(name="send_message")
    async def send_message(self, input: SendMessageInput) -> SendMessageResult:
        """To the customer's conversation; a message to the team's phone (a booking's alert) to the team one."""
        conversation = await self._conversation_of(input.business, input.phone)
        return await self._post_once(input, conversation, private=False)

    @activity.defn(name="alert_team")
    async def alert_team(self, input: AlertTeamInput) -> SendMessageResult:
        """A private note on the customer's conversation, opened to agents on a hand-over; a copy to the team."""
        conversation = await self._conversation_of(input.business, input.customer_phone)
        note = SendMessageInput(
            input.business, input.customer_phone, input.text, input.idempotency_key, input.workflow_id
        )
        result = await self._post_once(note, conversation, private=True)
        if input.hand_over:
            await self._call(f"conversations/{conversation}/toggle_status", {"status": "open"})
        if self._api.team_conversation_id is not None:
            team = (await self._ledger.business(input.business)).phone
            copy = SendMessageInput(
                input.business, team, input.text, f"{input.idempotency_key}:team", input.workflow_id
            )
            await self._post_once(copy, self._api.team_conversation_id, private=False)
        return result

    async def _conversation_of(self, business: str, phone: str) -> int:
        row = await self._ledger.business(business)
        if phone == row.phone and self._api.team_conversation_id is not None:
            return self._api.team_conversation_id
        last = await self._ledger.last_inbound(row.id, phone)
        if last.channel_conversation_id is None:
            raise ApplicationError(
                f"no Chatwoot conversation known for {phone[:-4]}····", type="MessageRejected", non_retryable=True
            )
        return int(last.channel_conversation_id)

    async def _post_once(self, input: SendMessageInput, conversation: int, *, private: bool) -> SendMessageResult:
        ledger = self._ledger
        claim = await ledger.claim(input)
        if claim.provider_message_id is not None:
            return SendMessageResult(external_id=claim.provider_message_id, duplicate=True)
        body = {"content": input.text, "message_type": "outgoing", "private": private}
        try:
            answer = await self._call(f"conversations/{conversation}/messages", body)
        except ApplicationError:
            await ledger.mark(claim, input.idempotency_key, DeliveryStatus.FAILED)
            raise
        message_id = str(answer["id"])
        await ledger.mark(claim, input.idempotency_key, DeliveryStatus.SENT, message_id)
        return SendMessageResult(external_id=message_id, duplicate=False)

    async def _call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        api = self._api
        async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT_SECONDS) as client:
            response = await client.post(
                f"{api.base_url.rstrip('/')}/api/v1/accounts/{api.account_id}/{path}",
                headers={"api_access_token": api.api_token},
                json=body,
            )
        if not response.is_success:
            raise provider_error(response, "Chatwoot API")
        answer: dict[str, Any] = response.json()
        return answer
