"""The waitlist's two writes: a customer joins it for a day, and a freed slot is offered to the first customer
waiting for it. The offer is a booking of their own (BookingWorkflow: deposit link, a short hold on a durable
timer); unpaid, it is released and the same offer goes to the next one waiting."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select
from temporalio import activity

from activities.booking.store import BookingItem
from models import Business, Customer, Service, StaffMember, WaitlistEntry
from models.enums import Category
from models.queries import get_business
from workflows.booking.types import BookingInput

# Where the afternoon begins for a customer who asked for "por la tarde".
AFTERNOON = time(14)


@dataclass
class JoinWaitlistInput:
    business: str
    phone: str
    services: list[str]
    day: date
    staff: str | None = None
    part_of_day: str | None = None


@dataclass
class FreedSlot:
    """A booking let go (cancelled, or its hold expired): when, and each appointment's stylist and length."""

    business: str
    start: datetime
    staff_ids: list[uuid.UUID]
    minutes: list[int]
    # The booking that let it go: when it was a waitlist offer itself, its customer has had their turn.
    freed_by: str


class Waitlist:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def join_waitlist(self, input: JoinWaitlistInput) -> bool:
        """False when none of the services is the business's; joining again for the same day replaces the wish."""
        async with self._sessions.begin() as session:
            business = await get_business(session, slug=input.business)
            services = (
                await session.execute(
                    select(Service.id).where(Service.business_id == business.id, col(Service.name).in_(input.services))
                )
            ).scalars()
            service_ids = list(services)
            if not service_ids:
                return False
            staff_id = (
                await session.execute(
                    select(StaffMember.id).where(
                        StaffMember.business_id == business.id, StaffMember.name == input.staff
                    )
                )
            ).scalar_one_or_none()
            customer_id = await _customer(session, business, input.phone)
            wish = {"service_ids": service_ids, "staff_id": staff_id, "part_of_day": input.part_of_day}
            await session.execute(
                insert(WaitlistEntry)
                .values(id=uuid.uuid4(), business_id=business.id, customer_id=customer_id, day=input.day, **wish)
                .on_conflict_do_update(constraint="uq_waitlist_customer_day", set_={**wish, "offered_booking": None})
            )
        return True

    @activity.defn
    async def offer_freed_slot(self, input: FreedSlot) -> list[str]:
        """For each freed appointment, the first customer waiting whose request fits it (that day, that stylist
        or any, that part of the day, short enough) gets it held; returns the bookings started."""
        started = []
        for staff_id, minutes in zip(input.staff_ids, input.minutes, strict=True):
            async with self._sessions.begin() as session:
                business = await get_business(session, slug=input.business)
                offer = await _offer(session, business, input, staff_id, minutes)
            if offer is not None:
                await _start(offer, business.slug, input.start)
                started.append(offer.booking_id)
        return started


@dataclass
class _Offer:
    booking_id: str
    phone: str
    customer: Customer
    item: BookingItem


async def _offer(
    session: AsyncSession, business: Business, freed: FreedSlot, staff_id: uuid.UUID, minutes: int
) -> _Offer | None:
    """The entry this freed slot goes to, marked as offered. A retry finds the entry it already chose (its
    booking id comes from the entry and the slot), so a lost completion never skips anyone."""
    start = freed.start
    local = start.astimezone(ZoneInfo(business.timezone))
    staff = await session.get(StaffMember, staff_id)
    if staff is None or not staff.active:
        return None
    entries = list(
        (
            await session.execute(
                select(WaitlistEntry)
                .where(WaitlistEntry.business_id == business.id, WaitlistEntry.day == local.date())
                .order_by(col(WaitlistEntry.created_at), col(WaitlistEntry.id))
                .with_for_update()
            )
        ).scalars()
    )
    chosen = [e for e in entries if e.offered_booking == _booking_id(e, start) != freed.freed_by]
    waiting = [e for e in entries if e.offered_booking is None]
    for entry in chosen or waiting:
        booking_id = _booking_id(entry, start)
        item = await _fitting_item(session, entry, staff, local, minutes)
        if item is None:
            continue
        customer = await session.get(Customer, entry.customer_id)
        if customer is None or customer.phone is None or customer.opted_out:
            continue
        entry.offered_booking, entry.offered_at = booking_id, datetime.now(local.tzinfo)
        return _Offer(booking_id, customer.phone, customer, item)
    return None


def _booking_id(entry: WaitlistEntry, start: datetime) -> str:
    return str(uuid.uuid5(entry.id, start.isoformat()))


async def _fitting_item(
    session: AsyncSession, entry: WaitlistEntry, staff: StaffMember, local: datetime, minutes: int
) -> BookingItem | None:
    if entry.staff_id not in (None, staff.id):
        return None
    if entry.part_of_day is not None and (entry.part_of_day == "afternoon") != (local.time() >= AFTERNOON):
        return None
    services = list(
        (await session.execute(select(Service).where(col(Service.id).in_(entry.service_ids), col(Service.active))))
        .scalars()
        .all()
    )
    duration = sum(s.duration_minutes for s in services)
    can_do = staff.category == Category.BOTH or all(s.category == staff.category for s in services)
    if not services or duration > minutes or not can_do:
        return None
    return BookingItem(
        customer_id=entry.customer_id,
        staff_id=staff.id,
        staff_name=staff.name,
        service_ids=[s.id for s in services],
        service_names=[s.name for s in services],
        price=sum((s.price for s in services), Decimal("0.00")),
        duration_minutes=duration,
        needs_deposit=any(s.needs_deposit for s in services),
    )


async def _start(offer: _Offer, business: str, start: datetime) -> None:
    # Imported here: the booking workflow calls this module's activity by reference, so a top-level import of
    # the workflow (which starts imports) would be circular.
    from workflows.booking.starts import start as start_booking

    await start_booking(
        activity.client(),
        BookingInput(
            booking_id=offer.booking_id,
            business=business,
            customer_phone=offer.phone,
            booked_by_id=offer.customer.id,
            start=start,
            items=[offer.item],
            customer_name=offer.customer.first_name,
            from_waitlist=True,
        ),
        task_queue=activity.info().task_queue,
        summary=f"Hueco liberado para {offer.customer.first_name or 'la lista de espera'}: "
        + ", ".join(offer.item.service_names),
    )


async def _customer(session: AsyncSession, business: Business, phone: str) -> uuid.UUID:
    """The customer behind the phone; one who never gave a name is created without it."""
    await session.execute(
        insert(Customer)
        .values(id=uuid.uuid4(), business_id=business.id, phone=phone)
        .on_conflict_do_nothing(constraint="uq_customer_business_phone")
    )
    found = await session.execute(
        select(Customer.id).where(Customer.business_id == business.id, Customer.phone == phone)
    )
    return found.scalar_one()
