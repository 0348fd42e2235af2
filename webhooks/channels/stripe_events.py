"""Stripe-format events for the simulated pay page, signed exactly as Stripe signs its webhooks."""

import hashlib
import hmac
import json
import time
import uuid
from decimal import Decimal
from typing import Any

from pydantic import SecretStr

# The envelope of a Stripe Event (see shared/fixtures/stripe/object.event.openapi_fixtures3.json).
API_VERSION = "2026-10-28.endive"


def _envelope(event_id: str, event_type: str, obj: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": event_id,
        "object": "event",
        "api_version": API_VERSION,
        "created": int(time.time()),
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
    }


def checkout_completed(session_id: str, booking_id: str, amount: Decimal) -> dict[str, Any]:
    """One id per session: paying twice on the page is one payment for the booking."""
    return _envelope(
        f"evt_sim_paid_{session_id}",
        "checkout.session.completed",
        {
            "id": session_id,
            "object": "checkout.session",
            "client_reference_id": booking_id,
            "metadata": {"booking_id": booking_id},
            "amount_total": int(amount * 100),
            "currency": "eur",
            "mode": "payment",
            "payment_intent": f"pi_sim_{session_id.removeprefix('cs_sim_')}",
            "payment_status": "paid",
            "status": "complete",
        },
    )


def payment_failed(session_id: str, booking_id: str, amount: Decimal) -> dict[str, Any]:
    """A fresh id each time: every failed attempt is a separate event, as with a real card."""
    return _envelope(
        f"evt_sim_failed_{uuid.uuid4().hex}",
        "payment_intent.payment_failed",
        {
            "id": f"pi_sim_{session_id.removeprefix('cs_sim_')}",
            "object": "payment_intent",
            "amount": int(amount * 100),
            "currency": "eur",
            "metadata": {"booking_id": booking_id, "checkout_session_id": session_id},
            "status": "requires_payment_method",
            "last_payment_error": {"code": "card_declined", "message": "Your card was declined."},
        },
    )


def sign(payload: str, secret: SecretStr, timestamp: int | None = None) -> str:
    """The Stripe-Signature header value: t=<unix>,v1=HMAC-SHA256(secret, "<t>.<payload>")."""
    t = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.get_secret_value().encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def signed(event: dict[str, Any], secret: SecretStr) -> dict[str, str]:
    payload = json.dumps(event, separators=(",", ":"))
    return {"payload": payload, "signature": sign(payload, secret)}
