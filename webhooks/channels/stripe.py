"""POST /webhooks/stripe: verify the Stripe-Signature, then turn the event into a signal on its booking."""

import logging
from decimal import Decimal
from typing import Any

import stripe
from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, SecretStr, ValidationError
from temporalio.common import WorkflowIDConflictPolicy

from models.runtime.settings import Settings
from webhooks.channels.conversations import PROVIDER_RPC_TIMEOUT
from webhooks.channels.inbound import capped_body, signal_if_running, signature_header
from webhooks.deps import SettingsDep, TemporalDep
from webhooks.rate_limit import address_not_spent, authenticated, per_customer
from workflows import booking_workflow_id
from workflows.booking.stray_payment import StrayPaymentInput, StrayPaymentWorkflow, stray_payment_workflow_id
from workflows.booking.types import PaymentEvent

log = logging.getLogger("citaflow.webhooks.stripe")
router = APIRouter(tags=["webhooks"], dependencies=[Depends(address_not_spent)])

# Stripe's own default: an event signed longer ago than this is a replay, not a delivery.
SIGNATURE_TOLERANCE_SECONDS = 300
# Event type -> BookingWorkflow signal. Other types are acknowledged and ignored (Stripe must not retry).
SIGNALS = {
    "checkout.session.completed": "payment_succeeded",
    "checkout.session.async_payment_succeeded": "payment_succeeded",
    "checkout.session.async_payment_failed": "payment_failed",
    "payment_intent.payment_failed": "payment_failed",
    "checkout.session.expired": "payment_link_expired",
    # The charge carries the booking id when the PaymentIntent's metadata reached it; otherwise logged.
    "charge.refunded": "deposit_refunded",
}


class PaymentObject(BaseModel):
    """The fields we read of a Checkout Session or a PaymentIntent (Stripe sends many more)."""

    id: str
    object: str | None = None
    currency: str | None = None
    metadata: dict[str, str] | None = None
    client_reference_id: str | None = None
    amount_total: int | None = None
    amount: int | None = None
    amount_refunded: int | None = None
    # A string unless the endpoint asked Stripe to expand it.
    payment_intent: str | dict[str, Any] | None = None


class EventData(BaseModel):
    object: PaymentObject


class EventType(BaseModel):
    type: str


class PaymentEventEnvelope(BaseModel):
    id: str
    type: str
    data: EventData
    # Set on events of a connected account (Stripe Connect).
    account: str | None = None


def _payment_event(event: PaymentEventEnvelope) -> tuple[str | None, PaymentEvent]:
    obj = event.data.object
    metadata = obj.metadata or {}
    booking_id = metadata.get("booking_id") or obj.client_reference_id
    is_session = obj.object == "checkout.session"
    amount = {"checkout.session": obj.amount_total, "charge": obj.amount_refunded}.get(obj.object or "", obj.amount)
    intent = obj.payment_intent if obj.object in ("checkout.session", "charge") else obj.id
    return booking_id, PaymentEvent(
        event_id=event.id,
        session_id=obj.id if is_session else metadata.get("checkout_session_id", ""),
        payment_intent_id=intent.get("id") if isinstance(intent, dict) else intent,
        amount=Decimal(amount) / 100 if amount is not None else None,
        currency=obj.currency,
        account=event.account,
    )


def _signed_with(payload: str, signature: str, secret: SecretStr) -> bool:
    try:
        stripe.WebhookSignature.verify_header(
            payload, signature, secret.get_secret_value(), tolerance=SIGNATURE_TOLERANCE_SECONDS
        )
    except stripe.SignatureVerificationError:
        return False
    return True


def _verify(raw: bytes, signature: str, settings: Settings) -> None:
    if not signature:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing Stripe-Signature")
    try:
        # Strict: the signed text is exactly the bytes received (Stripe sends UTF-8).
        payload = raw.decode()
    except UnicodeDecodeError:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature") from None
    secrets = (settings.stripe_webhook_secret, settings.stripe_connect_webhook_secret)
    if not any(_signed_with(payload, signature, secret) for secret in secrets if secret is not None):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")


@router.post("/webhooks/stripe")
async def stripe_webhook(request: Request, client: TemporalDep, settings: SettingsDep) -> dict[str, str]:
    """Verified first; answered 200 in milliseconds; the booking workflow does the work."""
    raw = await capped_body(request)
    await authenticated(request, lambda: _verify(raw, signature_header(request, "stripe-signature"), settings))
    try:
        kind = EventType.model_validate_json(raw).type
    except ValidationError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "malformed event") from exc
    signal = SIGNALS.get(kind)
    if signal is None:
        return {"status": "ignored"}
    try:
        envelope = PaymentEventEnvelope.model_validate_json(raw)
    except ValidationError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "event without the fields of its type") from exc
    booking_id, payment = _payment_event(envelope)
    if not booking_id:
        log.warning("stripe event %s names no booking", payment.event_id)
        return {"status": "no_booking"}
    # A booking is Stripe's customer; a connected account (or the platform's own) its business.
    await per_customer(request, business=envelope.account or "platform", customer=booking_id)
    if await signal_if_running(client, booking_workflow_id(booking_id), signal, payment):
        return {"status": "accepted"}
    if signal != "payment_succeeded":
        log.warning("stripe event %s for a closed or unknown booking %s", payment.event_id, booking_id)
        return {"status": "unknown_booking"}
    # Money for a booking that is closed (released, cancelled, done) or that we never made: it goes back.
    await client.start_workflow(
        StrayPaymentWorkflow.run,
        StrayPaymentInput(booking_id, payment, settings.default_business),
        id=stray_payment_workflow_id(payment.event_id),
        task_queue=settings.task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        rpc_timeout=PROVIDER_RPC_TIMEOUT,
    )
    return {"status": "refunding"}
