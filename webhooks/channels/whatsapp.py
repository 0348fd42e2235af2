"""WhatsApp Cloud API webhook: Meta's verification handshake, and signed deliveries turned into signals.

Every message of a batch reaches its conversation, in order; the workflow drops redeliveries by wamid.
Nothing is written to the database here: the conversation workflow records what it receives.
"""

import logging

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import PlainTextResponse
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client

from models.delivery import DeliveryUpdate, raise_delivery_status
from models.runtime.settings import Settings
from webhooks.channels.conversations import customer_conversation_id, deliver_message
from webhooks.channels.dead_letters import NotRecordedError
from webhooks.channels.inbound import capped_body, hmac_sha256, same_signature, signal_if_running, signature_header
from webhooks.channels.whatsapp_payload import Undeliverable, WaPayload, delivery_status, inbound_message
from webhooks.deps import DeadLettersDep, RoutesDep, SessionDep, SettingsDep, TemporalDep
from webhooks.rate_limit import address_not_spent, authenticated, per_customer
from workflows.conversation.types import InboundMessage
from workflows.conversation.workflow import ConversationWorkflow

log = logging.getLogger("citaflow.webhooks.whatsapp")
router = APIRouter(tags=["webhooks"], dependencies=[Depends(address_not_spent)])


def _verify(raw: bytes, header: str, secret: str) -> None:
    if not same_signature(header.strip().lower(), "sha256=" + hmac_sha256(secret, raw)):
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
    if expected is None or mode != "subscribe" or not same_signature(token, expected.get_secret_value()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "verification failed")
    return challenge


@router.post("/webhooks/whatsapp")
async def receive(
    request: Request,
    client: TemporalDep,
    settings: SettingsDep,
    routes: RoutesDep,
    dead_letters: DeadLettersDep,
    session: SessionDep,
) -> dict[str, int]:
    """Verify, then one signal-with-start per message, in the order Meta sent them, and one signal per status,
    each to the business whose phone number id the change names. What no workflow can take is a dead letter."""
    if settings.whatsapp_app_secret is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "the WhatsApp channel is not configured")
    raw = await capped_body(request)
    secret = settings.whatsapp_app_secret.get_secret_value()
    await authenticated(request, lambda: _verify(raw, signature_header(request, "x-hub-signature-256"), secret))
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
                inbound.append((business, *inbound_message(message, names)))
            except Undeliverable as exc:
                await dead_letters.record(
                    source="whatsapp", kind="message", reason=str(exc), business=business, item=message
                )
    # The whole batch is counted before any of it is delivered: a 429 leaves nothing half done for Meta's retry.
    for business, customer, _ in inbound:
        await per_customer(request, business=business, customer=customer)
    for business, customer, one in inbound:
        await deliver_message(client, settings, business=business, phone=customer, message=one)
    statuses = 0
    for change, business in zip(changes, businesses, strict=True):
        for item in change.value.statuses:
            try:
                customer, update = delivery_status(item)
            except Undeliverable as exc:
                await dead_letters.record(
                    source="whatsapp", kind="status", reason=str(exc), business=business, item=item
                )
                continue
            if await _report_status(client, settings, session, business, customer, update):
                statuses += 1
            else:
                reason = "status of a message this business never sent"
                await dead_letters.record(source="whatsapp", kind="status", reason=reason, business=business, item=item)
    return {"delivered": len(inbound), "statuses": statuses}


async def _report_status(
    client: Client, settings: Settings, session: AsyncSession, business: str, customer: str, update: DeliveryUpdate
) -> bool:
    """A status goes to the conversation that sent the message (never started by one); with no conversation
    running, straight to the message archive. False when neither knows the message."""
    if await signal_if_running(
        client, customer_conversation_id(settings, business, customer), ConversationWorkflow.delivery_status, update
    ):
        return True
    try:
        async with session.begin():
            return await raise_delivery_status(session, business, update) is not None
    except SQLAlchemyError as exc:
        raise NotRecordedError("a status for no conversation could not be recorded") from exc
