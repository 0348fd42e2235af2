"""/admin as the receptionist reads it: SQLAdmin's words in Spanish, an appointment by names on the salon's
clock, and a home page with the business's appointments of today."""

import html
import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import sqladmin
from jinja2 import Environment
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models.enums import AppointmentStatus
from models.queries import get_business
from tests.factories import appointment, confirmed_with_a_service, make_business, make_customer, make_staff
from webhooks.admin.spanish import CATALOG

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
MADRID = ZoneInfo("Europe/Madrid")


def visible_text(page: str) -> str:
    """What a person reads on the page: no scripts, styles, tags or attribute values."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL | re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


async def _login(api: httpx.AsyncClient) -> None:
    response = await api.post("/admin/login", data={"username": "admin", "password": "atrevete"})
    assert response.status_code in (302, 303), response.text


def test_every_word_sqladmin_marks_for_translation_has_its_spanish() -> None:
    env = Environment(extensions=["jinja2.ext.i18n"])
    templates = Path(sqladmin.__file__).parent / "templates"
    marked = {
        message
        for path in templates.rglob("*.html")
        for _, _, message in env.extract_translations(path.read_text())
        if isinstance(message, str)
    }
    assert marked, "SQLAdmin's templates were read"
    assert marked - CATALOG.keys() == set(), "a word of SQLAdmin's would be shown in English"


async def test_an_appointment_shows_names_and_the_salon_clock_and_no_id(
    api: httpx.AsyncClient, db: AsyncEngine
) -> None:
    # 13:00 UTC on a winter day is 14:00 in Madrid.
    start = datetime(2026, 12, 9, 13, 0, tzinfo=UTC)
    async with AsyncSession(db) as session, session.begin():
        salon = await get_business(session, slug="atrevete")
        customer = await make_customer(session, salon, phone="+34611222333")
        customer.last_name = "Ortega"
        stylist = await make_staff(session, salon, name="Rocío")
        booked, service = await confirmed_with_a_service(session, salon, customer=customer, staff=stylist, start=start)
        booked_id, service_name, people = booked.id, service.name, (customer.id, stylist.id)
    await _login(api)
    listed = visible_text((await api.get("/admin/appointment/list")).text)
    assert "Lucía Ortega (+34611222333)" in listed and "Rocío" in listed, "the list names who and with whom"
    assert not [str(i) for i in people if str(i) in listed], "no customer or staff id in the list"
    page = await api.get(f"/admin/appointment/details/{booked_id}")
    assert page.status_code == 200, page.text
    text = visible_text(page.text)
    assert "Lucía Ortega (+34611222333)" in text and "Rocío" in text and service_name in text
    assert "09/12/2026 14:00" in text and "09/12/2026 13:00" not in text, "Madrid's clock, to the minute"
    assert "confirmada" in text and "pendiente" in text, "status and payment in Spanish"
    assert not UUID.search(text), f"an id on the page: {UUID.search(text)}"


async def test_the_home_page_lists_the_business_appointments_of_today_only(
    api: httpx.AsyncClient, db: AsyncEngine
) -> None:
    noon = datetime.combine(datetime.now(MADRID).date(), time(12), MADRID)
    async with AsyncSession(db) as session, session.begin():
        salon = await get_business(session, slug="atrevete")
        stylist = await make_staff(session, salon, name="Rocío")
        today = await make_customer(session, salon, phone="+34611000001")
        yesterday = await make_customer(session, salon, phone="+34611000002")
        yesterday.first_name = "Yolanda"
        other = await make_business(session, slug="bella")
        theirs = await make_customer(session, other, phone="+34611000003")
        theirs.first_name = "Berta"
        session.add(appointment(customer=today, staff=stylist, start=noon, status=AppointmentStatus.CONFIRMED))
        session.add(appointment(customer=yesterday, staff=stylist, start=noon - timedelta(days=1)))
        session.add(appointment(customer=theirs, staff=await make_staff(session, other, name="Bea"), start=noon))
    await _login(api)
    page = await api.get("/admin/")
    assert page.status_code == 200, page.text
    text = visible_text(page.text)
    assert "12:00" in text and "Lucía (+34611000001)" in text and "Rocío" in text and "confirmada" in text
    assert "Yolanda" not in text, "yesterday's appointment"
    assert "Berta" not in text and "Bea" not in text, "another business's appointment"


async def test_the_home_page_says_when_there_is_no_appointment_today(api: httpx.AsyncClient, db: AsyncEngine) -> None:
    await _login(api)
    text = visible_text((await api.get("/admin/")).text)
    assert "Hoy no hay ninguna cita" in text
