"""Stripe's real event envelopes (tests/fixtures/stripe), redelivered and out of order: only the first
meaningful one changes anything; an expired Checkout Session releases the hold it belonged to."""

import json
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus, PaymentStatus
from models.runtime.settings import Settings
from tests import fixtures
from tests.webhooks.test_stripe_and_pay_page import _awaiting
from tests.workflows.bookings import Booking, appointments, sent, until
from webhooks.channels import stripe_events
from workflows.booking.types import BookingStatus
from workflows.booking.workflow import BookingWorkflow

STRIPE = fixtures.FIXTURES / "stripe"


def stripe_event(kind: str, event_id: str, booking: Booking, session_id: str, **fields: Any) -> dict[str, Any]:
    """Stripe's event envelope around its Checkout Session fixture, pointed at our booking and session."""
    event: dict[str, Any] = json.loads((STRIPE / f"event.{kind}.wrapped_fixtures3.json").read_text())
    obj = event["data"]["object"]
    obj.update(
        {
            "id": session_id,
            "client_reference_id": booking.input.booking_id,
            "metadata": {"booking_id": booking.input.booking_id},
            "amount_total": 900,
            **fields,
        }
    )
    return event | {"id": event_id, "type": kind}


async def _deliver(api: httpx.AsyncClient, settings: Settings, event: dict[str, Any]) -> None:
    signed = stripe_events.signed(event, settings.stripe_webhook_secret)
    response = await api.post(
        "/webhooks/stripe", content=signed["payload"], headers={"stripe-signature": signed["signature"]}
    )
    assert response.status_code == 200, response.text


async def _session(booking: Booking) -> str:
    view = await booking.handle.query(BookingWorkflow.view)
    assert view.payment_url is not None
    return view.payment_url.split("/pay/")[1].split("?")[0]


async def test_completed_twice_then_expired_confirms_once_and_stays_confirmed(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    api: httpx.AsyncClient,
    settings: Settings,
) -> None:
    booking = await _awaiting(db, temporal_env, temporal_client, worker, phone)
    session = await _session(booking)
    paid = stripe_event("checkout.session.completed", "evt_paid_1", booking, session, payment_intent="pi_1")
    for _ in range(2):
        await _deliver(api, settings, paid)
    await _deliver(api, settings, stripe_event("checkout.session.expired", "evt_exp_1", booking, session))
    await until(temporal_env, booking, BookingStatus.CONFIRMED)
    await _deliver(api, settings, paid)
    assert (await sent(db, booking)).count("confirmation") == 1
    [row] = await appointments(db, booking)
    assert row.status == AppointmentStatus.CONFIRMED
    assert (await booking.handle.query(BookingWorkflow.view)).status == BookingStatus.CONFIRMED


async def test_an_expired_current_link_releases_the_hold_and_an_old_one_changes_nothing(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    api: httpx.AsyncClient,
    settings: Settings,
) -> None:
    booking = await _awaiting(db, temporal_env, temporal_client, worker, phone)
    await _deliver(api, settings, stripe_event("checkout.session.expired", "evt_old", booking, "cs_someone_else"))
    assert (await booking.handle.query(BookingWorkflow.view)).status == BookingStatus.AWAITING_PAYMENT

    await _deliver(api, settings, stripe_event("checkout.session.expired", "evt_now", booking, await _session(booking)))
    await until(temporal_env, booking, BookingStatus.EXPIRED)
    [row] = await appointments(db, booking)
    assert row.status == AppointmentStatus.EXPIRED
    assert "released" in await sent(db, booking)


def charge_refunded(event_id: str, booking: Booking | None) -> dict[str, Any]:
    """Stripe's charge.refunded envelope around its Charge fixture, refunded in full (as from the Dashboard)."""
    event: dict[str, Any] = json.loads((STRIPE / "event.charge.refunded.wrapped_fixtures3.json").read_text())
    metadata = {"booking_id": booking.input.booking_id} if booking else {}
    event["data"]["object"].update(
        {"amount": 900, "amount_refunded": 900, "refunded": True, "payment_intent": "pi_1", "metadata": metadata}
    )
    return event | {"id": event_id, "type": "charge.refunded"}


async def test_a_refund_made_in_the_dashboard_reaches_the_appointment_once(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    api: httpx.AsyncClient,
    settings: Settings,
) -> None:
    booking = await _awaiting(db, temporal_env, temporal_client, worker, phone)
    session = await _session(booking)
    await _deliver(api, settings, stripe_event("checkout.session.completed", "evt_p", booking, session))
    await until(temporal_env, booking, BookingStatus.CONFIRMED)
    for _ in range(3):
        await _deliver(api, settings, charge_refunded("evt_refund_1", booking))
    for _ in range(100):
        [row] = await appointments(db, booking)
        if row.payment_status == PaymentStatus.REFUNDED:
            break
        await temporal_env.sleep(timedelta(seconds=1))
    assert row.payment_status == PaymentStatus.REFUNDED and row.status == AppointmentStatus.CONFIRMED
    history = await booking.handle.fetch_history()
    described = [e.user_metadata.summary for e in history.events if e.user_metadata.HasField("summary")]
    summaries = await temporal_client.data_converter.decode(described, [str] * len(described))
    assert sum("anticipo devuelto (Stripe)" in s for s in summaries) == 1, "redeliveries change nothing"


async def test_a_refund_without_our_booking_is_acknowledged(api: httpx.AsyncClient, settings: Settings) -> None:
    signed = stripe_events.signed(charge_refunded("evt_refund_x", None), settings.stripe_webhook_secret)
    response = await api.post(
        "/webhooks/stripe", content=signed["payload"], headers={"stripe-signature": signed["signature"]}
    )
    assert response.json() == {"status": "no_booking"}
