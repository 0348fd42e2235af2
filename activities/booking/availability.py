"""Free slots for a request (read-only): the database and the calendar adapter in, ranked offers out."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Protocol, TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select

from activities.booking import slot_search
from activities.booking.staff_time import StaffTime, staff_time
from activities.calendar.port import BusyTimes, BusyTimesInput
from models import Business, Closure, OpeningHours, Pack, PackService, Policy, Service, StaffMember
from models.enums import Category
from models.policies import BusinessPolicies
from models.pricing import PackCandidate, best_pack, deposit_for
from models.queries import get_business

T = TypeVar("T")


class AvailabilityProblem(StrEnum):
    UNKNOWN_SERVICE = "unknown_service"
    # Hairdressing and aesthetics are never mixed in one appointment (DESIGN §6): offer two bookings.
    MIXED_CATEGORIES = "mixed_categories"
    NO_STAFF = "no_staff"


@dataclass
class FindSlotsInput:
    business: str
    service_ids: list[UUID]
    # The workflow's clock (durable and testable), not the activity's.
    now: datetime
    first_day: date | None = None
    staff_id: UUID | None = None
    preferred_staff_id: UUID | None = None
    party_size: int = 1
    max_days: int = 3
    # Every free slot of each day instead of the policy's first few (the caller picks by time of day).
    every_slot: bool = False


@dataclass
class PackSuggestion:
    pack_id: UUID
    name: str
    price: Decimal
    saving: Decimal


@dataclass
class DayOffer:
    day: date
    slots: list[slot_search.Slot]


@dataclass
class FindSlotsResult:
    problem: AvailabilityProblem | None = None
    duration_minutes: int = 0
    price: Decimal = Decimal("0.00")
    deposit: Decimal = Decimal("0.00")
    pack: PackSuggestion | None = None
    days: list[DayOffer] = field(default_factory=list)
    # Set when the asked-for day is closed for the business: the reason to explain ("Festivo local").
    closed_reason: str | None = None
    # The asked-for day is open but has no slot left: a cancellation could free one (the waitlist's case).
    day_full: bool = False


class CalendarBusy(Protocol):
    async def busy_times(self, input: BusyTimesInput) -> BusyTimes: ...


class Availability:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], calendar: CalendarBusy) -> None:
        self._sessions = sessions
        self._calendar = calendar

    async def find_slots(self, input: FindSlotsInput) -> FindSlotsResult:
        """Slots on the grid within opening hours and each stylist's own hours, minus closures, time off, holds
        (each followed by its service's buffer), calendar busy time and lead time; a slot's own buffer must fit
        before the stylist's next busy time (slot_search's docstring)."""
        async with self._sessions() as session:
            business = await get_business(session, slug=input.business)
            services = list(
                (await session.execute(select(Service).where(col(Service.id).in_(input.service_ids)))).scalars()
            )
            if len(services) != len(set(input.service_ids)) or not services:
                return FindSlotsResult(problem=AvailabilityProblem.UNKNOWN_SERVICE)
            categories = {s.category for s in services}
            if len(categories) > 1:
                return FindSlotsResult(problem=AvailabilityProblem.MIXED_CATEGORIES)
            policies = await _policies(session, business.id)
            staff = await _staff_for(session, business.id, categories.pop(), input.staff_id)
            if not staff:
                return FindSlotsResult(problem=AvailabilityProblem.NO_STAFF)
            tz = ZoneInfo(business.timezone)
            first_day = input.first_day or input.now.astimezone(tz).date()
            last_day = first_day + timedelta(days=policies.search_days)
            window = (
                datetime.combine(first_day, datetime.min.time(), tz),
                datetime.combine(last_day, datetime.min.time(), tz),
            )
            closures = list(
                (
                    await session.execute(
                        select(Closure).where(
                            Closure.business_id == business.id,
                            Closure.start_date <= last_day,
                            Closure.end_date >= first_day,
                        )
                    )
                ).scalars()
            )
            own_time = await staff_time(session, [s.id for s in staff], window)
            rules = await _rules(session, business, policies, closures)
            suggestion = await _pack_for(session, business.id, services)
        busy = await self._calendar.busy_times(BusyTimesInput(input.business, [s.id for s in staff], *window))
        agendas = _agendas(staff, own_time, busy, closures)
        duration = sum(s.duration_minutes for s in services)
        price = sum((s.price for s in services), Decimal("0.00"))
        days = slot_search.search(
            first_day=first_day,
            days=policies.search_days,
            rules=rules,
            staff=agendas,
            duration_minutes=duration,
            now=input.now,
            party_size=input.party_size,
            preferred_staff_id=input.preferred_staff_id,
            buffer_minutes=max(s.buffer_minutes for s in services),
        )
        return FindSlotsResult(
            duration_minutes=duration,
            price=price,
            deposit=sum(
                (deposit_for(s.price, policies.deposit_percent) for s in services if s.needs_deposit), Decimal("0.00")
            ),
            pack=suggestion,
            days=[
                DayOffer(d.day, d.slots if input.every_slot else d.slots[: policies.slots_offered])
                for d in days[: input.max_days]
            ],
            closed_reason=next(
                (c.reason for c in closures if c.staff_id is None and c.start_date <= first_day <= c.end_date), None
            ),
            day_full=input.first_day is not None
            and first_day.weekday() in rules.opening_hours
            and first_day not in rules.business_closed_days
            and not any(d.day == first_day and d.slots for d in days),
        )


async def _policies(session: AsyncSession, business_id: UUID) -> BusinessPolicies:
    rows = (await session.execute(select(Policy).where(Policy.business_id == business_id))).scalars()
    return BusinessPolicies.from_rows({r.key: r.value for r in rows})


async def _staff_for(
    session: AsyncSession, business_id: UUID, category: Category, only: UUID | None
) -> list[StaffMember]:
    stmt = select(StaffMember).where(
        StaffMember.business_id == business_id,
        col(StaffMember.active).is_(True),
        col(StaffMember.category).in_([category, Category.BOTH]),
    )
    if only is not None:
        stmt = stmt.where(StaffMember.id == only)
    return list((await session.execute(stmt)).scalars())


async def _rules(
    session: AsyncSession, business: Business, policies: BusinessPolicies, closures: list[Closure]
) -> slot_search.SearchRules:
    hours: dict[int, list[tuple[time, time]]] = {}
    for row in (await session.execute(select(OpeningHours).where(OpeningHours.business_id == business.id))).scalars():
        hours.setdefault(row.weekday, []).append((row.opens_at, row.closes_at))
    return slot_search.SearchRules(
        timezone=business.timezone,
        opening_hours={d: tuple(sorted(v)) for d, v in hours.items()},
        business_closed_days=frozenset(_days(c for c in closures if c.staff_id is None)),
        slot_minutes=policies.slot_minutes,
        min_lead_minutes=policies.min_lead_minutes,
    )


def _days(closures: Iterable[Closure]) -> set[date]:
    return {c.start_date + timedelta(days=i) for c in closures for i in range((c.end_date - c.start_date).days + 1)}


def _agendas(
    staff: list[StaffMember], own: StaffTime, busy: BusyTimes, closures: list[Closure]
) -> list[slot_search.StaffAgenda]:
    agendas = []
    for person in staff:
        intervals = list(own.busy.get(person.id, []))
        intervals += [slot_search.Interval(b.start, b.end) for b in busy.intervals if b.staff_id == person.id]
        closed = _days(c for c in closures if c.staff_id == person.id)
        closed |= {date.fromisoformat(d) for d in busy.closed_days.get(str(person.id), [])}
        agendas.append(
            slot_search.StaffAgenda(
                person.id, person.name, tuple(intervals), frozenset(closed), own.hours.get(person.id)
            )
        )
    return agendas


async def _pack_for(session: AsyncSession, business_id: UUID, services: list[Service]) -> PackSuggestion | None:
    """The best-saving pack that contains everything asked for, priced against its services bought apart."""
    packs = list(
        (
            await session.execute(select(Pack).where(Pack.business_id == business_id, col(Pack.active).is_(True)))
        ).scalars()
    )
    links = list(
        (
            await session.execute(select(PackService).where(col(PackService.pack_id).in_([p.id for p in packs])))
        ).scalars()
    )
    all_ids = {link.service_id for link in links}
    prices = {
        s.id: s.price for s in (await session.execute(select(Service).where(col(Service.id).in_(all_ids)))).scalars()
    }
    candidates = [
        PackCandidate(p.id, p.name, p.price, frozenset(link.service_id for link in links if link.pack_id == p.id))
        for p in packs
    ]
    offer = best_pack({s.id for s in services}, prices, candidates)
    return PackSuggestion(offer.pack_id, offer.name, offer.price, offer.saving) if offer else None
