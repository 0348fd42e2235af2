"""The WhatsApp Cloud messaging adapter: Graph API `/{phone-number-id}/messages`, inside the rules of WhatsApp.

Outside the 24 h customer-service window (no message from the customer in the last 24 h) only an approved
template may be sent, so the text goes as the template's parameter; a 131047 answer (window closed after all)
is retried at once as the template. A send is recorded before the call and marked with Meta's message id
after it: a retried activity that finds the id recorded sends nothing again. 429 and 5xx raise for Temporal's
retries; any other 4xx is final.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import httpx
from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.console_channel import SendMessageInput, SendMessageResult
from models import Message
from models.enums import Channel, DeliveryStatus, Direction
from models.queries import archive_message, business_id

CUSTOMER_SERVICE_WINDOW = timedelta(hours=24)
WINDOW_CLOSED = 131047
REQUEST_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class GraphApi:
    base_url: str
    phone_number_id: str
    access_token: str
    template_name: str
    template_language: str


class WhatsAppCloudChannel:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], api: GraphApi) -> None:
        self._sessions = sessions
        self._api = api

    @activity.defn(name="send_message")
    async def send_message(self, input: SendMessageInput) -> SendMessageResult:
        async with self._sessions.begin() as session:
            await archive_message(
                session,
                business=input.business,
                customer_phone=input.phone,
                direction=Direction.OUTBOUND,
                channel=Channel.WHATSAPP_CLOUD,
                external_id=input.idempotency_key,
                body=input.text,
                delivery_status=DeliveryStatus.QUEUED,
                workflow_id=input.workflow_id,
            )
            owner = await business_id(session, slug=input.business)
            sent = (
                await session.execute(
                    select(Message.provider_message_id).where(
                        Message.business_id == owner,
                        Message.direction == Direction.OUTBOUND,
                        Message.external_id == input.idempotency_key,
                    )
                )
            ).scalar_one()
            if sent is not None:
                return SendMessageResult(external_id=sent, duplicate=True)
            last_inbound = (
                await session.execute(
                    select(func.max(Message.created_at)).where(
                        Message.business_id == owner,
                        Message.customer_phone == input.phone,
                        Message.direction == Direction.INBOUND,
                    )
                )
            ).scalar_one()
        window_open = last_inbound is not None and datetime.now(UTC) - last_inbound < CUSTOMER_SERVICE_WINDOW
        try:
            wamid = await self._post(input, as_template=not window_open)
        except ApplicationError:
            await self._mark(owner, input.idempotency_key, delivery_status=DeliveryStatus.FAILED)
            raise
        await self._mark(owner, input.idempotency_key, provider_message_id=wamid, delivery_status=DeliveryStatus.SENT)
        return SendMessageResult(external_id=wamid, duplicate=False)

    async def _mark(self, owner: UUID, idempotency_key: str, **values: object) -> None:
        async with self._sessions.begin() as session:
            await session.execute(
                update(Message)
                .where(
                    col(Message.business_id) == owner,
                    col(Message.direction) == Direction.OUTBOUND,
                    col(Message.external_id) == idempotency_key,
                )
                .values(**values)
            )

    async def _post(self, input: SendMessageInput, *, as_template: bool) -> str:
        api = self._api
        async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT_SECONDS) as client:
            response = await client.post(
                f"{api.base_url.rstrip('/')}/{api.phone_number_id}/messages",
                headers={"Authorization": f"Bearer {api.access_token}"},
                json=self._body(input, as_template=as_template),
            )
        if response.status_code == httpx.codes.OK:
            return str(response.json()["messages"][0]["id"])
        code = _error_code(response)
        if code == WINDOW_CLOSED and not as_template:
            return await self._post(input, as_template=True)
        if response.status_code == httpx.codes.TOO_MANY_REQUESTS or response.status_code >= 500:
            raise RuntimeError(f"WhatsApp Cloud API {response.status_code} (error {code}): will retry")
        raise ApplicationError(
            f"WhatsApp Cloud API refused the message: {response.status_code} (error {code})",
            type="MessageRejected",
            non_retryable=True,
        )

    def _body(self, input: SendMessageInput, *, as_template: bool) -> dict[str, Any]:
        to = input.phone.lstrip("+")
        base = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to}
        if not as_template:
            return {**base, "type": "text", "text": {"preview_url": True, "body": input.text}}
        return {
            **base,
            "type": "template",
            "template": {
                "name": self._api.template_name,
                "language": {"code": self._api.template_language},
                "components": [{"type": "body", "parameters": [{"type": "text", "text": input.text}]}],
            },
        }


def _error_code(response: httpx.Response) -> int | None:
    try:
        code = response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None
    return int(code) if isinstance(code, int) else None
