"""Cancelling and moving a booking: refunds by the 24 h rule, the deposit kept on a move, timers moved."""

from datetime import timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.api.sdk.v1 import WorkflowMetadata
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus, PaymentStatus
from tests.workflows.bookings import (
    Booking,
    appointments,
    book,
    customer,
    item,
    local_day_at,
    message,
    pay,
    sent,
    start_booking,
    until,
)
from workflows.booking.types import BookingStatus, CancelOutcome, CancelRequest, RescheduleRequest
from workflows.booking.workflow import BookingWorkflow


async def details_of(booking: Booking) -> str:
    """What the Web UI shows at the top of the booking (its current details)."""
    metadata = await booking.handle.query("__temporal_workflow_metadata", result_type=WorkflowMetadata)
    return str(metadata.current_details)


async def _paid_corte(
    db: AsyncEngine, env: WorkflowEnvironment, client: Client, worker: Worker, phone: str, *, hours_ahead: float
) -> Booking:
    booker = await customer(db, phone)
    start = (await env.get_current_time()) + timedelta(hours=hours_ahead)
    booking = await start_booking(
        client,
        worker.task_queue,
        phone=phone,
        booker=booker,
        start=start.replace(microsecond=0),
        items=[await item(db, booker, service="Corte", staff="Víctor")],
    )
    await pay(env, booking)
    return booking


async def test_cancel_25_hours_ahead_refunds_the_deposit(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    booking = await _paid_corte(db, temporal_env, temporal_client, worker, phone, hours_ahead=25.5)
    result = await booking.handle.execute_update(BookingWorkflow.cancel, CancelRequest())
    assert result.outcome == CancelOutcome.CANCELLED_REFUNDED
    assert result.refunded_amount == Decimal("8.00")  # 20 % of 40 €
    assert await booking.handle.result() == BookingStatus.CANCELLED
    rows = await appointments(db, booking)
    assert [(r.status, r.payment_status) for r in rows] == [(AppointmentStatus.CANCELLED, PaymentStatus.REFUNDED)]
    assert "8,00 €" in (await message(db, booking, "cancelled")).body
    assert (await details_of(booking)).startswith("**cancelada** desde el chat, anticipo devuelto (8,00 €) · Lucía · ")


async def test_cancel_20_hours_ahead_offers_to_move_then_cancels_without_refund(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    booking = await _paid_corte(db, temporal_env, temporal_client, worker, phone, hours_ahead=20)
    first = await booking.handle.execute_update(BookingWorkflow.cancel, CancelRequest())
    assert first.outcome == CancelOutcome.NO_REFUND_OFFER_RESCHEDULE
    assert (await appointments(db, booking))[0].status == AppointmentStatus.CONFIRMED
    assert "cancelled" not in await sent(db, booking)

    second = await booking.handle.execute_update(BookingWorkflow.cancel, CancelRequest(accept_no_refund=True))
    assert (second.outcome, second.refunded_amount) == (CancelOutcome.CANCELLED_NO_REFUND, Decimal("0.00"))
    rows = await appointments(db, booking)
    assert [(r.status, r.payment_status) for r in rows] == [(AppointmentStatus.CANCELLED, PaymentStatus.FORFEITED)]
    assert (await details_of(booking)).startswith("**cancelada** desde el chat, sin devolución · Lucía · ")


async def test_staff_cancel_with_refund_inside_the_cut_off(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    booking = await _paid_corte(db, temporal_env, temporal_client, worker, phone, hours_ahead=5)
    result = await booking.handle.execute_update(
        BookingWorkflow.cancel, CancelRequest(by_staff=True, staff_refund=True)
    )
    assert result.outcome == CancelOutcome.CANCELLED_REFUNDED
    assert (await appointments(db, booking))[0].payment_status == PaymentStatus.REFUNDED
    assert (await details_of(booking)).startswith("**cancelada** por el equipo, anticipo devuelto (8,00 €) · ")


async def test_reschedule_keeps_deposit_and_moves_the_48h_reminder(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    booking = await book(
        db,
        temporal_client,
        worker.task_queue,
        phone,
        service="Corte",
        staff="Harol",
        start=await local_day_at(temporal_env, 5, 10),
    )
    await pay(temporal_env, booking)
    new_start = await local_day_at(temporal_env, 8, 17, 30)
    moved = await booking.handle.execute_update(BookingWorkflow.reschedule, RescheduleRequest(start=new_start))
    assert moved.moved
    rows = await appointments(db, booking)
    assert [(r.start_at, r.status, r.payment_status) for r in rows] == [
        (new_start, AppointmentStatus.CONFIRMED, PaymentStatus.PAID)
    ]
    assert "17:30" in (await message(db, booking, f"rescheduled-{new_start.isoformat()}")).body

    # Past the old start's reminder time: nothing; at the new one: the reminder, for the new day.
    await temporal_env.sleep(timedelta(days=4))
    assert not [p for p in await sent(db, booking) if p.startswith("reminder")]
    await temporal_env.sleep(timedelta(days=3))
    reminders = [p for p in await sent(db, booking) if p.startswith("reminder")]
    assert reminders == [f"reminder-{new_start.isoformat()}"]


async def test_reschedule_to_a_taken_slot_changes_nothing(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    other = await customer(db, "+34699000111", "Bea")
    taken_at = await local_day_at(temporal_env, 6, 12)
    rival = await start_booking(
        temporal_client,
        worker.task_queue,
        phone="+34699000111",
        booker=other,
        start=taken_at,
        items=[await item(db, other, service="Corte", staff="Harol")],
    )
    await until(temporal_env, rival, BookingStatus.AWAITING_PAYMENT)
    booker = await customer(db, phone)
    start = await local_day_at(temporal_env, 5, 10)
    booking = await start_booking(
        temporal_client,
        worker.task_queue,
        phone=phone,
        booker=booker,
        start=start,
        items=[await item(db, booker, service="Corte", staff="Harol")],
    )
    await pay(temporal_env, booking)
    moved = await booking.handle.execute_update(BookingWorkflow.reschedule, RescheduleRequest(start=taken_at))
    assert (moved.moved, moved.reason) == (False, "slot_taken")
    assert [r.start_at for r in await appointments(db, booking)] == [start]


async def test_no_show_forfeits_the_deposit(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    booking = await _paid_corte(db, temporal_env, temporal_client, worker, phone, hours_ahead=3)
    await booking.handle.signal(BookingWorkflow.mark_no_show)
    assert await booking.handle.result() == BookingStatus.NO_SHOW
    rows = await appointments(db, booking)
    assert [(r.status, r.payment_status) for r in rows] == [(AppointmentStatus.NO_SHOW, PaymentStatus.FORFEITED)]
    details = await details_of(booking)
    assert details.startswith(
        "**no se presentó** (marcado por el equipo, el anticipo se queda) · Lucía · Corte con Víctor"
    )
    assert str(booking.handle.id) not in details
