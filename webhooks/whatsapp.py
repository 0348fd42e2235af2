"""WhatsApp Cloud API webhook: Meta's verification handshake, and signed deliveries turned into signals.

Every message of a batch reaches its conversation, in order; the workflow drops redeliveries by wamid.
Nothing is written to the database here: the conversation workflow records what it receives.
"""

import hashlib
import hmac
import logging
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, ConfigDict, ValidationError
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from activities.message_archive import DeliveryUpdate
from models.enums import Channel, DeliveryStatus
from webhooks.conversations import PROVIDER_RPC_TIMEOUT, deliver_message
from webhooks.deps import RoutesDep, SettingsDep, TemporalDep
from webhooks.phones import to_e164
from webhooks.rate_limit import address_not_spent, authenticated, per_customer
from workflows import conversation_id
from workflows.conversation import ConversationWorkflow
from workflows.conversation_types import InboundMessage

log = logging.getLogger("citaflow.webhooks.whatsapp")
router = APIRouter(tags=["webhooks"], dependencies=[Depends(address_not_spent)])
MAX_BODY_BYTES = 1_000_000


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="allow")


class WaValue(_Lenient):
    # phone_number_id: the business's number the customer wrote to (or that sent the message a status is for).
    metadata: dict[str, Any] = {}
    contacts: list[dict[str, Any]] = []
    messages: list[dict[str, Any]] = []
    statuses: list[dict[str, Any]] = []


class WaChange(_Lenient):
    field: str
    value: WaValue


class WaEntry(_Lenient):
    changes: list[WaChange]


class WaPayload(_Lenient):
    object: str
    entry: list[WaEntry]


def message_text(message: dict[str, Any]) -> str:
    """What the customer said: text, the title of a tapped button or list row, or a note for media."""
    kind = message.get("type")
    if kind == "text":
        return str(message.get("text", {}).get("body", ""))
    if kind == "interactive":
        reply = message.get("interactive", {})
        return str(reply.get(reply.get("type", ""), {}).get("title", ""))
    if kind == "button":
        return str(message.get("button", {}).get("text", ""))
    return f"[{kind or 'adjunto'}]"


def _verify(raw: bytes, header: str | None, secret: str) -> None:
    expected = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    if not header or not hmac.compare_digest(header.strip().lower(), expected):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad X-Hub-Signature-256")


@router.get("/webhooks/whatsapp", response_class=PlainTextResponse)
async def verify_subscription(
    settings: SettingsDep,
    mode: str = Query(alias="hub.mode", max_length=20),
    token: str = Query(alias="hub.verify_token", max_length=200),
    challenge: str = Query(alias="hub.challenge", max_length=200),
) -> str:
    """Meta's handshake: echo the challenge when the verify token matches."""
    expected = settings.whatsapp_verify_token
    if expected is None or mode != "subscribe" or not hmac.compare_digest(token, expected.get_secret_value()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "verification failed")
    return challenge


@router.post("/webhooks/whatsapp")
async def receive(request: Request, client: TemporalDep, settings: SettingsDep, routes: RoutesDep) -> dict[str, int]:
    """Verify, then one signal-with-start per message, in the order Meta sent them, and one signal per status,
    each to the business whose phone number id the change names."""
    if settings.whatsapp_app_secret is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "the WhatsApp channel is not configured")
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, "body too large")
    secret = settings.whatsapp_app_secret.get_secret_value()
    await authenticated(request, lambda: _verify(raw, request.headers.get("x-hub-signature-256"), secret))
    try:
        payload = WaPayload.model_validate_json(raw)
    except ValidationError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "not a WhatsApp webhook payload") from exc
    changes = [c for e in payload.entry for c in e.changes if c.field == "messages"]
    # Every change routed before anything is delivered: one unknown number refuses the batch whole.
    businesses = [await routes.business("whatsapp", c.value.metadata.get("phone_number_id")) for c in changes]
    inbound: list[tuple[str, str, InboundMessage]] = []
    for change, business in zip(changes, businesses, strict=True):
        names = {c.get("wa_id"): c.get("profile", {}).get("name") for c in change.value.contacts}
        for message in change.value.messages:
            try:
                phone = to_e164(f"+{message['from']}")
                inbound.append(
                    (
                        business,
                        phone,
                        InboundMessage(
                            message_id=str(message["id"]),
                            text=message_text(message),
                            channel=Channel.WHATSAPP_CLOUD,
                            profile_name=names.get(message["from"]),
                        ),
                    )
                )
            except (KeyError, ValueError, TypeError, AttributeError):
                log.warning("whatsapp message without a usable sender or id skipped")
    # The whole batch is counted before any of it is delivered: a 429 leaves nothing half done for Meta's retry.
    for business, phone, _ in inbound:
        await per_customer(request, business=business, customer=phone)
    for business, phone, one in inbound:
        await deliver_message(client, settings, business=business, phone=phone, message=one)
    statuses = 0
    for change, business in zip(changes, businesses, strict=True):
        for item in change.value.statuses:
            update = _status(item)
            if update is not None:
                statuses += await _report_status(client, business, *update)
    delivered = len(inbound)
    return {"delivered": delivered, "statuses": statuses}


def _status(item: dict[str, Any]) -> tuple[str, DeliveryUpdate] | None:
    try:
        phone = to_e164(f"+{item['recipient_id']}")
        return phone, DeliveryUpdate(provider_message_id=str(item["id"]), status=DeliveryStatus(item["status"]))
    except (KeyError, ValueError, TypeError):
        log.warning("whatsapp status without a usable recipient, id or status skipped")
        return None


async def _report_status(client: Client, business: str, phone: str, update: DeliveryUpdate) -> int:
    """Statuses go to the conversation that sent the message (never started by one); 1 if it took it."""
    try:
        await client.get_workflow_handle(conversation_id(business, phone)).signal(
            ConversationWorkflow.delivery_status, update, rpc_timeout=PROVIDER_RPC_TIMEOUT
        )
    except RPCError as exc:
        if exc.status != RPCStatusCode.NOT_FOUND:
            raise
        return 0
    return 1
