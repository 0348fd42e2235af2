"""POST /webhooks/stripe: verify the Stripe-Signature, then turn the event into a signal on its booking."""

import logging
from decimal import Decimal
from typing import Any

import stripe
from fastapi import APIRouter, Depends, HTTPException, Request, status
from temporalio.service import RPCError, RPCStatusCode

from webhooks.deps import SettingsDep, TemporalDep
from webhooks.rate_limit import per_ip
from workflows import booking_workflow_id
from workflows.booking_types import PaymentEvent

log = logging.getLogger("citaflow.webhooks.stripe")
router = APIRouter(tags=["webhooks"], dependencies=[Depends(per_ip)])

MAX_BODY_BYTES = 1_000_000
# Event type -> BookingWorkflow signal. Other types are acknowledged and ignored (Stripe must not retry).
SIGNALS = {
    "checkout.session.completed": "payment_succeeded",
    "checkout.session.async_payment_succeeded": "payment_succeeded",
    "checkout.session.async_payment_failed": "payment_failed",
    "payment_intent.payment_failed": "payment_failed",
}


def _payment_event(event: dict[str, Any]) -> tuple[str | None, PaymentEvent]:
    obj = event["data"]["object"]
    booking_id = (obj.get("metadata") or {}).get("booking_id") or obj.get("client_reference_id")
    is_session = obj.get("object") == "checkout.session"
    amount = obj.get("amount_total") if is_session else obj.get("amount")
    return booking_id, PaymentEvent(
        event_id=event["id"],
        session_id=obj["id"] if is_session else (obj.get("metadata") or {}).get("checkout_session_id", ""),
        payment_intent_id=obj.get("payment_intent") if is_session else obj.get("id"),
        amount=Decimal(amount) / 100 if amount is not None else None,
    )


@router.post("/webhooks/stripe")
async def stripe_webhook(request: Request, client: TemporalDep, settings: SettingsDep) -> dict[str, str]:
    """Verified first; answered 200 in milliseconds; the booking workflow does the work."""
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, "body too large")
    signature = request.headers.get("stripe-signature")
    if not signature:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing Stripe-Signature")
    try:
        event = stripe.Webhook.construct_event(raw, signature, settings.stripe_webhook_secret.get_secret_value())
    except stripe.SignatureVerificationError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature") from exc
    except ValueError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "malformed event") from exc
    payload = event.to_dict()
    signal = SIGNALS.get(payload.get("type", ""))
    if signal is None:
        return {"status": "ignored"}
    try:
        booking_id, payment = _payment_event(payload)
    except (KeyError, TypeError, ArithmeticError) as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "event without the fields of its type") from exc
    if not booking_id:
        log.warning("stripe event %s names no booking", payment.event_id)
        return {"status": "no_booking"}
    try:
        await client.get_workflow_handle(booking_workflow_id(booking_id)).signal(signal, payment)
    except RPCError as exc:
        if exc.status != RPCStatusCode.NOT_FOUND:
            raise
        log.warning("stripe event %s for unknown booking %s", payment.event_id, booking_id)
        return {"status": "unknown_booking"}
    return {"status": "accepted"}
