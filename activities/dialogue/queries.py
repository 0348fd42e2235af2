"""Reads and small writes the dialogue's activity nodes share: catalogue names to rows, a customer's bookings
and habits, people booked by someone else."""

import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, or_, select

from models import (
    Appointment,
    AppointmentService,
    Business,
    Customer,
    Pack,
    PackService,
    Service,
    StaffMember,
)
from models.enums import BLOCKING_STATUSES, AppointmentStatus
from workflows.dialogue.actions import ServicePrice
from workflows.dialogue.state import BookingFacts

# Namespace for the customer rows of people booked by someone else: a retried booking creates them once.
BOOKED_PEOPLE = uuid.UUID("0b7d3c0e-5f7e-4d0b-8a44-2e4f7c9b1d21")
# The customer table's name columns (a name said in a chat can be longer).
NAME_LENGTH = 80


async def services(session: AsyncSession, business: Business, names: list[str]) -> list[Service]:
    rows = (
        await session.execute(select(Service).where(Service.business_id == business.id, col(Service.name).in_(names)))
    ).scalars()
    by_name = {s.name: s for s in rows}
    return [by_name[n] for n in names if n in by_name]


async def price_list(session: AsyncSession, business: Business, names: list[str]) -> list[ServicePrice]:
    """The active services named (all of them when none is), by category, cheapest first."""
    query = select(Service).where(Service.business_id == business.id, col(Service.active).is_(True))
    if names:
        query = query.where(col(Service.name).in_(names))
    rows = (await session.execute(query.order_by(col(Service.category), col(Service.price)))).scalars()
    return [
        ServicePrice(name=s.name, price=s.price, minutes=s.duration_minutes, description=s.description) for s in rows
    ]


async def staff_id(session: AsyncSession, business: Business, name: str | None) -> uuid.UUID | None:
    if name is None:
        return None
    return (
        await session.execute(
            select(StaffMember.id).where(StaffMember.business_id == business.id, StaffMember.name == name)
        )
    ).scalar_one_or_none()


async def pack(session: AsyncSession, business: Business, name: str | None) -> Pack | None:
    if name is None:
        return None
    return (
        await session.execute(select(Pack).where(Pack.business_id == business.id, Pack.name == name))
    ).scalar_one_or_none()


async def pack_services(session: AsyncSession, business: Business) -> dict[str, list[str]]:
    rows = await session.execute(
        select(Pack.name, Service.name)
        .join(PackService, col(PackService.pack_id) == Pack.id)
        .join(Service, col(Service.id) == PackService.service_id)
        .where(Pack.business_id == business.id)
        .order_by(col(Service.name))
    )
    packs: dict[str, list[str]] = {}
    for pack, service in rows:
        packs.setdefault(pack, []).append(service)
    return packs


async def booked_person(
    session: AsyncSession, business: Business, booker: Customer, name: str | None, key: str
) -> uuid.UUID:
    """Someone booked by another customer: their own record, no phone, linked to who booked them. "Carmen Ruiz"
    is first name Carmen, surname Ruiz."""
    person_id = uuid.uuid5(BOOKED_PEOPLE, key)
    first, _, last = (name or "").partition(" ")
    await session.execute(
        insert(Customer)
        .values(
            id=person_id,
            business_id=business.id,
            first_name=first[:NAME_LENGTH] or None,
            last_name=last.strip()[:NAME_LENGTH] or None,
            referred_by_id=booker.id,
        )
        .on_conflict_do_nothing(index_elements=["id"])
    )
    return person_id


async def upcoming(session: AsyncSession, customer_id: uuid.UUID, now: datetime) -> list[BookingFacts]:
    rows = (
        await session.execute(
            select(Appointment, Service.name, StaffMember.name)
            .join(AppointmentService, col(AppointmentService.appointment_id) == Appointment.id)
            .join(Service, col(Service.id) == AppointmentService.service_id)
            .join(StaffMember, col(StaffMember.id) == Appointment.staff_id)
            .where(
                or_(Appointment.customer_id == customer_id, Appointment.booked_by_id == customer_id),
                col(Appointment.status).in_(BLOCKING_STATUSES),
                Appointment.end_at > now - timedelta(hours=1),
            )
            .order_by(col(Appointment.start_at))
        )
    ).all()
    bookings: dict[str, BookingFacts] = {}
    deposits: dict[str, dict[uuid.UUID, Decimal]] = {}
    for appointment, service, staff in rows:
        booking_id = appointment.workflow_id.removeprefix("booking:")
        facts = bookings.setdefault(
            booking_id,
            BookingFacts(
                booking_id=booking_id,
                start=appointment.start_at,
                services=[],
                staff=[],
                status=appointment.status.value,
                deposit=Decimal("0.00"),
                awaiting_confirmation=appointment.reminded_at is not None
                and appointment.attendance_confirmed_at is None
                and appointment.status == AppointmentStatus.CONFIRMED,
            ),
        )
        if service not in facts.services:
            facts.services.append(service)
        if staff not in facts.staff:
            facts.staff.append(staff)
        deposits.setdefault(booking_id, {})[appointment.id] = appointment.deposit_amount
    for booking_id, facts in bookings.items():
        facts.deposit = sum(deposits[booking_id].values(), Decimal("0.00"))
    return list(bookings.values())


async def usual(session: AsyncSession, customer_id: uuid.UUID, now: datetime) -> tuple[list[str], str | None]:
    """ "Lo de siempre": the services and stylist of the customer's latest appointment that took place."""
    latest = (
        await session.execute(
            select(Appointment)
            .where(
                Appointment.customer_id == customer_id,
                col(Appointment.status).in_([AppointmentStatus.COMPLETED, AppointmentStatus.CONFIRMED]),
                Appointment.start_at < now,
            )
            .order_by(col(Appointment.start_at).desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    if latest is None:
        return [], None
    services = (
        await session.execute(
            select(Service.name)
            .join(AppointmentService, col(AppointmentService.service_id) == Service.id)
            .where(AppointmentService.appointment_id == latest.id)
            .order_by(col(Service.name))
        )
    ).scalars()
    staff = (await session.execute(select(StaffMember.name).where(StaffMember.id == latest.staff_id))).scalar_one()
    return list(services), staff
