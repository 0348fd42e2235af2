"""The admin against another site's page and a stolen cookie: actions are POSTs that need the session's CSRF
token, the cookie is Strict, HttpOnly, Secure and /admin only, and logging out ends every copy of it."""

from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select

from models import Appointment
from models.enums import AppointmentStatus
from models.queries import get_business
from tests.admin_csrf import TOKEN
from tests.factories import appointment, make_customer, make_staff
from tests.security.production_api import ADMIN_PASSWORD, ProductionApi


async def _log_in(api: httpx.AsyncClient) -> tuple[str, str]:
    """The Set-Cookie header and the cookie itself. The cookie is Secure, so over the suite's plain http the
    client would not send it back: the test carries it by hand, as a thief would."""
    response = await api.post("/admin/login", data={"username": "admin", "password": ADMIN_PASSWORD})
    assert response.status_code in (302, 303), response.text
    header = response.headers["set-cookie"]
    return header, header.split(";", 1)[0]


async def _booked(db: AsyncEngine) -> Appointment:
    async with AsyncSession(db, expire_on_commit=False) as session, session.begin():
        business = await get_business(session, slug="atrevete")
        customer = await make_customer(session, business, phone="+34600333444")
        staff = await make_staff(session, business, name="Estilista")
        start = datetime.now(UTC) + timedelta(days=3)
        booked = appointment(customer=customer, staff=staff, start=start, status=AppointmentStatus.CONFIRMED)
        session.add(booked)
    return booked


async def test_the_session_cookie_is_strict_http_only_secure_and_admin_only(
    production: ProductionApi, db: AsyncEngine
) -> None:
    async with httpx.AsyncClient(base_url=production.base_url) as api:
        header, _ = await _log_in(api)
    flags = {part.strip().lower() for part in header.split(";")[1:]}
    assert {"httponly", "secure", "samesite=strict", "path=/admin"} <= flags, header


async def test_another_site_cannot_cancel_a_booking_through_a_logged_in_browser(
    production: ProductionApi, db: AsyncEngine
) -> None:
    booked = await _booked(db)
    async with httpx.AsyncClient(base_url=production.base_url, timeout=10) as api:
        _, cookie = await _log_in(api)
        # What an <img src> or a link on another site makes the browser send.
        link = await api.get(
            "/admin/appointment/action/cancel-refund", params={"pks": str(booked.id)}, headers={"cookie": cookie}
        )
        assert link.status_code in (404, 405)
        # What an auto-submitted form on another site sends: everything but the token, which it cannot read.
        form = await api.post(
            "/admin/appointment/action/cancel-refund", data={"pks": str(booked.id)}, headers={"cookie": cookie}
        )
        assert form.status_code == 403
        page = await api.get("/admin/appointment/list", headers={"cookie": cookie})
        assert page.status_code == 200 and TOKEN.search(page.text), "the token is on our own pages"
    async with AsyncSession(db) as session:
        [status] = (await session.execute(select(Appointment.status).where(Appointment.id == booked.id))).one()
    assert status == AppointmentStatus.CONFIRMED


async def test_a_copied_cookie_dies_with_the_logout(production: ProductionApi, db: AsyncEngine) -> None:
    async with httpx.AsyncClient(base_url=production.base_url) as api:
        _, cookie = await _log_in(api)
        assert (await api.get("/admin/appointment/list", headers={"cookie": cookie})).status_code == 200
        await api.get("/admin/logout", headers={"cookie": cookie})
        replayed = await api.get("/admin/appointment/list", headers={"cookie": cookie})
    assert replayed.status_code in (302, 303) and "/admin/login" in replayed.headers["location"]
