"""The owner edits the salon's rules ("Normas") and opening hours ("Horario") in /admin (#19, part), over HTTP with
the session's CSRF token: the next slot search follows them, a wrong value is refused with its reason and nothing
is saved, every change is kept in the history, bookings already made and another business's rows are untouched."""

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select

from activities.booking.availability import Availability, FindSlotsInput, FindSlotsResult
from activities.calendar.local import LocalCalendar
from models import AdminAccount, Appointment, CatalogChange, OpeningHours, Policy, Service, StaffMember
from models.enums import AppointmentStatus
from models.passwords import hash_password
from models.queries import get_business
from models.runtime.db import session_factory
from models.seeding.salon_file import apply_salon, read_salon_file
from tests.admin_csrf import carry_csrf
from tests.factories import appointment, make_customer
from tests.workflows.bookings import MADRID
from webhooks.admin.hours_form import field_name

EXAMPLE = Path(__file__).parents[2] / "deploy" / "salons" / "example.toml"
SUNDAY, MONDAY, TUESDAY = date(2027, 2, 28), date(2027, 3, 1), date(2027, 3, 2)
SATURDAY_BEFORE = datetime(2027, 2, 27, 12, tzinfo=UTC)
# The demo salon: Monday to Friday 10:00–20:00, Saturday 10:00–14:00, Sunday closed.
DEMO_HOURS = {day: [("10:00", "20:00")] for day in range(5)} | {5: [("10:00", "14:00")]}


async def _login(api: httpx.AsyncClient, username: str, password: str) -> httpx.AsyncClient:
    response = await api.post("/admin/login", data={"username": username, "password": password})
    assert response.status_code in (302, 303), response.text
    await carry_csrf(api)
    return api


@pytest.fixture
async def staff(api: httpx.AsyncClient, db: AsyncEngine) -> AsyncIterator[httpx.AsyncClient]:
    """Logged in to the demo salon's /admin (the settings login)."""
    yield await _login(api, "admin", "atrevete")


async def _policies(db: AsyncEngine, slug: str = "atrevete") -> dict[str, object]:
    async with AsyncSession(db) as session:
        business = await get_business(session, slug=slug)
        rows = await session.execute(select(Policy).where(Policy.business_id == business.id))
        return {p.key: p.value for p in rows.scalars()}


async def _hours(db: AsyncEngine, slug: str = "atrevete") -> dict[int, list[tuple[time, time]]]:
    async with AsyncSession(db) as session:
        business = await get_business(session, slug=slug)
        rows = await session.execute(select(OpeningHours).where(OpeningHours.business_id == business.id))
        days: dict[int, list[tuple[time, time]]] = {}
        for row in rows.scalars():
            days.setdefault(row.weekday, []).append((row.opens_at, row.closes_at))
        return {day: sorted(spans) for day, spans in days.items()}


async def _changes(db: AsyncEngine) -> list[CatalogChange]:
    async with AsyncSession(db) as session:
        return list((await session.execute(select(CatalogChange).order_by(col(CatalogChange.row_name)))).scalars())


def _rules_form(policies: dict[str, object], **changes: str) -> dict[str, str]:
    return {key: str(value) for key, value in policies.items()} | changes


def _hours_form(days: dict[int, list[tuple[str, str]]]) -> dict[str, str]:
    """The whole week as the page sends it: two intervals a day, blank where there is none."""
    form = {}
    for day in range(7):
        spans = days.get(day, [])
        for n in range(2):
            opens, closes = spans[n] if n < len(spans) else ("", "")
            form[field_name(day, n, "opens")] = opens
            form[field_name(day, n, "closes")] = closes
    return form


async def _search(db: AsyncEngine, service: str, first_day: date) -> FindSlotsResult:
    """The real slot search activity, as the next conversation would call it."""
    async with AsyncSession(db) as session:
        service_id = (await session.execute(select(Service.id).where(Service.name == service))).scalar_one()
    search = Availability(session_factory(db), LocalCalendar())
    return await search.find_slots(
        FindSlotsInput("atrevete", [service_id], now=SATURDAY_BEFORE, first_day=first_day, every_slot=True)
    )


async def test_the_rules_page_shows_each_rule_with_its_value(staff: httpx.AsyncClient) -> None:
    page = await staff.get("/admin/rules")
    assert page.status_code == 200
    assert "Normas del salón" in page.text and "Anticipo que se pide" in page.text
    assert 'name="deposit_percent" value="20"' in page.text and 'min="0" max="100"' in page.text
    menu = (await staff.get("/admin/")).text
    assert 'href="http://test/admin/rules"' in menu and 'href="http://test/admin/hours"' in menu, "the menu's pages"


async def test_a_deposit_changed_in_normas_is_asked_in_the_next_offer_and_kept_in_the_history(
    staff: httpx.AsyncClient, db: AsyncEngine
) -> None:
    before = await _search(db, "Corte", MONDAY)
    assert before.deposit == Decimal("8.00"), "20 % of 40,00 €"

    saved = await staff.post("/admin/rules/save", data=_rules_form(await _policies(db), deposit_percent="50"))
    assert saved.status_code == 303 and saved.headers["location"].endswith("/admin/rules?guardado=1")
    assert "Normas guardadas." in (await staff.get(saved.headers["location"])).text

    assert (await _search(db, "Corte", MONDAY)).deposit == Decimal("20.00"), "the next offer asks 50 %"
    [change] = await _changes(db)
    assert (change.changed_by, change.what, change.field, change.before, change.after) == (
        "admin",
        "Norma",
        "Valor",
        "20",
        "50",
    )
    assert change.row_name.startswith("Anticipo que se pide")
    history = await staff.get("/admin/catalog-change/list")
    assert "Anticipo que se pide" in history.text


async def test_a_wrong_rule_is_refused_with_its_reason_and_nothing_is_saved(
    staff: httpx.AsyncClient, db: AsyncEngine
) -> None:
    policies = await _policies(db)
    form = _rules_form(policies, deposit_percent="150", slot_minutes="7,5", hold_minutes="", refund_cutoff_hours="48")
    refused = await staff.post("/admin/rules/save", data=form)
    assert refused.status_code == 400
    assert "No se ha guardado nada" in refused.text
    assert "Tiene que ser 100 o menos." in refused.text, "the deposit's reason"
    assert "Escribe un número entero, sin decimales." in refused.text, "the slot minutes' reason"
    assert "Falta el valor." in refused.text, "the hold minutes' reason"
    assert 'value="150"' in refused.text, "what was typed is shown again to correct"
    assert await _policies(db) == policies, "not even the right value (refund cut-off) is saved"
    assert await _changes(db) == []


async def test_hours_changed_in_horario_remove_and_add_slots_in_the_next_search(
    staff: httpx.AsyncClient, db: AsyncEngine
) -> None:
    async with AsyncSession(db, expire_on_commit=False) as session, session.begin():
        salon = await get_business(session, slug="atrevete")
        pilar = (await session.execute(select(StaffMember).where(StaffMember.name == "Pilar"))).scalar_one()
        lucia = await make_customer(session, salon, phone="+34600123456")
        booked = appointment(
            customer=lucia,
            staff=pilar,
            start=datetime.combine(MONDAY, time(11), MADRID),
            status=AppointmentStatus.CONFIRMED,
        )
        session.add(booked)
    assert [d.day for d in (await _search(db, "Corte", SUNDAY)).days][:2] == [MONDAY, TUESDAY]

    week = DEMO_HOURS | {0: [], 1: [("10:00", "13:00"), ("16:00", "20:00")], 6: [("10:00", "14:00")]}
    saved = await staff.post("/admin/hours/save", data=_hours_form(week))
    assert saved.status_code == 303, saved.text
    assert "Horario guardado." in (await staff.get(saved.headers["location"])).text

    found = await _search(db, "Corte", SUNDAY)
    assert [d.day for d in found.days][:2] == [SUNDAY, TUESDAY], "Sunday opens, Monday is closed"
    assert found.days[0].slots[0].start == datetime.combine(SUNDAY, time(10), MADRID)
    tuesday = {s.start.astimezone(MADRID).time() for s in found.days[1].slots}
    assert time(12, 0) in tuesday and time(16, 0) in tuesday
    assert not {time(12, 30), time(13, 0), time(15, 0)} & tuesday, "no 45-minute Corte across the midday break"

    async with AsyncSession(db) as session:
        kept = await session.get(Appointment, booked.id)
    assert kept is not None and kept.status == AppointmentStatus.CONFIRMED, "a booking already made stays"
    assert kept.start_at == booked.start_at and kept.total_price == Decimal("50.00")

    changes = {c.row_name: (c.what, c.field, c.before, c.after, c.changed_by) for c in await _changes(db)}
    assert changes == {
        "Lunes": ("Horario", "Horas", "10:00–20:00", "cerrado", "admin"),
        "Martes": ("Horario", "Horas", "10:00–20:00", "10:00–13:00, 16:00–20:00", "admin"),
        "Domingo": ("Horario", "Horas", "cerrado", "10:00–14:00", "admin"),
    }


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        ([("14:00", "10:00")], "Cierra a las 10:00: tiene que ser después de abrir (14:00)."),
        ([("10:00", "14:00"), ("13:00", "20:00")], "Los tramos se solapan"),
        ([("10:00", "")], "Falta la hora de abrir o la de cerrar de un tramo."),
        ([("diez", "14:00")], "«diez» no es una hora"),
    ],
    ids=["backwards", "overlapping", "half", "not-a-time"],
)
async def test_wrong_hours_are_refused_with_the_day_reason_and_nothing_changes(
    staff: httpx.AsyncClient, db: AsyncEngine, day: list[tuple[str, str]], reason: str
) -> None:
    hours = await _hours(db)
    # Sunday opened too, so a refusal is seen to save no day at all.
    refused = await staff.post("/admin/hours/save", data=_hours_form(DEMO_HOURS | {2: day, 6: [("10:00", "14:00")]}))
    assert refused.status_code == 400
    assert reason in refused.text and "No se ha guardado nada" in refused.text
    assert await _hours(db) == hours
    assert await _changes(db) == []


async def test_another_business_rules_and_hours_stay_its_own(api: httpx.AsyncClient, db: AsyncEngine) -> None:
    await apply_salon(db, read_salon_file(EXAMPLE))
    async with AsyncSession(db) as session, session.begin():
        sol = await get_business(session, slug="barberia-sol")
        session.add(AdminAccount(business_id=sol.id, username="nerea", password_hash=hash_password("clave-sol")))
    theirs = (await _policies(db, "barberia-sol"), await _hours(db, "barberia-sol"))

    await _login(api, "admin", "atrevete")
    saved = await api.post("/admin/rules/save", data=_rules_form(await _policies(db), deposit_percent="50"))
    assert saved.status_code == 303
    assert (
        await api.post("/admin/hours/save", data=_hours_form(DEMO_HOURS | {6: [("10:00", "14:00")]}))
    ).status_code == 303
    assert (await _policies(db, "barberia-sol"), await _hours(db, "barberia-sol")) == theirs
    assert {c.business_id for c in await _changes(db)} == {await _business_id(db, "atrevete")}

    await _login(api, "nerea", "clave-sol")
    rules = (await api.get("/admin/rules")).text
    assert 'name="deposit_percent" value="30"' in rules, "the barbershop's own deposit, not the salon's 50 %"
    hours = (await api.get("/admin/hours")).text
    assert 'value="09:30"' in hours and 'name="d6_0_opens" value=""' in hours, "its Tuesday, its closed Sunday"


async def _business_id(db: AsyncEngine, slug: str) -> UUID:
    async with AsyncSession(db) as session:
        return (await get_business(session, slug=slug)).id


async def test_a_yes_no_rule_is_a_tick_box_and_unticking_it_is_saved(staff: httpx.AsyncClient, db: AsyncEngine) -> None:
    page = (await staff.get("/admin/rules")).text
    assert 'name="owner_told_of_changes" type="checkbox"' in page and "checked" in page
    form = _rules_form(await _policies(db))
    del form["owner_told_of_changes"]  # an unticked box is not sent at all
    saved = await staff.post("/admin/rules/save", data=form)
    assert saved.status_code == 303
    assert (await _policies(db))["owner_told_of_changes"] is False
    [change] = await _changes(db)
    assert (change.field, change.before, change.after) == ("Valor", "sí", "no")
    assert "checked" not in (await staff.get("/admin/rules")).text.split('name="owner_told_of_changes"')[1][:80]
