"""Staff sessions: the cookie is HttpOnly, SameSite=Strict and scoped to /admin (Secure in production); logging
out ends the session for every copy of the cookie; changes need the session's CSRF token; an old PBKDF2 hash is
replaced by Argon2id at the next login; exports cannot carry spreadsheet formulas."""

from datetime import date

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.client import Client

from models import AdminAccount, Closure
from models.queries import get_business
from tests.admin_csrf import csrf_token
from tests.app_client import client_for
from tests.models.test_passwords import LEGACY_PBKDF2
from tests.models.test_settings import PRODUCTION
from tests.settings_for import settings_for

LOGIN = {"username": "admin", "password": "atrevete"}


async def _login(api: httpx.AsyncClient, login: dict[str, str] = LOGIN) -> httpx.Response:
    response = await api.post("/admin/login", data=login)
    assert response.status_code in (302, 303), response.text
    return response


async def test_the_cookie_is_http_only_strict_and_scoped_to_the_admin(api: httpx.AsyncClient, db: AsyncEngine) -> None:
    cookie = (await _login(api)).headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/admin" in cookie
    assert "secure" not in cookie, "plain http in development"


async def test_the_cookie_is_secure_in_production(database_url: str, temporal_client: Client, db: AsyncEngine) -> None:
    settings = settings_for(database_url).model_copy(update={**PRODUCTION, "database_url": database_url})
    async with client_for(settings, temporal_client) as api:
        cookie = (await _login(api, {"username": "admin", "password": "not-the-demo-one"})).headers["set-cookie"]
        assert "secure" in cookie.lower() and "samesite=strict" in cookie.lower()


async def test_logout_ends_the_session_for_a_copied_cookie(api: httpx.AsyncClient, db: AsyncEngine) -> None:
    await _login(api)
    copied = dict(api.cookies)
    assert (await api.get("/admin/closure/list")).status_code == 200
    await api.get("/admin/logout")
    api.cookies.clear()
    api.cookies.update(copied)
    assert (await api.get("/admin/closure/list")).status_code in (302, 303), "the copy must not outlive the logout"


async def test_a_change_without_the_csrf_token_is_refused_and_changes_nothing(
    api: httpx.AsyncClient, db: AsyncEngine
) -> None:
    await _login(api)
    closure = {"start_date": "2031-02-03", "end_date": "2031-02-03", "reason": "Forjado"}
    for token in (None, b"not-the-token", "tökën".encode("latin-1")):
        headers = {} if token is None else {"x-csrf-token": token}
        refused = await api.post("/admin/closure/create", data=closure, headers=headers)
        assert refused.status_code == 403, token
    async with AsyncSession(db) as session:
        assert (await session.execute(select(Closure).where(Closure.reason == "Forjado"))).first() is None
    created = await api.post("/admin/closure/create", data={**closure, "csrf_token": await csrf_token(api)})
    assert created.status_code in (302, 303), created.text


async def test_booking_actions_are_posts_not_links(api: httpx.AsyncClient, db: AsyncEngine) -> None:
    await _login(api)
    assert (await api.get("/admin/appointment/action/cancel-refund", params={"pks": ""})).status_code in (404, 405)
    listing = await api.get("/admin/appointment/list")
    assert 'method="post"' in listing.text and "/admin/appointment/action/cancel-refund" in listing.text


async def test_an_old_pbkdf2_hash_is_replaced_at_the_next_login(api: httpx.AsyncClient, db: AsyncEngine) -> None:
    async with AsyncSession(db) as session, session.begin():
        business = await get_business(session, slug="atrevete")
        session.add(AdminAccount(business_id=business.id, username="ana", password_hash=LEGACY_PBKDF2))
    await _login(api, {"username": "ana", "password": "clave antigua"})
    async with AsyncSession(db) as session:
        [stored] = (
            await session.execute(select(AdminAccount.password_hash).where(AdminAccount.username == "ana"))
        ).one()
    assert stored.startswith("$argon2id$")
    await api.get("/admin/logout")
    await _login(api, {"username": "ana", "password": "clave antigua"})


async def test_exported_cells_cannot_be_formulas(api: httpx.AsyncClient, db: AsyncEngine) -> None:
    await _login(api)
    day = date(2031, 3, 1)
    async with AsyncSession(db) as session, session.begin():
        business = await get_business(session, slug="atrevete")
        for reason in ('=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "Vacaciones"):
            session.add(Closure(business_id=business.id, start_date=day, end_date=day, reason=reason))
    export = await api.get("/admin/closure/export/csv")
    assert export.status_code == 200
    assert "'=HYPERLINK" in export.text and "'+1+1" in export.text and "'-2+3" in export.text
    assert "'@SUM(A1)" in export.text and ",Vacaciones" in export.text
