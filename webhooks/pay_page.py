"""GET /pay/{session}: the simulated checkout page, whose buttons post signed Stripe events to our webhook."""

import hmac
import json
from decimal import Decimal, InvalidOperation
from functools import cache
from html import escape
from pathlib import Path
from string import Template

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import HTMLResponse

from activities.payments_simulated import link_signature
from webhooks import stripe_events
from webhooks.deps import SettingsDep
from workflows.booking_texts import euros

router = APIRouter(tags=["demo"])
PAGE = Path(__file__).parent / "static" / "pay.html"


@cache
def _template() -> Template:
    return Template(PAGE.read_text(encoding="utf-8"))


@router.get("/pay/{session_id}", response_class=HTMLResponse)
async def pay_page(
    session_id: str,
    settings: SettingsDep,
    booking: str = Query(max_length=100),
    amount: str = Query(max_length=12),
    concept: str = Query(default="", max_length=300),
    sig: str = Query(max_length=64),
) -> HTMLResponse:
    """Only links our payment adapter signed open a page; anything else is 401."""
    try:
        value = Decimal(amount)
    except InvalidOperation as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "amount is not a number") from exc
    expected = link_signature(settings.stripe_webhook_secret, session_id, booking, value)
    if not hmac.compare_digest(expected, sig):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "this payment link is not valid")
    secret = settings.stripe_webhook_secret
    events = {
        "pay": stripe_events.signed(stripe_events.checkout_completed(session_id, booking, value), secret),
        "fail": stripe_events.signed(stripe_events.payment_failed(session_id, booking, value), secret),
    }
    html = _template().substitute(
        business=escape(settings.default_business),
        concept=escape(concept),
        amount=escape(euros(value)),
        events=json.dumps(events).replace("</", "<\\/"),
    )
    return HTMLResponse(html)
