"""BookingWorkflow from hold to confirmation: deposits, durable hold timers, failures, late payments."""

from datetime import timedelta
from decimal import Decimal

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus, PaymentStatus
from tests.workflows.bookings import (
    appointments,
    customer,
    item,
    local_day_at,
    message,
    sent,
    start_booking,
    until,
    until_sent,
)
from workflows.booking.types import BookingStatus, PaymentEvent
from workflows.booking.workflow import BookingWorkflow
from workflows.search_attributes import CONVERSATION_STATE

PHONE = "+34611000001"


def paid(session_id: str, event_id: str = "evt_1") -> PaymentEvent:
    return PaymentEvent(event_id=event_id, session_id=session_id, payment_intent_id="pi_1")


async def _link_session(booking_handle) -> str:  # type: ignore[no-untyped-def]
    view = await booking_handle.query(BookingWorkflow.view)
    assert view.payment_url is not None
    return view.payment_url.split("/pay/")[1].split("?")[0]


async def _mechas_with_pilar(db: AsyncEngine, env: WorkflowEnvironment, client: Client, worker: Worker, days: int = 5):  # type: ignore[no-untyped-def]
    booker = await customer(db, PHONE)
    start = await local_day_at(env, days, 11)
    return await start_booking(
        client,
        worker.task_queue,
        phone=PHONE,
        booker=booker,
        start=start,
        items=[await item(db, booker, service="Mechas", staff="Pilar")],
    )


async def _until(env: WorkflowEnvironment, handle, status: BookingStatus) -> None:  # type: ignore[no-untyped-def]
    """Advance in small virtual steps until the workflow reports `status` (no wall-clock sleeping)."""
    for _ in range(200):
        if (await handle.query(BookingWorkflow.view)).status == status:
            return
        await env.sleep(timedelta(seconds=1))
    raise AssertionError(f"booking never reached {status}")


async def test_booking_unpaid_hold_reminds_at_25_and_releases_at_30(
    db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    booking = await _mechas_with_pilar(db, temporal_env, temporal_client, worker)
    await _until(temporal_env, booking.handle, BookingStatus.AWAITING_PAYMENT)
    rows = await appointments(db, booking)
    assert [(r.status, r.payment_status) for r in rows] == [(AppointmentStatus.PROVISIONAL, PaymentStatus.PENDING)]
    assert rows[0].deposit_amount == (rows[0].total_price * Decimal("0.20")).quantize(Decimal("0.01"))
    link = await message(db, booking, "link")
    assert "anticipo" in link.body and "/pay/cs_sim_" in link.body and "30 minutos" in link.body

    await temporal_env.sleep(timedelta(minutes=24))
    assert "hold-reminder-0" not in await sent(db, booking)
    await temporal_env.sleep(timedelta(minutes=2))
    assert await sent(db, booking) == ["link", "hold-reminder-0"]
    assert (await appointments(db, booking))[0].status == AppointmentStatus.PROVISIONAL

    await temporal_env.sleep(timedelta(minutes=5))
    await _until(temporal_env, booking.handle, BookingStatus.EXPIRED)
    assert await sent(db, booking) == ["link", "hold-reminder-0", "released"]
    assert (await appointments(db, booking))[0].status == AppointmentStatus.EXPIRED


async def test_paid_booking_is_confirmed_and_staff_notified(
    db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    booking = await _mechas_with_pilar(db, temporal_env, temporal_client, worker)
    await _until(temporal_env, booking.handle, BookingStatus.AWAITING_PAYMENT)
    session = await _link_session(booking.handle)
    await booking.handle.signal(BookingWorkflow.payment_succeeded, paid(session))
    await booking.handle.signal(BookingWorkflow.payment_succeeded, paid(session))  # Stripe redelivers
    await _until(temporal_env, booking.handle, BookingStatus.CONFIRMED)
    rows = await appointments(db, booking)
    assert [(r.status, r.payment_status, r.payment_reference) for r in rows] == [
        (AppointmentStatus.CONFIRMED, PaymentStatus.PAID, "pi_1")
    ]
    purposes = await sent(db, booking)
    assert purposes.count("confirmation") == 1
    assert [p for p in purposes if p.startswith("staff-notice")] == [f"staff-notice-{booking.input.items[0].staff_id}"]
    confirmation = (await message(db, booking, "confirmation")).body
    assert "Mechas con Pilar" in confirmation and "11:00" in confirmation and "24 horas" in confirmation
    notice = (await message(db, booking, f"staff-notice-{booking.input.items[0].staff_id}")).body
    assert notice.startswith("Nueva cita") and "URGENTE" not in notice


async def test_payment_failure_twice_gives_new_link_then_escalates_and_keeps_hold(
    db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    booking = await _mechas_with_pilar(db, temporal_env, temporal_client, worker)
    await _until(temporal_env, booking.handle, BookingStatus.AWAITING_PAYMENT)
    first = await booking.handle.query(BookingWorkflow.view)
    session = await _link_session(booking.handle)
    await booking.handle.signal(BookingWorkflow.payment_failed, PaymentEvent("evt_f1", session))
    for _ in range(100):
        view = await booking.handle.query(BookingWorkflow.view)
        if view.payment_url != first.payment_url:
            break
        await temporal_env.sleep(timedelta(seconds=1))
    assert view.hold_expires_at == first.hold_expires_at + timedelta(minutes=15)
    assert "payment-failed-1" in await sent(db, booking)

    await booking.handle.signal(BookingWorkflow.payment_failed, PaymentEvent("evt_f2", session))
    await _until(temporal_env, booking.handle, BookingStatus.ESCALATED)
    await temporal_env.sleep(timedelta(hours=2))  # long past any expiry: the hold is kept for the team
    rows = await appointments(db, booking)
    assert rows[0].status == AppointmentStatus.PROVISIONAL and rows[0].payment_retries == 1
    purposes = await sent(db, booking)
    assert "payment-failed-final" in purposes and "team-alert" in purposes and "released" not in purposes


async def test_second_payment_failure_hands_the_conversation_to_a_person(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    api: httpx.AsyncClient,
) -> None:
    sent_hello = await api.post("/demo/messages", json={"phone": phone, "text": "hola", "wait": True})
    conversation = sent_hello.json()["workflow_id"]
    booker = await customer(db, phone)
    booking = await start_booking(
        temporal_client,
        worker.task_queue,
        phone=phone,
        booker=booker,
        start=await local_day_at(temporal_env, 5, 11),
        items=[await item(db, booker, service="Mechas", staff="Pilar")],
        conversation_workflow_id=conversation,
    )
    await until(temporal_env, booking, BookingStatus.AWAITING_PAYMENT)
    session = await _link_session(booking.handle)
    await booking.handle.signal(BookingWorkflow.payment_failed, PaymentEvent("evt_a", session))
    await until_sent(temporal_env, db, booking, "payment-failed-1")
    await booking.handle.signal(BookingWorkflow.payment_failed, PaymentEvent("evt_b", session))
    await until(temporal_env, booking, BookingStatus.ESCALATED)
    await until_sent(temporal_env, db, booking, "team-alert")
    state = (await temporal_client.get_workflow_handle(conversation).describe()).typed_search_attributes
    assert state.get(CONVERSATION_STATE) == "escalated"
