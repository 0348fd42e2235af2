"""Helpers for booking tests: BookingInputs built from the seeded demo salon, and what the workflow left."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select
from temporalio.client import Client, WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from activities.booking.store import BookingItem
from models import Appointment, Business, Customer, Message, Service, StaffMember
from models.enums import Direction
from workflows import booking_workflow_id
from workflows.booking.types import BookingInput, BookingStatus, PaymentEvent
from workflows.booking.workflow import BookingWorkflow

MADRID = ZoneInfo("Europe/Madrid")


async def local_day_at(env: WorkflowEnvironment, days_ahead: int, hour: int, minute: int = 0) -> datetime:
    """A time `days_ahead` days after the test server's clock, at a local (Madrid) hour."""
    now = (await env.get_current_time()).astimezone(MADRID)
    day = now.date() + timedelta(days=days_ahead)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=MADRID)


async def customer(db: AsyncEngine, phone: str, first_name: str = "Lucía") -> uuid.UUID:
    async with AsyncSession(db) as session, session.begin():
        business = (await session.execute(select(Business).where(Business.slug == "atrevete"))).scalar_one()
        row = Customer(business_id=business.id, phone=phone, first_name=first_name)
        session.add(row)
        await session.flush()
        return row.id


async def staff_id(db: AsyncEngine, name: str) -> uuid.UUID:
    async with AsyncSession(db) as session:
        return (await session.execute(select(StaffMember.id).where(StaffMember.name == name))).scalar_one()


async def item(db: AsyncEngine, customer_id: uuid.UUID, *, service: str, staff: str) -> BookingItem:
    async with AsyncSession(db) as session:
        svc = (await session.execute(select(Service).where(col(Service.name).ilike(f"{service}%")))).scalars().first()
        person = (await session.execute(select(StaffMember).where(StaffMember.name == staff))).scalar_one()
    assert svc is not None, f"no seeded service named {service}"
    return one_service(customer_id, svc, person.id, person.name)


def one_service(customer_id: uuid.UUID, svc: Service, staff_id: uuid.UUID, staff_name: str) -> BookingItem:
    """One service with one staff member, priced and timed as the catalogue says."""
    return BookingItem(
        customer_id=customer_id,
        staff_id=staff_id,
        staff_name=staff_name,
        service_ids=[svc.id],
        service_names=[svc.name],
        price=svc.price,
        duration_minutes=svc.duration_minutes,
        needs_deposit=svc.needs_deposit,
    )


@dataclass
class Booking:
    input: BookingInput
    handle: WorkflowHandle[BookingWorkflow, BookingStatus]


async def start_booking(
    client: Client,
    task_queue: str,
    *,
    phone: str,
    booker: uuid.UUID,
    start: datetime,
    items: list[BookingItem],
    conversation_workflow_id: str | None = None,
) -> Booking:
    booking_id = str(uuid.uuid4())
    input = BookingInput(
        booking_id=booking_id,
        business="atrevete",
        customer_phone=phone,
        booked_by_id=booker,
        start=start,
        items=items,
        conversation_workflow_id=conversation_workflow_id,
    )
    handle = await client.start_workflow(
        BookingWorkflow.run, input, id=booking_workflow_id(booking_id), task_queue=task_queue
    )
    return Booking(input, handle)


async def sent(db: AsyncEngine, booking: Booking) -> list[str]:
    """The purposes of the messages this booking sent, in order ('link', 'hold-reminder-0', ...)."""
    prefix = f"{booking.handle.id}:"
    async with AsyncSession(db) as session:
        rows = (
            await session.execute(
                select(Message)
                .where(Message.direction == Direction.OUTBOUND, col(Message.external_id).startswith(prefix))
                .order_by(col(Message.created_at), col(Message.id))
            )
        ).scalars()
        return [m.external_id.removeprefix(prefix) for m in rows]


async def message(db: AsyncEngine, booking: Booking, purpose: str) -> Message:
    async with AsyncSession(db) as session:
        return (
            await session.execute(select(Message).where(Message.external_id == f"{booking.handle.id}:{purpose}"))
        ).scalar_one()


async def appointments(db: AsyncEngine, booking: Booking) -> list[Appointment]:
    async with AsyncSession(db) as session:
        rows = await session.execute(
            select(Appointment).where(Appointment.workflow_id == booking.handle.id).order_by(col(Appointment.staff_id))
        )
        return list(rows.scalars())


async def until(env: WorkflowEnvironment, booking: Booking, status: BookingStatus) -> None:
    """Advance in small virtual steps until the workflow reports `status` (no wall-clock sleeping)."""
    for _ in range(300):
        if (await booking.handle.query(BookingWorkflow.view)).status == status:
            return
        await env.sleep(timedelta(seconds=1))
    raise AssertionError(f"booking never reached {status}")


async def pay(env: WorkflowEnvironment, booking: Booking, event_id: str = "evt_paid") -> None:
    """Pay the current deposit link, as the Stripe webhook would, and wait for the confirmation."""
    await until(env, booking, BookingStatus.AWAITING_PAYMENT)
    view = await booking.handle.query(BookingWorkflow.view)
    assert view.payment_url is not None
    session_id = view.payment_url.split("/pay/")[1].split("?")[0]
    await booking.handle.signal(BookingWorkflow.payment_succeeded, PaymentEvent(event_id, session_id, "pi_paid"))
    await until(env, booking, BookingStatus.CONFIRMED)


async def book(
    db: AsyncEngine, client: Client, task_queue: str, phone: str, *, service: str, staff: str, start: datetime
) -> Booking:
    """One service with one staff member for a new customer behind `phone`."""
    booker = await customer(db, phone)
    items = [await item(db, booker, service=service, staff=staff)]
    return await start_booking(client, task_queue, phone=phone, booker=booker, start=start, items=items)


async def until_sent(env: WorkflowEnvironment, db: AsyncEngine, booking: Booking, purpose: str) -> None:
    for _ in range(300):
        if purpose in await sent(db, booking):
            return
        await env.sleep(timedelta(seconds=1))
    raise AssertionError(f"booking never sent {purpose}")
