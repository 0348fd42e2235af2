"""When a provider says no to a booking: the booking goes on or closes cleanly, the team hears why, the rows say
what happened to the money, and no workflow ends FAILED.

The worker talks to the Graph API and Stripe fakes; each test makes one of them refuse for good, the way Meta or
Stripe answers (a 4xx with their error body), however often it is retried."""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import TeamAlert
from models.enums import AppointmentStatus, PaymentStatus
from models.runtime.settings import Settings
from tests.admin_csrf import carry_csrf
from tests.fakes.http_fake import Request
from tests.fakes.stripe_api import StripeFake, stripe_error
from tests.fakes.whatsapp_graph_api import GraphApiFake, graph_error
from tests.settings_for import settings_for, whatsapp_cloud
from tests.workflows.activity_cuts import ActivityCuts, Cut
from tests.workflows.bookings import Booking, appointments, book, local_day_at, message, sent, until
from workflows.agenda import AgendaInput, StaffAgendaWorkflow
from workflows.booking.refund_retry import refund_retry_workflow_id
from workflows.booking.types import BookingStatus, CancelOutcome, CancelRequest, PaymentEvent
from workflows.booking.workflow import BookingWorkflow

PILAR = "34600000101"
TEAM = "34910000000"


@pytest.fixture
def settings(database_url: str, graph: GraphApiFake, stripe_fake: StripeFake) -> Settings:
    return settings_for(
        database_url,
        **whatsapp_cloud(graph.api_base),
        payments_backend="stripe",
        stripe_secret_key=SecretStr("sk_test_123"),
        stripe_api_base=stripe_fake.base_url,
    )


def to(number: str) -> Callable[[Request], bool]:
    return lambda request: request.method == "POST" and (request.json() or {}).get("to") == number


def posts_to(path: str) -> Callable[[Request], bool]:
    return lambda request: request.method == "POST" and request.path == path


async def team_alerts(db: AsyncEngine) -> list[TeamAlert]:
    async with AsyncSession(db) as session:
        return list((await session.execute(select(TeamAlert).order_by(col(TeamAlert.created_at)))).scalars())


async def pay_through_stripe(env: WorkflowEnvironment, booking: Booking, stripe: StripeFake) -> PaymentEvent:
    await until(env, booking, BookingStatus.AWAITING_PAYMENT)
    (session,) = [s for s in stripe.sessions.values() if s["client_reference_id"] == booking.input.booking_id]
    paid = stripe.complete(session["id"])
    event = PaymentEvent(f"evt_{session['id']}", paid["id"], paid["payment_intent"])
    await booking.handle.signal(BookingWorkflow.payment_succeeded, event)
    return event


def sent_to(graph: GraphApiFake, number: str) -> list[str]:
    return [str(b) for b in graph.sent() if b.get("to") == number]


async def test_a_staff_notice_meta_refuses_goes_to_the_team_and_the_booking_reaches_its_end(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    graph: GraphApiFake,
    stripe_fake: StripeFake,
) -> None:
    graph.refuse(to(PILAR), 400, graph_error(132001, "Template name does not exist in the translation"))
    start = await local_day_at(temporal_env, 5, 11)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Corte", staff="Pilar", start=start)
    await pay_through_stripe(temporal_env, booking, stripe_fake)
    await until(temporal_env, booking, BookingStatus.CONFIRMED)

    assert "confirmation" in await sent(db, booking)
    [alert] = await team_alerts(db)
    assert "132001" in alert.reason and "+34600000101" in alert.text
    assert any("+34600000101" in text for text in sent_to(graph, TEAM)), "the team's number heard it too"

    await temporal_env.sleep(timedelta(days=6))
    assert await booking.handle.result() == BookingStatus.COMPLETED
    assert [a.status for a in await appointments(db, booking)] == [AppointmentStatus.COMPLETED]
    assert "reminder-" + start.isoformat() in await sent(db, booking)


async def test_a_pay_link_meta_refuses_releases_the_slot_and_closes_the_checkout(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    graph: GraphApiFake,
    stripe_fake: StripeFake,
) -> None:
    graph.refuse(to(phone.lstrip("+")), 400, graph_error(131026, "Message undeliverable"))
    start = await local_day_at(temporal_env, 5, 12)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Mechas", staff="Marta", start=start)

    assert await booking.handle.result() == BookingStatus.NOT_STARTED
    assert [a.status for a in await appointments(db, booking)] == [AppointmentStatus.EXPIRED], "the slot is free"
    (session,) = stripe_fake.sessions.values()
    assert session["status"] == "expired", "nobody can pay for a slot the booking no longer holds"
    [alert] = await team_alerts(db)
    assert "131026" in alert.reason and "/pay/" not in alert.reason
    # Someone else can take the hour at once.
    rival = await book(
        db, temporal_client, worker.task_queue, "+34699000333", service="Corte", staff="Marta", start=start
    )
    await until(temporal_env, rival, BookingStatus.AWAITING_PAYMENT)


async def test_stripe_down_past_its_retries_means_no_booking_and_the_team_told(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    stripe_fake: StripeFake,
) -> None:
    stripe_fake.refuse(posts_to("/v1/checkout/sessions"), 503, {"error": {"message": "down", "type": "api_error"}})
    start = await local_day_at(temporal_env, 5, 13)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Mechas", staff="Marta", start=start)

    assert await booking.handle.result() == BookingStatus.NOT_STARTED
    assert [a.status for a in await appointments(db, booking)] == [AppointmentStatus.EXPIRED]
    [alert] = await team_alerts(db)
    assert "enlace de pago" in alert.text
    assert await sent(db, booking) == ["no-link"], "the team's alert, and no message to the customer"


async def test_a_refund_stripe_refuses_leaves_the_cancellation_done_and_the_refund_pending_for_staff_to_retry(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    stripe_fake: StripeFake,
    api: httpx.AsyncClient,
) -> None:
    start = await local_day_at(temporal_env, 5, 16)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Mechas", staff="Pilar", start=start)
    await pay_through_stripe(temporal_env, booking, stripe_fake)
    await until(temporal_env, booking, BookingStatus.CONFIRMED)
    stripe_fake.refuse(
        posts_to("/v1/refunds"), 400, stripe_error(400, "Charge has been disputed", "charge_disputed").body
    )

    result = await booking.handle.execute_update(BookingWorkflow.cancel, CancelRequest())

    assert result.outcome == CancelOutcome.CANCELLED_REFUNDED and result.refunded_amount == 0
    [row] = await appointments(db, booking)
    assert (row.status, row.payment_status) == (AppointmentStatus.CANCELLED, PaymentStatus.REFUND_PENDING)
    assert "se ha retrasado" in (await message(db, booking, "cancelled")).body
    [alert] = await team_alerts(db)
    assert "disputed" in alert.reason and "devuélvelo desde /admin" in alert.text
    assert await booking.handle.result() == BookingStatus.CANCELLED

    # Staff retry from /admin once Stripe would take it: one refund, the row says refunded.
    stripe_fake.refusals.clear()
    login = await api.post("/admin/login", data={"username": "admin", "password": "atrevete"})
    assert login.status_code in (302, 303)
    await carry_csrf(api)
    for _ in range(2):  # a double click is one retry
        retried = await api.post("/admin/appointment/action/retry-refund", data={"pks": str(row.id)})
        assert retried.status_code == 303
    retry = temporal_client.get_workflow_handle(refund_retry_workflow_id(booking.input.booking_id))
    assert await retry.result() is True
    (refund,) = stripe_fake.refunds.values()
    assert (refund["amount"], refund["payment_intent"]) == (1000, row.payment_reference)
    [row] = await appointments(db, booking)
    assert row.payment_status == PaymentStatus.REFUNDED


@pytest.mark.parametrize("stripe_refunds", [True, False], ids=["refunded", "refund_refused"])
async def test_a_late_payment_on_a_taken_slot_is_refunded_recorded_and_told_after_the_refund(
    stripe_refunds: bool,
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    stripe_fake: StripeFake,
) -> None:
    start = await local_day_at(temporal_env, 4, 12)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Mechas", staff="Pilar", start=start)
    await until(temporal_env, booking, BookingStatus.AWAITING_PAYMENT)
    await temporal_env.sleep(timedelta(minutes=31))
    await until(temporal_env, booking, BookingStatus.EXPIRED)
    rival = await book(
        db, temporal_client, worker.task_queue, "+34699000222", service="Corte", staff="Pilar", start=start
    )
    await until(temporal_env, rival, BookingStatus.AWAITING_PAYMENT)
    if not stripe_refunds:
        stripe_fake.refuse(
            posts_to("/v1/refunds"), 402, stripe_error(402, "Insufficient funds", "balance_insufficient").body
        )

    (session,) = [s for s in stripe_fake.sessions.values() if s["client_reference_id"] == booking.input.booking_id]
    paid = stripe_fake.complete(session["id"])
    event = PaymentEvent("evt_late", paid["id"], paid["payment_intent"])
    await booking.handle.signal(BookingWorkflow.payment_succeeded, event)
    assert await booking.handle.result() == BookingStatus.EXPIRED

    [row] = await appointments(db, booking)
    assert row.status == AppointmentStatus.EXPIRED and row.payment_reference == paid["payment_intent"]
    if stripe_refunds:
        (refund,) = stripe_fake.refunds.values()
        assert (refund["payment_intent"], refund["amount"]) == (paid["payment_intent"], 1000)
        assert row.payment_status == PaymentStatus.REFUNDED
        assert "10,00 €" in (await message(db, booking, "late-payment-refund")).body
        assert await team_alerts(db) == []
    else:
        assert row.payment_status == PaymentStatus.REFUND_PENDING
        assert "late-payment-refund" not in await sent(db, booking), "never told of a refund that did not happen"
        [alert] = await team_alerts(db)
        assert "Insufficient funds" in alert.reason


async def test_a_payment_that_is_not_the_deposit_is_given_back_and_does_not_confirm(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    stripe_fake: StripeFake,
) -> None:
    start = await local_day_at(temporal_env, 6, 10)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Mechas", staff="Pilar", start=start)
    await until(temporal_env, booking, BookingStatus.AWAITING_PAYMENT)
    (session,) = stripe_fake.sessions.values()
    paid = stripe_fake.complete(session["id"])
    wrong = [
        PaymentEvent("evt_amount", paid["id"], paid["payment_intent"], Decimal("1.00"), "eur"),
        PaymentEvent("evt_currency", paid["id"], paid["payment_intent"], Decimal("10.00"), "usd"),
        PaymentEvent("evt_account", paid["id"], paid["payment_intent"], Decimal("10.00"), "eur", "acct_other"),
        PaymentEvent("evt_session", "cs_test_someone_else", "pi_other", Decimal("10.00"), "eur"),
    ]
    for event in wrong:
        await booking.handle.signal(BookingWorkflow.payment_succeeded, event)
    for _ in range(100):
        if len(await team_alerts(db)) == len(wrong):
            break
        await temporal_env.sleep(timedelta(seconds=1))

    assert (await booking.handle.query(BookingWorkflow.view)).status == BookingStatus.AWAITING_PAYMENT
    refunded = sorted(
        r["amount"] for r in stripe_fake.refunds.values() if r["payment_intent"] == paid["payment_intent"]
    )
    assert refunded == [100, 1000, 1000], "each stray on this payment went back, for what it was"
    assert len(await team_alerts(db)) == len(wrong)
    right = PaymentEvent("evt_right", paid["id"], paid["payment_intent"], Decimal("10.00"), "eur")
    await booking.handle.signal(BookingWorkflow.payment_succeeded, right)
    await until(temporal_env, booking, BookingStatus.CONFIRMED)


async def test_a_calendar_that_refuses_is_flagged_to_the_team_and_the_booking_goes_on(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    stripe_fake: StripeFake,
    cuts: ActivityCuts,
) -> None:
    cuts.arm("create_calendar_event", Cut.REFUSED)
    cuts.arm("update_calendar_event", Cut.REFUSED)
    start = await local_day_at(temporal_env, 5, 17)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Corte", staff="Harol", start=start)
    await pay_through_stripe(temporal_env, booking, stripe_fake)
    await until(temporal_env, booking, BookingStatus.CONFIRMED)

    assert [a.status for a in await appointments(db, booking)] == [AppointmentStatus.CONFIRMED]
    alerts = await team_alerts(db)
    assert len(alerts) == 2, "the provisional event and its confirmation, each flagged once"
    assert all("calendario" in a.text and "Harol" in a.reason for a in alerts)
    assert "confirmation" in await sent(db, booking)


async def test_a_database_write_refused_mid_booking_is_flagged_and_the_booking_reaches_its_end(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    stripe_fake: StripeFake,
    cuts: ActivityCuts,
) -> None:
    start = await local_day_at(temporal_env, 5, 18)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Corte", staff="Víctor", start=start)
    await until(temporal_env, booking, BookingStatus.AWAITING_PAYMENT)
    cuts.arm("confirm_appointments", Cut.REFUSED)
    await pay_through_stripe(temporal_env, booking, stripe_fake)
    await until(temporal_env, booking, BookingStatus.CONFIRMED)

    [alert] = await team_alerts(db)
    assert "no ha guardado la cita como confirmada" in alert.text and "refused" in alert.reason
    assert "confirmation" in await sent(db, booking), "the customer still hears the booking is confirmed"
    cuts.armed.clear()
    await temporal_env.sleep(timedelta(days=6))
    assert await booking.handle.result() == BookingStatus.COMPLETED


async def test_an_agenda_meta_refuses_goes_to_the_team_and_the_others_are_sent(
    phone: str, db: AsyncEngine, temporal_client: Client, worker: Worker, graph: GraphApiFake
) -> None:
    graph.refuse(to("34600000105"), 400, graph_error(131026, "Message undeliverable"))
    delivered = await temporal_client.execute_workflow(
        StaffAgendaWorkflow.run, AgendaInput("atrevete"), id=f"agenda-test-{phone}", task_queue=worker.task_queue
    )
    assert delivered == 4, "every stylist with a phone but Víctor"
    [alert] = await team_alerts(db)
    assert "+34600000105" in alert.text and "131026" in alert.reason
