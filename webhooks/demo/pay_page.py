"""GET /pay/{session}: the simulated checkout page, whose buttons post signed Stripe events to our webhook.
Development only (app.py mounts it outside production)."""

import hmac
import json
from decimal import Decimal
from functools import cache
from html import escape
from pathlib import Path
from string import Template
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import Appointment, Business
from models.pay_link import link_signature
from models.pricing import euros
from webhooks.channels import stripe_events
from webhooks.deps import SessionDep, SettingsDep
from workflows import booking_workflow_id

router = APIRouter(tags=["demo"])
PAGE = Path(__file__).parents[1] / "static" / "pay.html"

# Exactly what SimulatedPayments writes into a link; anything else is refused before any work.
SessionId = Annotated[str, PathParam(pattern=r"^cs_sim_[0-9a-f]{24}$")]
BookingId = Annotated[str, Query(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Amount = Annotated[str, Query(pattern=r"^[0-9]{1,6}\.[0-9]{2}$")]
Concept = Annotated[str, Query(max_length=300)]
Signature = Annotated[str, Query(pattern=r"^[0-9a-f]{64}$")]


@cache
def _template() -> Template:
    return Template(PAGE.read_text(encoding="utf-8"))


@router.get("/pay/{session_id}", response_class=HTMLResponse)
async def pay_page(
    session_id: SessionId,
    settings: SettingsDep,
    session: SessionDep,
    booking: BookingId,
    amount: Amount,
    sig: Signature,
    concept: Concept = "",
) -> HTMLResponse:
    """Only links our payment adapter signed open a page; anything else is 401, checked before anything is
    parsed or built."""
    secret = settings.stripe_webhook_secret
    if not hmac.compare_digest(link_signature(secret, session_id, booking, amount, concept), sig):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "this payment link is not valid")
    value = Decimal(amount)
    events = {
        "pay": stripe_events.signed(stripe_events.checkout_completed(session_id, booking, value), secret),
        "fail": stripe_events.signed(stripe_events.payment_failed(session_id, booking, value), secret),
    }
    html = _template().substitute(
        business=escape(await _business_name(session, booking) or settings.default_business),
        concept=escape(concept),
        amount=escape(euros(value)),
        events=json.dumps(events).replace("</", "<\\/"),
    )
    return HTMLResponse(html)


async def _business_name(session: AsyncSession, booking: str) -> str | None:
    """The name the customer knows (the booking's business), not our slug for it."""
    return await session.scalar(
        select(Business.name)
        .join(Appointment, col(Appointment.business_id) == col(Business.id))
        .where(Appointment.workflow_id == booking_workflow_id(booking))
        .limit(1)
    )
