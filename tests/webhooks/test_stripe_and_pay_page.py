"""The simulated pay page and the Stripe webhook: the real signed path from a payment link to a confirmation."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import httpx
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import TeamAlert
from models.enums import AppointmentStatus
from models.runtime.settings import Settings
from tests.app_client import client_for
from tests.workflows.bookings import Booking, appointments, book, local_day_at, until
from webhooks.channels import stripe_events
from workflows.booking.stray_payment import stray_payment_workflow_id
from workflows.booking.types import BookingStatus
from workflows.booking.workflow import BookingWorkflow


async def _awaiting(db: AsyncEngine, env: WorkflowEnvironment, client: Client, worker: Worker, phone: str) -> Booking:
    booking = await book(
        db, client, worker.task_queue, phone, service="Tinte", staff="Marta", start=await local_day_at(env, 3, 12)
    )
    await until(env, booking, BookingStatus.AWAITING_PAYMENT)
    return booking


def _page_events(html: str) -> dict[str, dict[str, str]]:
    match = re.search(r'<script type="application/json" id="events">(.*?)</script>', html, re.S)
    assert match is not None
    events: dict[str, dict[str, str]] = json.loads(match.group(1))
    return events


async def _open_pay_page(api: httpx.AsyncClient, booking: Booking) -> httpx.Response:
    view = await booking.handle.query(BookingWorkflow.view)
    assert view.payment_url is not None
    return await api.get(view.payment_url.split("8000", 1)[1])


async def test_pay_button_posts_a_signed_event_that_confirms_the_booking(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    api: httpx.AsyncClient,
) -> None:
    booking = await _awaiting(db, temporal_env, temporal_client, worker, phone)
    page = await _open_pay_page(api, booking)
    assert page.status_code == 200
    assert "9,00 €" in page.text  # 20 % of 45 €
    assert "<h1>Atrévete Peluquería</h1>" in page.text, "the business's name, not its slug"
    paid = _page_events(page.text)["pay"]
    for _ in range(2):  # a double click, or Stripe redelivering: one confirmation
        response = await api.post(
            "/webhooks/stripe", content=paid["payload"], headers={"stripe-signature": paid["signature"]}
        )
        assert response.json() == {"status": "accepted"}
    await until(temporal_env, booking, BookingStatus.CONFIRMED)
    assert [r.status for r in await appointments(db, booking)] == [AppointmentStatus.CONFIRMED]


async def test_fail_button_gives_a_new_link(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    api: httpx.AsyncClient,
) -> None:
    booking = await _awaiting(db, temporal_env, temporal_client, worker, phone)
    failed = _page_events((await _open_pay_page(api, booking)).text)["fail"]
    response = await api.post(
        "/webhooks/stripe", content=failed["payload"], headers={"stripe-signature": failed["signature"]}
    )
    assert response.status_code == 200
    for _ in range(100):
        if (await booking.handle.query(BookingWorkflow.view)).payment_failures == 1:
            break
        await temporal_env.sleep(timedelta(seconds=1))
    assert (await booking.handle.query(BookingWorkflow.view)).payment_failures == 1


async def test_tampered_or_unsigned_links_and_events_are_rejected(api: httpx.AsyncClient, settings: Settings) -> None:
    session = "cs_sim_" + "0" * 24
    forged = await api.get(f"/pay/{session}?booking=b&amount=0.01&concept=x&sig=" + "0" * 64)
    assert forged.status_code == 401
    not_a_link = await api.get(f"/pay/{session}?booking=b&amount=1e9&concept=x&sig=" + "0" * 64)
    assert not_a_link.status_code == 422, "parameters are checked by their form before anything else"
    event = stripe_events.checkout_completed("cs_sim_x", "b", Decimal("1.00"))
    body = json.dumps(event)
    assert (await api.post("/webhooks/stripe", content=body)).status_code == 401
    bad = stripe_events.sign(body, SecretStr("whsec_wrong"))
    assert (await api.post("/webhooks/stripe", content=body, headers={"stripe-signature": bad})).status_code == 401
    good = stripe_events.sign("{not json", settings.stripe_webhook_secret)
    malformed = await api.post("/webhooks/stripe", content="{not json", headers={"stripe-signature": good})
    assert malformed.status_code == 400
    huge = "x" * 1_000_001
    assert (await api.post("/webhooks/stripe", content=huge, headers={"stripe-signature": good})).status_code == 413


async def test_a_payment_for_an_unknown_booking_is_refunded_and_the_team_told_other_types_acknowledged(
    api: httpx.AsyncClient, settings: Settings, worker: Worker, temporal_client: Client, db: AsyncEngine
) -> None:
    secret = settings.stripe_webhook_secret
    unknown = stripe_events.signed(
        stripe_events.checkout_completed("cs_sim_nobody", "no-such-booking", Decimal("5.00")), secret
    )
    for _ in range(2):  # Stripe redelivers: one refund
        response = await api.post(
            "/webhooks/stripe", content=unknown["payload"], headers={"stripe-signature": unknown["signature"]}
        )
        assert response.json() == {"status": "refunding"}
    event_id = json.loads(unknown["payload"])["id"]
    stray = temporal_client.get_workflow_handle(stray_payment_workflow_id(event_id))
    assert await stray.result() is True, "the money went back"
    async with AsyncSession(db) as session:
        [alert] = (await session.execute(select(TeamAlert))).scalars()
    assert "5,00 €" in alert.text and "no-such-booking" in alert.text
    other = json.loads(unknown["payload"]) | {"type": "customer.created"}
    signed = stripe_events.signed(other, secret)
    response = await api.post(
        "/webhooks/stripe", content=signed["payload"], headers={"stripe-signature": signed["signature"]}
    )
    assert response.json() == {"status": "ignored"}


async def test_events_of_connected_accounts_are_verified_with_the_connect_endpoints_secret(
    settings: Settings, temporal_client: Client, worker: Worker
) -> None:
    connect = SecretStr("whsec_connect_endpoint")
    event = stripe_events.signed(stripe_events.checkout_completed("cs_x", "no-such-booking", Decimal("5.00")), connect)
    headers = {"stripe-signature": event["signature"]}
    async with client_for(settings, temporal_client) as without:
        assert (await without.post("/webhooks/stripe", content=event["payload"], headers=headers)).status_code == 401
    with_connect = settings.model_copy(update={"stripe_connect_webhook_secret": connect})
    async with client_for(with_connect, temporal_client) as api:
        response = await api.post("/webhooks/stripe", content=event["payload"], headers=headers)
        assert response.json() == {"status": "refunding"}, "verified, then routed by the booking id"
