"""Same-day holds, free services, late payments and group bookings."""

from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus, PaymentStatus
from tests.workflows.bookings import (
    MADRID,
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
from workflows.booking.types import BookingStatus, PaymentEvent
from workflows.booking.workflow import BookingWorkflow


async def _morning(env: WorkflowEnvironment) -> datetime:
    """Move the test clock to 09:00 Madrid time (of tomorrow if it is already later), so 'today' has room."""
    now = (await env.get_current_time()).astimezone(MADRID)
    nine = now.replace(hour=9, minute=0, second=0, microsecond=0)
    target = nine if now < nine else nine + timedelta(days=1)
    await env.sleep(target - now)
    return target


async def _session(booking_handle) -> str:  # type: ignore[no-untyped-def]
    view = await booking_handle.query(BookingWorkflow.view)
    return str(view.payment_url).split("/pay/")[1].split("?")[0]


async def test_same_day_booking_holds_15_minutes_and_notifies_staff_urgently(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    morning = await _morning(temporal_env)
    booking = await book(
        db, temporal_client, worker.task_queue, phone, service="Corte", staff="Pilar", start=morning.replace(hour=13)
    )
    await until(temporal_env, booking, BookingStatus.AWAITING_PAYMENT)
    view = await booking.handle.query(BookingWorkflow.view)
    assert view.hold_expires_at is not None
    assert timedelta(minutes=14) < view.hold_expires_at - morning < timedelta(minutes=16)
    assert "15 minutos" in (await message(db, booking, "link")).body

    await pay(temporal_env, booking)
    notice = (await message(db, booking, f"staff-notice-{booking.input.items[0].staff_id}")).body
    assert notice.startswith("🚨 URGENTE")


async def test_free_consultation_is_confirmed_without_payment(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    booking = await book(
        db,
        temporal_client,
        worker.task_queue,
        phone,
        service="Consulta gratuita",
        staff="Marta",
        start=await local_day_at(temporal_env, 3, 16),
    )
    await until(temporal_env, booking, BookingStatus.CONFIRMED)
    rows = await appointments(db, booking)
    assert [(r.status, r.payment_status, r.deposit_amount) for r in rows] == [
        (AppointmentStatus.CONFIRMED, PaymentStatus.NOT_REQUIRED, Decimal("0.00"))
    ]
    purposes = await sent(db, booking)
    assert "link" not in purposes and "confirmation" in purposes
    assert "anticipo de" not in (await message(db, booking, "confirmation")).body.split("\n")[1]


async def test_payment_after_expiry_is_confirmed_when_the_slot_is_still_free(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    booking = await book(
        db,
        temporal_client,
        worker.task_queue,
        phone,
        service="Mechas",
        staff="Pilar",
        start=await local_day_at(temporal_env, 4, 12),
    )
    await until(temporal_env, booking, BookingStatus.AWAITING_PAYMENT)
    session = await _session(booking.handle)
    await temporal_env.sleep(timedelta(minutes=31))
    await until(temporal_env, booking, BookingStatus.EXPIRED)
    await booking.handle.signal(BookingWorkflow.payment_succeeded, PaymentEvent("evt_late", session, "pi_late"))
    await until(temporal_env, booking, BookingStatus.CONFIRMED)
    statuses = sorted((r.status, r.payment_status) for r in await appointments(db, booking))
    assert statuses == [
        (AppointmentStatus.CONFIRMED, PaymentStatus.PAID),
        (AppointmentStatus.EXPIRED, PaymentStatus.PENDING),
    ]


async def test_payment_after_expiry_is_refunded_when_someone_took_the_slot(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    booker = await customer(db, phone)
    start = await local_day_at(temporal_env, 4, 12)
    booking = await start_booking(
        temporal_client,
        worker.task_queue,
        phone=phone,
        booker=booker,
        start=start,
        items=[await item(db, booker, service="Mechas", staff="Pilar")],
    )
    await until(temporal_env, booking, BookingStatus.AWAITING_PAYMENT)
    session = await _session(booking.handle)
    await temporal_env.sleep(timedelta(minutes=31))
    await until(temporal_env, booking, BookingStatus.EXPIRED)
    rival = await book(
        db, temporal_client, worker.task_queue, "+34699000222", service="Corte", staff="Pilar", start=start
    )
    await until(temporal_env, rival, BookingStatus.AWAITING_PAYMENT)

    await booking.handle.signal(BookingWorkflow.payment_succeeded, PaymentEvent("evt_late", session, "pi_late"))
    for _ in range(100):
        if "late-payment-refund" in await sent(db, booking):
            break
        await temporal_env.sleep(timedelta(seconds=1))
    assert "10,00 €" in (await message(db, booking, "late-payment-refund")).body
    assert [r.status for r in await appointments(db, booking)] == [AppointmentStatus.EXPIRED]
    assert (await booking.handle.query(BookingWorkflow.view)).status == BookingStatus.EXPIRED


async def test_group_booking_is_confirmed_together_with_one_deposit(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    mother = await customer(db, phone, "Carmen")
    daughter = await customer(db, "+34699000333", "Lola")
    booking = await start_booking(
        temporal_client,
        worker.task_queue,
        phone=phone,
        booker=mother,
        start=await local_day_at(temporal_env, 3, 17),
        items=[
            await item(db, mother, service="Corte", staff="Pilar"),
            await item(db, daughter, service="Corte infantil", staff="Harol"),
        ],
    )
    await until(temporal_env, booking, BookingStatus.AWAITING_PAYMENT)
    view = await booking.handle.query(BookingWorkflow.view)
    assert view.deposit == Decimal("8.00") + Decimal("3.60")  # 20 % of 40 € and of 18 €
    link = (await message(db, booking, "link")).body
    assert "Corte con Pilar y Corte infantil con Harol" in link and "11,60 €" in link
    rows = await appointments(db, booking)
    assert len({r.group_id for r in rows}) == 1 and rows[0].group_id is not None
    assert {r.customer_id for r in rows} == {mother, daughter} and {r.booked_by_id for r in rows} == {mother}

    await pay(temporal_env, booking)
    assert {(r.status, r.payment_status) for r in await appointments(db, booking)} == {
        (AppointmentStatus.CONFIRMED, PaymentStatus.PAID)
    }


async def test_unpaid_group_booking_is_released_together(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    mother = await customer(db, phone, "Carmen")
    booking = await start_booking(
        temporal_client,
        worker.task_queue,
        phone=phone,
        booker=mother,
        start=await local_day_at(temporal_env, 3, 17),
        items=[
            await item(db, mother, service="Manicura", staff="Rosa"),
            await item(db, mother, service="Peinado", staff="Víctor"),
        ],
    )
    await until(temporal_env, booking, BookingStatus.AWAITING_PAYMENT)
    await temporal_env.sleep(timedelta(minutes=31))
    await until(temporal_env, booking, BookingStatus.EXPIRED)
    assert [r.status for r in await appointments(db, booking)] == [AppointmentStatus.EXPIRED] * 2


async def test_slot_taken_before_the_hold_ends_the_booking_at_once(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    start = await local_day_at(temporal_env, 2, 11)
    first = await book(db, temporal_client, worker.task_queue, phone, service="Tinte", staff="Marta", start=start)
    await until(temporal_env, first, BookingStatus.AWAITING_PAYMENT)
    second = await book(
        db,
        temporal_client,
        worker.task_queue,
        "+34699000444",
        service="Corte",
        staff="Marta",
        start=start + timedelta(minutes=30),
    )
    assert await second.handle.result() == BookingStatus.SLOT_TAKEN
    assert await appointments(db, second) == []


async def test_booking_for_someone_else_is_theirs_but_paid_and_told_to_the_booker(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    daughter_phone, mother = phone, await customer(db, "+34699000555", "Carmen")
    booker = await customer(db, daughter_phone, "Lola")
    booking = await start_booking(
        temporal_client,
        worker.task_queue,
        phone=daughter_phone,
        booker=booker,
        start=await local_day_at(temporal_env, 4, 10),
        items=[await item(db, mother, service="Tinte", staff="Víctor")],
    )
    await pay(temporal_env, booking)
    (row,) = await appointments(db, booking)
    assert (row.customer_id, row.booked_by_id) == (mother, booker)
    assert (await message(db, booking, "confirmation")).customer_phone == daughter_phone


async def test_paid_booking_is_reminded_48_hours_before_and_completed_after_the_end(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    start = await local_day_at(temporal_env, 6, 16)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Corte", staff="Harol", start=start)
    await pay(temporal_env, booking)
    now = await temporal_env.get_current_time()
    await temporal_env.sleep(start - timedelta(hours=48, minutes=5) - now)
    assert not [p for p in await sent(db, booking) if p.startswith("reminder")]
    await temporal_env.sleep(timedelta(minutes=10))
    reminder = await message(db, booking, f"reminder-{start.isoformat()}")
    assert "16:00" in reminder.body and "Corte con Harol" in reminder.body
    assert await booking.handle.result() == BookingStatus.COMPLETED
    assert [r.status for r in await appointments(db, booking)] == [AppointmentStatus.COMPLETED]
