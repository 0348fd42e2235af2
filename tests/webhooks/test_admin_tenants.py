"""Two businesses, one /admin: the settings login (business A, the default) and an AdminAccount of business B
each see, search, export, open, edit and delete their own business's rows only."""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, delete, select

from models import (
    AdminAccount,
    Business,
    Closure,
    Customer,
    Faq,
    Message,
    Pack,
    Service,
    StaffMember,
    TeamAlert,
)
from models.enums import Category, Channel, Direction
from models.passwords import hash_password
from models.queries import get_business
from tests.admin_csrf import carry_csrf
from tests.factories import appointment, make_business, make_staff

A_LOGIN = {"username": "admin", "password": "atrevete"}
B_LOGIN = {"username": "berta", "password": "clave-de-bella"}
B_SLUG = "bella"
PAGES = (
    "customer",
    "staff-member",
    "service",
    "pack",
    "closure",
    "faq",
    "message",
    "appointment",
    "team-alert",
)
LOGINS = pytest.mark.parametrize(("login", "own"), [(A_LOGIN, 0), (B_LOGIN, 1)], ids=["settings-login", "account"])


@dataclass(frozen=True)
class Tenant:
    """A business's rows; each shows the business's own word (or phone) wherever it is listed."""

    business_id: uuid.UUID
    word: str
    phone: str
    staff_id: uuid.UUID
    customer_id: uuid.UUID
    closure_id: uuid.UUID
    appointment_id: uuid.UUID


async def _tenant(session: AsyncSession, business: Business, word: str, phone: str) -> Tenant:
    staff = await make_staff(session, business, name=f"Estilista {word}")
    customer = Customer(business_id=business.id, phone=phone, first_name=word, last_name="Compartido")
    closure = Closure(business_id=business.id, start_date=date(2031, 1, 6), end_date=date(2031, 1, 6), reason=word)
    owned = {"business_id": business.id}
    session.add_all(
        [
            customer,
            closure,
            Service(**owned, name=word, category=Category.HAIRDRESSING, duration_minutes=30, price=Decimal(20)),
            Pack(**owned, name=word, duration_minutes=60, price=Decimal(40)),
            Faq(**owned, topic=word, question=f"¿{word}?", answer="Sí."),
            Message(
                **owned,
                customer_phone=phone,
                direction=Direction.INBOUND,
                channel=Channel.CONSOLE,
                external_id=word,
                body=word,
                workflow_id=f"conversation:{business.slug}:{phone}",
            ),
            TeamAlert(
                **owned,
                customer_phone=phone,
                text=word,
                reason=word,
                idempotency_key=word,
                workflow_id=f"conversation:{business.slug}:{phone}",
            ),
        ]
    )
    await session.flush()
    # 09:00 UTC: 10:00 in Madrid (A), 03:00 in Mexico City (B).
    booking = appointment(customer=customer, staff=staff, start=datetime(2031, 1, 7, 9, tzinfo=UTC))
    booking.workflow_id = f"booking:{word}"
    session.add(booking)
    await session.flush()
    return Tenant(business.id, word, phone, staff.id, customer.id, closure.id, booking.id)


@pytest.fixture
async def tenants(db: AsyncEngine) -> tuple[Tenant, Tenant]:
    async with AsyncSession(db) as session, session.begin():
        a = await get_business(session, slug="atrevete")
        b = await make_business(session, slug=B_SLUG)
        b.timezone = "America/Mexico_City"
        hashed = hash_password(B_LOGIN["password"])
        session.add(AdminAccount(business_id=b.id, username=B_LOGIN["username"], password_hash=hashed))
        return await _tenant(session, a, "Zafiro", "+34611111111"), await _tenant(session, b, "Quimera", "+34622222222")


async def _login(api: httpx.AsyncClient, login: dict[str, str]) -> None:
    response = await api.post("/admin/login", data=login)
    assert response.status_code in (302, 303), response.text
    await carry_csrf(api)


async def _closures(db: AsyncEngine) -> dict[str, Closure]:
    async with AsyncSession(db) as session:
        return {c.reason: c for c in (await session.execute(select(Closure))).scalars()}


@LOGINS
async def test_every_list_shows_only_the_logged_in_business(
    api: httpx.AsyncClient, tenants: tuple[Tenant, Tenant], login: dict[str, str], own: int
) -> None:
    mine, theirs = tenants[own], tenants[1 - own]
    await _login(api, login)
    for page in PAGES:
        listing = await api.get(f"/admin/{page}/list", params={"pageSize": 100})
        assert listing.status_code == 200, page
        assert mine.word in listing.text, page
        assert theirs.word not in listing.text and theirs.phone not in listing.text, page


@LOGINS
async def test_search_and_export_stay_in_the_business(
    api: httpx.AsyncClient, tenants: tuple[Tenant, Tenant], login: dict[str, str], own: int
) -> None:
    mine, theirs = tenants[own], tenants[1 - own]
    await _login(api, login)
    found = await api.get("/admin/customer/list", params={"search": "Compartido"})
    assert mine.word in found.text and theirs.word not in found.text
    for export in ("/admin/customer/export/csv", "/admin/message/export/json"):
        exported = await api.get(export)
        assert exported.status_code == 200, export
        assert mine.phone in exported.text and theirs.phone not in exported.text, export


@LOGINS
async def test_another_business_rows_are_not_found_and_stay_unchanged(
    api: httpx.AsyncClient, db: AsyncEngine, tenants: tuple[Tenant, Tenant], login: dict[str, str], own: int
) -> None:
    mine, theirs = tenants[own], tenants[1 - own]
    await _login(api, login)
    others = {"customer": theirs.customer_id, "closure": theirs.closure_id, "appointment": theirs.appointment_id}
    for page, pk in others.items():
        assert (await api.get(f"/admin/{page}/details/{pk}")).status_code == 404, page
    assert (await api.get(f"/admin/closure/edit/{theirs.closure_id}")).status_code == 404
    # The file route finds rows by id alone: another business's row must answer as one that does not exist.
    for pk in (theirs.customer_id, uuid.uuid4()):
        assert (await api.get(f"/admin/customer/{pk}/phone/download/")).status_code == 404
    changed = {"start_date": "2031-02-02", "end_date": "2031-02-02", "reason": "Cambiado"}
    assert (await api.post(f"/admin/closure/edit/{theirs.closure_id}", data=changed)).status_code == 404
    both = f"{mine.closure_id},{theirs.closure_id}"
    assert (await api.delete("/admin/closure/delete", params={"pks": both})).status_code == 404
    assert (await _closures(db)).keys() == {mine.word, theirs.word}, "nothing edited or deleted, own row included"

    assert (await api.get(f"/admin/customer/details/{mine.customer_id}")).status_code == 200
    assert (await api.delete("/admin/closure/delete", params={"pks": str(mine.closure_id)})).status_code == 200
    assert (await _closures(db)).keys() == {theirs.word}


async def test_booking_actions_refuse_another_business_appointment(
    api: httpx.AsyncClient, tenants: tuple[Tenant, Tenant]
) -> None:
    a, b = tenants
    await _login(api, B_LOGIN)
    for action in ("cancel-refund", "cancel-no-refund", "no-show"):
        # B's own booking first: were it acted on before the check, its missing workflow would fail with 503.
        pks = f"{b.appointment_id},{a.appointment_id}"
        response = await api.post(f"/admin/appointment/action/{action}", data={"pks": pks})
        assert response.status_code == 404, action


async def test_a_closure_created_by_b_belongs_to_b_and_offers_only_b_staff(
    api: httpx.AsyncClient, db: AsyncEngine, tenants: tuple[Tenant, Tenant]
) -> None:
    a, b = tenants
    await _login(api, B_LOGIN)
    for form in ("/admin/closure/create", f"/admin/closure/edit/{b.closure_id}"):
        page = (await api.get(form)).text
        assert f"Estilista {b.word}" in page and "Todo el salón" in page, form
        assert f"Estilista {a.word}" not in page and "Pilar" not in page, form
    data = {"start_date": "2031-03-02", "end_date": "2031-03-03", "reason": "Inventario", "staff_id": str(b.staff_id)}
    assert (await api.post("/admin/closure/create", data=data)).status_code == 302
    created = (await _closures(db))["Inventario"]
    assert (created.business_id, created.staff_id) == (b.business_id, b.staff_id)


async def test_a_closure_with_another_business_staff_is_refused(
    api: httpx.AsyncClient, db: AsyncEngine, tenants: tuple[Tenant, Tenant]
) -> None:
    a, b = tenants
    await _login(api, B_LOGIN)
    data = {"start_date": "2031-03-02", "end_date": "2031-03-02", "reason": "Ajena", "staff_id": str(a.staff_id)}
    refused = await api.post("/admin/closure/create", data=data)
    assert refused.status_code == 400 and "no es de este salón" in refused.text
    edited = await api.post(f"/admin/closure/edit/{b.closure_id}", data={**data, "reason": b.word})
    assert edited.status_code == 400 and "no es de este salón" in edited.text
    closures = await _closures(db)
    assert "Ajena" not in closures and closures[b.word].staff_id is None


@pytest.mark.parametrize(
    "login",
    [
        {**B_LOGIN, "password": A_LOGIN["password"]},
        {**A_LOGIN, "password": B_LOGIN["password"]},
        {**B_LOGIN, "password": ""},
        {"username": "nadie", "password": B_LOGIN["password"]},
    ],
    ids=["account-with-settings-password", "settings-with-account-password", "empty", "unknown-user"],
)
async def test_a_wrong_password_is_refused(
    api: httpx.AsyncClient, tenants: tuple[Tenant, Tenant], login: dict[str, str]
) -> None:
    assert (await api.post("/admin/login", data=login)).status_code == 400
    assert (await api.get("/admin/customer/list")).status_code in (302, 303)


async def test_a_deleted_account_loses_its_session(
    api: httpx.AsyncClient, db: AsyncEngine, tenants: tuple[Tenant, Tenant]
) -> None:
    await _login(api, B_LOGIN)
    assert (await api.get("/admin/customer/list")).status_code == 200
    async with AsyncSession(db) as session, session.begin():
        await session.execute(delete(AdminAccount).where(col(AdminAccount.username) == B_LOGIN["username"]))
    assert (await api.get("/admin/customer/list")).status_code in (302, 303)


async def test_appointment_times_are_in_each_business_timezone(
    api: httpx.AsyncClient, tenants: tuple[Tenant, Tenant]
) -> None:
    # Each login replaces the session's staff member and business.
    for login, local, other in (
        (A_LOGIN, "07/01/2031 10:00", "07/01/2031 03:00"),
        (B_LOGIN, "07/01/2031 03:00", "07/01/2031 10:00"),
    ):
        await _login(api, login)
        listing = (await api.get("/admin/appointment/list")).text
        assert local in listing and other not in listing, login["username"]


async def test_today_is_each_business_own_day(
    api: httpx.AsyncClient, db: AsyncEngine, tenants: tuple[Tenant, Tenant]
) -> None:
    a, b = tenants
    # An instant of Mexico City's today (B) that is not Madrid's today (A): its first or its last minute.
    now = datetime.now(UTC)
    b_day = now.astimezone(ZoneInfo("America/Mexico_City")).replace(hour=0, minute=0, second=0, microsecond=0)
    same_date = b_day.date() == now.astimezone(ZoneInfo("Europe/Madrid")).date()
    instant = b_day + (timedelta(days=1, minutes=-1) if same_date else timedelta(minutes=1))
    async with AsyncSession(db) as session, session.begin():
        for tenant in tenants:
            customer = await session.get_one(Customer, tenant.customer_id)
            staff = await session.get_one(StaffMember, tenant.staff_id)
            booking = appointment(customer=customer, staff=staff, start=instant, minutes=1)
            booking.workflow_id = f"booking:hoy-{tenant.word}"
            session.add(booking)
    for login, tenant, listed in ((A_LOGIN, a, False), (B_LOGIN, b, True)):
        await _login(api, login)
        today = (await api.get("/admin/appointment/list", params={"cuando": "today"})).text
        assert (f"booking:hoy-{tenant.word}" in today) is listed, login["username"]


async def test_desk_bookings_and_moves_stay_inside_the_business(
    api: httpx.AsyncClient, db: AsyncEngine, tenants: tuple[Tenant, Tenant]
) -> None:
    a, b = tenants
    await _login(api, B_LOGIN)
    page = (await api.get("/admin/desk/new")).text
    assert f"Estilista {b.word}" in page and f"Estilista {a.word}" not in page and "Pilar" not in page
    assert (await api.get(f"/admin/desk/move/{a.appointment_id}")).status_code == 404
    moved = await api.post(f"/admin/desk/move/{a.appointment_id}", data={"day": "2031-03-04", "at": "10:00"})
    assert moved.status_code == 404
    form = {"booking_id": str(uuid.uuid4()), "phone": "600 123 456", "name": "Ana", "staff": str(a.staff_id)}
    refused = await api.post("/admin/desk/new", data={**form, "day": "2031-03-04", "at": "10:00"})
    assert refused.status_code == 422 and "Elige un profesional del salón." in refused.text
