"""Who hears of a booking's changes besides its customer: the stylist on their own phone, and the salon's team
when the business's rule says so (owner_told_of_changes); moved bookings are reminded and confirmed afresh."""

from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import Message, Policy, StaffMember
from models.enums import Direction
from models.policies import PolicyKey
from models.seeding.demo_salon import PHONE as SALON_PHONE
from tests.workflows.bookings import Booking, appointments, book, local_day_at, message, pay, sent
from workflows.booking.types import CancelRequest, RescheduleRequest
from workflows.booking.workflow import BookingWorkflow


async def _staff(db: AsyncEngine, name: str) -> StaffMember:
    async with AsyncSession(db) as session:
        return (await session.execute(select(StaffMember).where(StaffMember.name == name))).scalar_one()


async def _to(db: AsyncEngine, booking: Booking, phone: str) -> list[str]:
    """What this booking sent to `phone`, oldest first."""
    async with AsyncSession(db) as session:
        rows = await session.execute(
            select(Message.body)
            .where(
                Message.direction == Direction.OUTBOUND,
                Message.customer_phone == phone,
                col(Message.external_id).startswith(f"{booking.handle.id}:"),
            )
            .order_by(col(Message.created_at))
        )
        return list(rows.scalars())


async def _owner_not_told(db: AsyncEngine) -> None:
    """The demo salon's rule switched off (each test seeds the database afresh)."""
    async with AsyncSession(db) as session, session.begin():
        await session.execute(
            update(Policy).where(Policy.key == PolicyKey.OWNER_TOLD_OF_CHANGES.value).values(value=False)
        )


async def test_a_cancellation_tells_the_stylist_and_the_salon(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    start = await local_day_at(temporal_env, 6, 16)
    harol = await _staff(db, "Harol")
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Corte", staff="Harol", start=start)
    await pay(temporal_env, booking)
    await booking.handle.execute_update(BookingWorkflow.cancel, CancelRequest())

    assert harol.notify_phone is not None
    [new, cancelled] = await _to(db, booking, harol.notify_phone)
    assert new.startswith("Nueva cita: Lucía")
    assert cancelled.startswith("❌ Cita cancelada: Lucía — Corte, ") and "16:00" in cancelled
    assert await _to(db, booking, SALON_PHONE) == [cancelled]


async def test_the_salon_is_not_told_when_its_rule_says_no(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    start = await local_day_at(temporal_env, 6, 17)
    harol = await _staff(db, "Harol")
    await _owner_not_told(db)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Corte", staff="Harol", start=start)
    await pay(temporal_env, booking)
    await booking.handle.execute_update(BookingWorkflow.cancel, CancelRequest())
    assert harol.notify_phone is not None
    assert (await _to(db, booking, harol.notify_phone))[-1].startswith("❌ Cita cancelada")
    assert await _to(db, booking, SALON_PHONE) == []


async def test_a_move_to_another_stylist_tells_both_and_asks_for_a_new_yes(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    start = await local_day_at(temporal_env, 6, 11)
    harol, pilar = await _staff(db, "Harol"), await _staff(db, "Pilar")
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Corte", staff="Harol", start=start)
    await pay(temporal_env, booking)
    await temporal_env.sleep(start - timedelta(hours=47) - await temporal_env.get_current_time())
    assert await booking.handle.execute_update(BookingWorkflow.confirm_attendance) is True
    [row] = await appointments(db, booking)
    assert row.reminded_at is not None and row.attendance_confirmed_at is not None

    new_start = start + timedelta(days=1, hours=2)
    request = RescheduleRequest(start=new_start, staff_ids=[pilar.id], staff_names=["Pilar"])
    assert (await booking.handle.execute_update(BookingWorkflow.reschedule, request)).moved

    assert harol.notify_phone is not None and pilar.notify_phone is not None
    moved = (await _to(db, booking, harol.notify_phone))[-1]
    assert moved.startswith("🔁 Cita cambiada: Lucía — Corte. Era ") and moved.endswith("13:00 con Pilar.")
    [pilars] = await _to(db, booking, pilar.notify_phone)
    assert pilars.startswith("Nueva cita: Lucía — Corte, ") and "13:00" in pilars
    assert moved in await _to(db, booking, SALON_PHONE)
    # A new time: neither reminded nor confirmed until the reminder of the new time is answered.
    [row] = await appointments(db, booking)
    assert row.reminded_at is None and row.attendance_confirmed_at is None
    await temporal_env.sleep(new_start - timedelta(hours=47) - await temporal_env.get_current_time())
    assert f"reminder-{new_start.isoformat()}" in await sent(db, booking)
    assert "Responde SÍ" in (await message(db, booking, f"reminder-{new_start.isoformat()}")).body
