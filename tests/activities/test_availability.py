"""find_slots against the seeded salon: closures, categories, packs, holds and calendar busy time."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID

import pytest
from google.oauth2.credentials import Credentials
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select

from activities.booking.availability import Availability, AvailabilityProblem, FindSlotsInput
from activities.calendar.google import GoogleCalendar, calendar_ids_from_db
from activities.calendar.local import LocalCalendar
from activities.calendar.port import BusyInterval, BusyTimes, BusyTimesInput
from models import (
    Appointment,
    AppointmentService,
    Business,
    Closure,
    Service,
    StaffHours,
    StaffMember,
    StaffTimeOff,
)
from models.runtime.db import session_factory
from tests.factories import appointment, make_customer
from tests.fakes.google_calendar_api import running_calendar_fake
from tests.workflows.bookings import MADRID

MONDAY = date(2027, 3, 1)
SUNDAY_BEFORE = datetime(2027, 2, 28, 12, tzinfo=UTC)


async def _ids(db: AsyncEngine, model: type[Service] | type[StaffMember], *names: str) -> list[UUID]:
    async with AsyncSession(db) as session:
        rows = {r.name: r.id for r in (await session.execute(select(model))).scalars()}
    return [rows[n] for n in names]


def _find(db: AsyncEngine, calendar: object | None = None) -> Availability:
    return Availability(session_factory(db), calendar or LocalCalendar())  # type: ignore[arg-type]


async def test_hairdressing_and_aesthetics_together_are_rejected(db: AsyncEngine) -> None:
    ids = await _ids(db, Service, "Corte", "Manicura")
    result = await _find(db).find_slots(FindSlotsInput("atrevete", ids, now=SUNDAY_BEFORE, first_day=MONDAY))
    assert result.problem == AvailabilityProblem.MIXED_CATEGORIES
    assert result.days == []


async def test_slots_only_with_staff_of_the_category_and_three_at_a_time(db: AsyncEngine) -> None:
    ids = await _ids(db, Service, "Manicura")
    result = await _find(db).find_slots(FindSlotsInput("atrevete", ids, now=SUNDAY_BEFORE, first_day=MONDAY))
    assert result.problem is None
    assert result.days[0].day == MONDAY
    assert len(result.days[0].slots) == 3
    assert {name for s in result.days[0].slots for name in s.staff_names} <= {"Rosa", "Marta"}
    assert result.days[0].slots[0].start == datetime(2027, 3, 1, 10, tzinfo=MADRID)
    assert (result.duration_minutes, result.price, result.deposit) == (45, Decimal("25.00"), Decimal("5.00"))


async def test_closed_day_is_explained_and_next_open_days_offered(db: AsyncEngine) -> None:
    async with AsyncSession(db) as session, session.begin():
        business = (await session.execute(select(Business))).scalar_one()
        session.add(Closure(business_id=business.id, start_date=MONDAY, end_date=MONDAY, reason="Festivo local"))
    ids = await _ids(db, Service, "Corte")
    result = await _find(db).find_slots(FindSlotsInput("atrevete", ids, now=SUNDAY_BEFORE, first_day=MONDAY))
    assert result.closed_reason == "Festivo local"
    assert [d.day for d in result.days] == [MONDAY + timedelta(days=n) for n in (1, 2, 3)]


async def test_held_appointments_and_vacations_remove_staff(db: AsyncEngine) -> None:
    (corte,) = await _ids(db, Service, "Corte")
    ten = datetime(2027, 3, 1, 10, tzinfo=MADRID)
    async with AsyncSession(db, expire_on_commit=False) as session, session.begin():
        business = (await session.execute(select(Business))).scalar_one()
        staff = {s.name: s for s in (await session.execute(select(StaffMember))).scalars()}
        for name in ("Pilar", "Marta"):
            session.add(
                Closure(
                    business_id=business.id,
                    staff_id=staff[name].id,
                    start_date=MONDAY,
                    end_date=MONDAY,
                    reason="Vacaciones",
                )
            )
        who = await make_customer(session, business, phone="+34600555666")
        session.add(appointment(customer=who, staff=staff["Harol"], start=ten, minutes=60))
    result = await _find(db).find_slots(FindSlotsInput("atrevete", [corte], now=SUNDAY_BEFORE, first_day=MONDAY))
    first = result.days[0].slots[0]
    assert first.start == ten and first.staff_names == ("Víctor",)  # Harol is held, Pilar and Marta away


async def test_busy_time_from_the_calendar_adapter_is_excluded(db: AsyncEngine) -> None:
    (corte,) = await _ids(db, Service, "Corte")
    everyone = await _ids(db, StaffMember, "Pilar", "Marta", "Harol", "Víctor")

    class BusyMorning:
        async def busy_times(self, input: BusyTimesInput) -> BusyTimes:
            start, end = datetime(2027, 3, 1, 10, tzinfo=MADRID), datetime(2027, 3, 1, 13, tzinfo=MADRID)
            return BusyTimes([BusyInterval(s, start, end) for s in input.staff_ids], closed_days={})

    result = await _find(db, BusyMorning()).find_slots(
        FindSlotsInput("atrevete", [corte], now=SUNDAY_BEFORE, first_day=MONDAY)
    )
    assert set(everyone) >= {sid for s in result.days[0].slots for sid in s.staff_ids}
    assert result.days[0].slots[0].start == datetime(2027, 3, 1, 13, tzinfo=MADRID)


async def test_pack_with_saving_is_suggested_for_mechas(db: AsyncEngine) -> None:
    (mechas,) = await _ids(db, Service, "Mechas")
    result = await _find(db).find_slots(FindSlotsInput("atrevete", [mechas], now=SUNDAY_BEFORE, first_day=MONDAY))
    assert result.pack is not None
    assert (result.pack.name, result.pack.price, result.pack.saving) == (
        "Mechas + Corte",
        Decimal("80.00"),
        Decimal("10.00"),
    )


async def test_same_day_slots_start_at_least_an_hour_ahead(db: AsyncEngine) -> None:
    (corte,) = await _ids(db, Service, "Corte")
    now = datetime(2027, 3, 1, 12, 10, tzinfo=MADRID)
    result = await _find(db).find_slots(FindSlotsInput("atrevete", [corte], now=now))
    assert result.days[0].day == MONDAY
    assert result.days[0].slots[0].start == datetime(2027, 3, 1, 13, 30, tzinfo=MADRID)


async def test_group_of_two_gets_two_staff_at_the_same_start(db: AsyncEngine) -> None:
    (corte,) = await _ids(db, Service, "Corte")
    result = await _find(db).find_slots(
        FindSlotsInput("atrevete", [corte], now=SUNDAY_BEFORE, first_day=MONDAY, party_size=2)
    )
    assert all(len(set(s.staff_ids)) == 2 for d in result.days for s in d.slots)


@pytest.mark.parametrize("unknown", [[], ["00000000-0000-0000-0000-000000000000"]])
async def test_unknown_services_are_a_typed_problem(db: AsyncEngine, unknown: list[str]) -> None:
    result = await _find(db).find_slots(
        FindSlotsInput("atrevete", [UUID(u) for u in unknown], now=SUNDAY_BEFORE, first_day=MONDAY)
    )
    assert result.problem == AvailabilityProblem.UNKNOWN_SERVICE


async def test_busy_google_events_are_excluded_through_the_real_adapter(db: AsyncEngine) -> None:
    (corte,) = await _ids(db, Service, "Corte")
    (pilar,) = await _ids(db, StaffMember, "Pilar")
    with running_calendar_fake() as fake:
        start, end = datetime(2027, 3, 1, 10, tzinfo=MADRID), datetime(2027, 3, 1, 13, tzinfo=MADRID)
        fake.add_event(
            "pilar@atrevete.example",
            {
                "id": "x1",
                "summary": "Formación",
                "start": {"dateTime": start.isoformat()},
                "end": {"dateTime": end.isoformat()},
            },
        )
        google = GoogleCalendar(
            credentials=Credentials(token="t"),
            calendar_ids=calendar_ids_from_db(session_factory(db)),
            api_endpoint=fake.endpoint,
        )
        result = await _find(db, google).find_slots(
            FindSlotsInput("atrevete", [corte], now=SUNDAY_BEFORE, first_day=MONDAY, staff_id=pilar)
        )
    assert result.days[0].slots[0].start == end


async def test_a_stylists_hours_break_time_off_and_buffers_shape_her_slots(db: AsyncEngine) -> None:
    """Harol works Monday 10:00-14:00 and 15:00-20:00, is at the doctor 17:00-18:00, and has an hour held at
    10:00 for a Corte, whose 15-minute buffer (cleaning) puts his next start at 11:30 on the grid, not 11:00;
    the held appointment itself is left as it was."""
    (corte,) = await _ids(db, Service, "Corte")
    ten = datetime(2027, 3, 1, 10, tzinfo=MADRID)
    async with AsyncSession(db, expire_on_commit=False) as session, session.begin():
        business = (await session.execute(select(Business))).scalar_one()
        harol = (await session.execute(select(StaffMember).where(StaffMember.name == "Harol"))).scalar_one()
        service = await session.get(Service, corte)
        assert service is not None
        service.buffer_minutes = 15
        for starts, ends in ((time(10), time(14)), (time(15), time(20))):
            session.add(
                StaffHours(business_id=business.id, staff_id=harol.id, weekday=0, starts_at=starts, ends_at=ends)
            )
        session.add(
            StaffTimeOff(
                business_id=business.id,
                staff_id=harol.id,
                starts_at=datetime(2027, 3, 1, 17, tzinfo=MADRID),
                ends_at=datetime(2027, 3, 1, 18, tzinfo=MADRID),
                reason="Médico",
            )
        )
        who = await make_customer(session, business, phone="+34600555666")
        held = appointment(customer=who, staff=harol, start=ten, minutes=60)
        session.add(held)
        await session.flush()
        session.add(AppointmentService(appointment_id=held.id, service_id=corte))
    result = await _find(db).find_slots(
        FindSlotsInput("atrevete", [corte], now=SUNDAY_BEFORE, first_day=MONDAY, staff_id=harol.id, every_slot=True)
    )
    starts = [f"{s.start.astimezone(MADRID):%H:%M}" for s in result.days[0].slots]
    # Corte is 45 minutes: 13:00 is his last start before the break, 16:00 his last before the doctor's.
    assert starts[:2] == ["11:30", "12:00"]
    assert {"13:00", "15:00", "16:00", "18:00"} <= set(starts)
    assert not {"11:00", "13:30", "14:00", "14:30", "16:30", "17:00", "17:30"} & set(starts)
    assert starts[-1] == "19:00"
    async with AsyncSession(db) as session:
        kept = await session.get(Appointment, held.id)
    assert kept is not None and (kept.start_at, kept.end_at) == (ten, ten + timedelta(minutes=60))
