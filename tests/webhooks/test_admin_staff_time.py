"""Stylists' own time set in /admin (#19, part): hours with a break and time off, saved with CSRF, change the
next slot search; an overlapping interval, a backwards one and another salon's stylist are refused in Spanish
and nothing is saved; another salon's rows are not found; a service's buffer is edited with the catalogue."""

from datetime import date, datetime, time
from uuid import UUID
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select

from activities.booking.availability import Availability, FindSlotsInput
from activities.calendar.local import LocalCalendar
from models import AppointmentService, CatalogChange, Service, StaffHours, StaffMember, StaffTimeOff
from models.queries import get_business
from models.runtime.db import session_factory
from tests.admin_csrf import carry_csrf
from tests.factories import appointment, make_business, make_customer, make_staff

MADRID = ZoneInfo("Europe/Madrid")
MONDAY = date(2027, 3, 1)
SUNDAY_BEFORE = datetime(2027, 2, 28, 12, tzinfo=MADRID)


async def _login(api: httpx.AsyncClient) -> None:
    response = await api.post("/admin/login", data={"username": "admin", "password": "atrevete"})
    assert response.status_code in (302, 303)
    await carry_csrf(api)


async def _named(db: AsyncEngine, model: type[StaffMember] | type[Service], name: str) -> UUID:
    async with AsyncSession(db) as session:
        found: UUID = (await session.execute(select(model.id).where(model.name == name))).scalar_one()
    return found


async def _harols_monday(db: AsyncEngine, service: str = "Corte") -> list[str]:
    """Every start the next search offers Harol on Monday, on the salon's clock."""
    result = await Availability(session_factory(db), LocalCalendar()).find_slots(
        FindSlotsInput(
            "atrevete",
            [await _named(db, Service, service)],
            now=SUNDAY_BEFORE,
            first_day=MONDAY,
            staff_id=await _named(db, StaffMember, "Harol"),
            every_slot=True,
        )
    )
    return [f"{s.start.astimezone(MADRID):%H:%M}" for d in result.days if d.day == MONDAY for s in d.slots]


def _hours(staff: UUID, starts: str, ends: str, weekday: int = 0) -> dict[str, str]:
    return {"staff_id": str(staff), "weekday": str(weekday), "starts_at": starts, "ends_at": ends}


async def test_hours_a_break_and_time_off_set_in_admin_change_the_next_search(
    api: httpx.AsyncClient, db: AsyncEngine
) -> None:
    harol = await _named(db, StaffMember, "Harol")
    assert {"14:00", "14:30", "17:00"} <= set(await _harols_monday(db)), "the salon's hours, to begin with"
    await _login(api)
    form = await api.get("/admin/staff-hours/create")
    assert form.status_code == 200 and "Harol" in form.text and "lunes" in form.text

    for starts, ends in (("10:00", "14:00"), ("15:00", "20:00")):
        saved = await api.post("/admin/staff-hours/create", data=_hours(harol, starts, ends))
        assert saved.status_code == 302, saved.text
    away = {"staff_id": str(harol), "starts_at": "2027-03-01 17:00:00", "ends_at": "2027-03-01 18:00:00"}
    saved = await api.post("/admin/staff-time-off/create", data=away | {"reason": "Médico"})
    assert saved.status_code == 302, saved.text

    starts = await _harols_monday(db)
    assert {"10:00", "13:00", "15:00", "16:00", "18:00", "19:00"} <= set(starts)
    assert not {"13:30", "14:00", "14:30", "16:30", "17:00", "17:30"} & set(starts), starts
    async with AsyncSession(db) as session:
        [off] = (await session.execute(select(StaffTimeOff))).scalars()
    assert off.starts_at == datetime(2027, 3, 1, 17, tzinfo=MADRID), "the salon's clock, not UTC"
    listed = (await api.get("/admin/staff-hours/list")).text
    assert "lunes" in listed and "15:00" in listed and "Harol" in listed
    assert "Médico" in (await api.get("/admin/staff-time-off/list")).text

    deleted = await api.delete("/admin/staff-time-off/delete", params={"pks": str(off.id)})
    assert deleted.status_code == 200
    assert "17:00" in await _harols_monday(db), "the time off deleted, the hour is offered again"


async def test_overlaps_backwards_intervals_and_other_salons_staff_are_refused_in_spanish(
    api: httpx.AsyncClient, db: AsyncEngine
) -> None:
    harol = await _named(db, StaffMember, "Harol")
    async with AsyncSession(db, expire_on_commit=False) as session, session.begin():
        other = await make_business(session)
        stranger = await make_staff(session, other, name="Desconocida")
        theirs = StaffHours(business_id=other.id, staff_id=stranger.id, weekday=0, starts_at=time(10), ends_at=time(12))
        session.add(theirs)
    await _login(api)
    assert (await api.post("/admin/staff-hours/create", data=_hours(harol, "10:00", "14:00"))).status_code == 302

    overlap = await api.post("/admin/staff-hours/create", data=_hours(harol, "13:00", "16:00"))
    assert overlap.status_code == 400
    assert "Harol ya tiene el tramo de 10:00 a 14:00 el lunes" in overlap.text
    backwards = await api.post("/admin/staff-hours/create", data=_hours(harol, "16:00", "15:00"))
    assert backwards.status_code == 400 and "«Hasta» tiene que ser posterior a «Desde»." in backwards.text
    not_a_time = await api.post("/admin/staff-hours/create", data=_hours(harol, "25:00", "26:00"))
    assert not_a_time.status_code == 400 and "entre 00:00 y 23:59" in not_a_time.text
    foreign = await api.post("/admin/staff-hours/create", data=_hours(stranger.id, "16:00", "18:00"))
    assert foreign.status_code == 400 and "no es de este salón" in foreign.text
    away = {"staff_id": str(harol), "starts_at": "2027-03-01 18:00:00", "ends_at": "2027-03-01 17:00:00"}
    assert (await api.post("/admin/staff-time-off/create", data=away | {"reason": "x"})).status_code == 400
    # A Tuesday interval touching nothing of Monday's is fine: overlaps are per stylist and weekday.
    assert (await api.post("/admin/staff-hours/create", data=_hours(harol, "13:00", "16:00", 1))).status_code == 302

    async with AsyncSession(db) as session:
        mine = (await session.execute(select(StaffHours).where(StaffHours.staff_id == harol))).scalars().all()
        assert sorted((h.weekday, f"{h.starts_at:%H:%M}") for h in mine) == [(0, "10:00"), (1, "13:00")]
        assert (await session.execute(select(StaffTimeOff))).scalars().all() == []
    assert "Desconocida" not in (await api.get("/admin/staff-hours/create")).text
    assert "Desconocida" not in (await api.get("/admin/staff-hours/list")).text
    assert (await api.get(f"/admin/staff-hours/edit/{theirs.id}")).status_code == 404
    assert (await api.delete("/admin/staff-hours/delete", params={"pks": str(theirs.id)})).status_code == 404


async def test_a_buffer_set_on_a_service_keeps_the_stylist_free_after_it(
    api: httpx.AsyncClient, db: AsyncEngine
) -> None:
    corte = await _named(db, Service, "Corte")
    async with AsyncSession(db) as session, session.begin():
        salon = await get_business(session, slug="atrevete")
        harol = (await session.execute(select(StaffMember).where(StaffMember.name == "Harol"))).scalar_one()
        who = await make_customer(session, salon, phone="+34600555666")
        held = appointment(customer=who, staff=harol, start=datetime(2027, 3, 1, 10, tzinfo=MADRID), minutes=45)
        session.add(held)
        await session.flush()
        session.add(AppointmentService(appointment_id=held.id, service_id=corte))
        service = await session.get(Service, corte)
        assert service is not None
        form = {
            "name": service.name,
            "aliases": ", ".join(service.aliases),
            "category": service.category.value,
            "price": str(service.price),
            "duration_minutes": str(service.duration_minutes),
            "needs_deposit": "y",
            "active": "y",
            "description": service.description,
        }
    assert (await _harols_monday(db))[0] == "11:00"
    await _login(api)
    page = await api.get(f"/admin/service/edit/{corte}")
    assert "Margen tras la cita (min)" in page.text
    saved = await api.post(f"/admin/service/edit/{corte}", data=form | {"buffer_minutes": "20"})
    assert saved.status_code == 302, saved.text
    # 10:00-10:45, then 20 minutes of cleaning: 11:00 is inside the buffer.
    assert (await _harols_monday(db))[0] == "11:30"
    async with AsyncSession(db) as session:
        [change] = (await session.execute(select(CatalogChange).where(CatalogChange.row_id == corte))).scalars()
    assert (change.field, change.before, change.after) == ("Margen tras la cita (min)", "0", "20")
