"""WhatsApp Cloud API webhook: Meta's verification handshake, and signed deliveries: messages turned into signals,
delivery statuses applied to the message archive.

Every message of a batch reaches its conversation, in order; the workflow drops redeliveries by wamid and records
what it receives. Statuses never reach a conversation (each would cost it a signal and an activity): the webhook
raises them itself, in one short transaction per batch, and answers 503 while PostgreSQL cannot take them.
"""

import asyncio
import logging
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import PlainTextResponse
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from models.delivery import DeliveryUpdate, raise_delivery_statuses
from webhooks.channels.conversations import deliver_message
from webhooks.channels.dead_letters import NotRecordedError
from webhooks.channels.inbound import capped_body, hmac_sha256, same_signature, signature_header
from webhooks.channels.whatsapp_payload import Undeliverable, WaPayload, delivery_status, inbound_message
from webhooks.deps import DeadLettersDep, RoutesDep, SessionDep, SettingsDep, TemporalDep
from webhooks.rate_limit import address_not_spent, authenticated, per_customer
from workflows.conversation.types import InboundMessage

log = logging.getLogger("citaflow.webhooks.whatsapp")
router = APIRouter(tags=["webhooks"], dependencies=[Depends(address_not_spent)])
# Meta waits seconds for an answer: a PostgreSQL slower than this (hung, or a row held long) is as good as down,
# and the batch is refused (503) for a redelivery rather than answered after Meta gave up.
STATUS_WRITE_TIMEOUT_SECONDS = 3.0


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
    """Verify, then one signal-with-start per message, in the order Meta sent them, and the batch's statuses raised
    in one transaction, each for the business whose phone number id the change names. What no workflow can take,
    and a status for no message of that business, is a dead letter."""
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
    reported: list[tuple[str, dict[str, Any], DeliveryUpdate]] = []
    for change, business in zip(changes, businesses, strict=True):
        for item in change.value.statuses:
            try:
                reported.append((business, item, delivery_status(item)))
            except Undeliverable as exc:
                await dead_letters.record(
                    source="whatsapp", kind="status", reason=str(exc), business=business, item=item
                )
    known = await _apply_statuses(session, [(business, update) for business, _, update in reported])
    for (business, item, _), ours in zip(reported, known, strict=True):
        if not ours:
            reason = "status of a message this business never sent"
            await dead_letters.record(source="whatsapp", kind="status", reason=reason, business=business, item=item)
    return {"delivered": len(inbound), "statuses": sum(known)}


async def _apply_statuses(session: AsyncSession, updates: list[tuple[str, DeliveryUpdate]]) -> list[bool]:
    """All of a batch's statuses or none: a refused batch comes again whole, and raising is idempotent. A batch
    without statuses opens no connection (the session connects at its first statement), so customer messages are
    still taken while PostgreSQL is down."""
    try:
        async with asyncio.timeout(STATUS_WRITE_TIMEOUT_SECONDS), session.begin():
            return await raise_delivery_statuses(session, updates)
    except (SQLAlchemyError, TimeoutError) as exc:
        raise NotRecordedError("delivery statuses could not be recorded") from exc
