"""/admin → Agenda: each stylist's appointments of a day (a column each) or a week (a row each), on the salon's
clock, with status and deposit, linked to their details and Temporal; only the logged-in business's."""

import re
from datetime import date

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select

from models import AppointmentService, Service
from models.enums import AppointmentStatus, PaymentStatus
from models.queries import get_business
from tests.webhooks.seeded_days import booked, madrid, two_salons
from tests.webhooks.test_admin_spanish import visible_text
from webhooks.admin.agenda_entries import staff_agendas

DAY = date(2026, 12, 9)


async def _login(api: httpx.AsyncClient) -> None:
    response = await api.post("/admin/login", data={"username": "admin", "password": "atrevete"})
    assert response.status_code in (302, 303), response.text


def _column(page: str, staff: str) -> str:
    """The HTML of one stylist's column (day view) or row (week view)."""
    found = re.search(rf'data-staff="{staff}"(.*?)(?=data-staff=|</tbody>|id="agenda-end"|$)', page, re.DOTALL)
    assert found, f"no agenda for {staff}"
    return found.group(1)


async def _seed(db: AsyncEngine) -> dict[str, str]:
    async with AsyncSession(db) as session, session.begin():
        s = await two_salons(session)
        s.customer.last_name = "<b>Ortega</b>"
        service = (await session.execute(select(Service).where(Service.business_id == s.salon.id))).scalars().first()
        assert service is not None
        paid = booked(s.customer, s.stylist, madrid(2026, 12, 9, 10, 0))
        # Reminded, and the customer said yes; tomorrow's was reminded and not answered.
        paid.reminded_at = paid.attendance_confirmed_at = madrid(2026, 12, 7, 10, 0)
        cancelled = booked(
            s.customer, s.stylist, madrid(2026, 12, 9, 16, 0), AppointmentStatus.CANCELLED, PaymentStatus.REFUNDED
        )
        expired = booked(s.customer, s.stylist, madrid(2026, 12, 9, 12, 0), AppointmentStatus.EXPIRED)
        tomorrow = booked(s.customer, s.stylist, madrid(2026, 12, 10, 11, 0), payment=PaymentStatus.PENDING)
        tomorrow.reminded_at = madrid(2026, 12, 8, 11, 0)
        theirs = booked(s.other_customer, s.other_stylist, madrid(2026, 12, 9, 10, 0))
        session.add_all([paid, cancelled, expired, tomorrow, theirs])
        await session.flush()
        session.add(AppointmentService(appointment_id=paid.id, service_id=service.id))
        return {"paid": str(paid.id), "workflow": paid.workflow_id, "service": service.name}


async def test_the_day_view_shows_each_stylist_their_appointments_of_that_day(
    api: httpx.AsyncClient, db: AsyncEngine
) -> None:
    seeded = await _seed(db)
    await _login(api)
    page = await api.get("/admin/agenda", params={"dia": DAY.isoformat()})
    assert page.status_code == 200, page.text
    rocio = _column(page.text, "Rocío")
    text = visible_text(rocio)
    assert "10:00–11:00" in text and seeded["service"] in text and "confirmada" in text
    assert "Anticipo: 10,00 € · pagado" in text and "✓ ha confirmado que viene" in text
    assert "&lt;b&gt;Ortega&lt;/b&gt;" in rocio, "the customer's name escaped"
    assert "16:00–17:00" in text and "cancelada" in text and "10,00 € · devuelto" in text
    assert re.search(r'class="agenda-entry cancelled"[^>]*>\s*<div class="agenda-what">\s*<strong>16:00', rocio)
    assert "12:00–13:00" not in text, "an expired hold was never a booking"
    assert "11:00–12:00" not in text, "the next day's appointment"
    assert f"/admin/appointment/details/{seeded['paid']}" in rocio
    assert "/workflows/" + seeded["workflow"].replace(":", "%3A") in rocio
    assert "Bea" not in page.text and "Berta" not in page.text, "another business's stylist and customer"
    assert 'data-staff="Pilar"' in page.text, "the demo salon's active stylists have their column, empty or not"


async def test_the_week_view_puts_each_appointment_under_its_stylist_and_day(
    api: httpx.AsyncClient, db: AsyncEngine
) -> None:
    await _seed(db)
    await _login(api)
    page = await api.get("/admin/agenda/semana", params={"dia": DAY.isoformat()})
    assert page.status_code == 200, page.text
    assert "Semana del 07/12/2026 al 13/12/2026" in page.text, "Monday to Sunday"
    row = _column(page.text, "Rocío")
    cells = dict(re.findall(r'<td data-day="([\d-]+)"[^>]*>(.*?)</td>', row, re.DOTALL))
    assert len(cells) == 7
    assert "10:00–11:00" in cells["2026-12-09"] and "16:00–17:00" in cells["2026-12-09"]
    assert "11:00–12:00" in cells["2026-12-10"] and "pendiente" in cells["2026-12-10"]
    assert "sin confirmar tras el recordatorio" in cells["2026-12-10"]
    assert "Bea" not in page.text and "Berta" not in page.text


async def test_an_appointment_at_half_past_midnight_after_a_clock_change_is_on_its_own_day(db: AsyncEngine) -> None:
    async with AsyncSession(db) as session, session.begin():
        s = await two_salons(session)
        # Madrid: summer time starts on 29/03/2026 and ends on 25/10/2026; 00:30 the next day is 22:30 and
        # 23:30 UTC of the change's day.
        session.add(booked(s.customer, s.stylist, madrid(2026, 3, 30, 0, 30)))
        session.add(booked(s.customer, s.stylist, madrid(2026, 10, 26, 0, 30)))
    async with AsyncSession(db) as session:
        salon = await get_business(session, slug="atrevete")
        for change, after in ((date(2026, 3, 29), date(2026, 3, 30)), (date(2026, 10, 25), date(2026, 10, 26))):
            on_change = [e for a in await staff_agendas(session, salon, change, change) for e in a.entries]
            next_day = [e for a in await staff_agendas(session, salon, after, after) for e in a.entries]
            assert on_change == [], f"nothing on {change}"
            assert [(e.day, e.start, e.minute) for e in next_day] == [(after, "00:30", 30)]


async def test_the_appointment_list_names_the_services(api: httpx.AsyncClient, db: AsyncEngine) -> None:
    seeded = await _seed(db)
    await _login(api)
    listed = visible_text((await api.get("/admin/appointment/list")).text)
    assert "Servicios" in listed and seeded["service"] in listed
