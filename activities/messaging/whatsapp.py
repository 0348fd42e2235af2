"""The WhatsApp Cloud messaging adapter: Graph API `/{phone-number-id}/messages`, inside the rules of WhatsApp.

Outside the 24 h customer-service window (no message from the recipient in the last 24 h) only a template
Meta approved may be sent: the one of the message's purpose, filled with the message's variables (a reply's
variable is its whole text, on one line); a 131047 answer (window closed after all) is retried at once as the
template. Sends go through the outbound ledger (sent once per idempotency key).
429 and 5xx raise for Temporal's retries; any other 4xx is final.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.messaging.outbound_ledger import OutboundLedger
from activities.messaging.port import AlertTeamInput, MessagePurpose, MessagingPort, SendMessageInput, SendMessageResult
from activities.provider_errors import provider_error
from models.enums import Channel, DeliveryStatus

CUSTOMER_SERVICE_WINDOW = timedelta(hours=24)
WINDOW_CLOSED = 131047
REQUEST_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class GraphApi:
    base_url: str
    # The number replies leave from when the business has none of its own (a deployment with one business).
    phone_number_id: str
    access_token: str
    # The approved template of each purpose, by name, all in one language.
    templates: dict[MessagePurpose, str]
    template_language: str


class WhatsAppCloudChannel(MessagingPort):
    def __init__(self, sessions: async_sessionmaker[AsyncSession], api: GraphApi) -> None:
        self._ledger = OutboundLedger(sessions, Channel.WHATSAPP_CLOUD)
        self._api = api

    @activity.defn(name="send_message")
    async def send_message(self, input: SendMessageInput) -> SendMessageResult:
        ledger = self._ledger
        claim = await ledger.claim(input)
        if claim.provider_message_id is not None:
            return SendMessageResult(external_id=claim.provider_message_id, duplicate=True)
        last = await ledger.last_inbound(claim.business.id, input.phone)
        window_open = last.at is not None and datetime.now(UTC) - last.at < CUSTOMER_SERVICE_WINDOW
        # The customer wrote to this business's number: the answer comes from the same one.
        sender = claim.business.whatsapp_phone_number_id or self._api.phone_number_id
        try:
            wamid = await self._post(input, sender, as_template=not window_open)
        except ApplicationError:
            await ledger.mark(claim, input.idempotency_key, DeliveryStatus.FAILED)
            raise
        await ledger.mark(claim, input.idempotency_key, DeliveryStatus.SENT, wamid)
        return SendMessageResult(external_id=wamid, duplicate=False)

    @activity.defn(name="alert_team")
    async def alert_team(self, input: AlertTeamInput) -> SendMessageResult:
        """The alert goes to the salon's own WhatsApp number."""
        team_phone = (await self._ledger.business(input.business)).phone
        return await self.send_message(
            SendMessageInput(input.business, team_phone, input.text, input.idempotency_key, input.workflow_id)
        )

    async def _post(self, input: SendMessageInput, sender: str, *, as_template: bool) -> str:
        api = self._api
        async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT_SECONDS) as client:
            response = await client.post(
                f"{api.base_url.rstrip('/')}/{sender}/messages",
                headers={"Authorization": f"Bearer {api.access_token}"},
                json=self._body(input, as_template=as_template),
            )
        if response.status_code == httpx.codes.OK:
            return str(response.json()["messages"][0]["id"])
        code = _error_code(response)
        if code == WINDOW_CLOSED and not as_template:
            return await self._post(input, sender, as_template=True)
        raise provider_error(response, f"WhatsApp Cloud API (error {code})")

    def _body(self, input: SendMessageInput, *, as_template: bool) -> dict[str, Any]:
        to = input.phone.lstrip("+")
        base = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to}
        if not as_template:
            return {**base, "type": "text", "text": {"preview_url": True, "body": input.text}}
        params = [one_line(p) for p in input.template_params or [input.text]]
        return {
            **base,
            "type": "template",
            "template": {
                "name": self._api.templates[input.purpose],
                "language": {"code": self._api.template_language},
                "components": [{"type": "body", "parameters": [{"type": "text", "text": p} for p in params]}],
            },
        }


def one_line(text: str) -> str:
    """Meta refuses a template parameter with a newline, a tab or more than four spaces in a row (132018)."""
    return " ".join(text.split())


def _error_code(response: httpx.Response) -> int | None:
    try:
        code = response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None
    return int(code) if isinstance(code, int) else None
