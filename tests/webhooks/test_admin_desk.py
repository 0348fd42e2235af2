"""Staff book a walk-in or a phone call from /admin, move an appointment and mark it done: every change goes
through the BookingWorkflow, so the rules, the notices and the database's guard against double booking are the
chat's own."""

import re
import uuid
from datetime import timedelta

import httpx
from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import Customer, Message, Service, StaffMember
from models.enums import AppointmentStatus, Direction, PaymentStatus
from models.seeding.demo_salon import PHONE as SALON_PHONE
from tests.admin_csrf import carry_csrf
from tests.scenarios.chat import MADRID, appointments_of, customer_of, weekday_ahead

FORM_ID = re.compile(r'name="booking_id" value="([^"]+)"')


async def _login(api: httpx.AsyncClient) -> None:
    response = await api.post("/admin/login", data={"username": "admin", "password": "atrevete"})
    assert response.status_code in (302, 303)
    await carry_csrf(api)


async def _ids(db: AsyncEngine, service: str, staff: str) -> tuple[str, str]:
    async with AsyncSession(db) as session:
        svc = (await session.execute(select(Service.id).where(Service.name == service))).scalar_one()
        person = (await session.execute(select(StaffMember.id).where(StaffMember.name == staff))).scalar_one()
    return str(svc), str(person)


async def _to(db: AsyncEngine, phone: str) -> list[str]:
    async with AsyncSession(db) as session:
        rows = await session.execute(
            select(Message.body)
            .where(Message.direction == Direction.OUTBOUND, Message.customer_phone == phone)
            .order_by(col(Message.created_at))
        )
        return list(rows.scalars())


async def _form(
    api: httpx.AsyncClient, db: AsyncEngine, env: WorkflowEnvironment, number: str, /, **over: str
) -> dict[str, str]:
    """The new-booking form as the page gives it (its own booking id), filled for `number`; `over` replaces."""
    page = await api.get("/admin/desk/new")
    assert page.status_code == 200 and "Nueva cita (en el mostrador o por teléfono)" in page.text
    found = FORM_ID.search(page.text)
    assert found is not None
    day, _ = await weekday_ahead(env, 4)
    service, staff = await _ids(db, over.pop("service", "Corte"), over.pop("staff", "Harol"))
    national = number.removeprefix("+34")
    form = {"booking_id": found.group(1), "phone": f"{national[:3]} {national[3:]}", "name": "Carmen Ruiz"}
    return {**form, "services": service, "staff": staff, "day": day.isoformat(), "at": "12:00", **over}


async def test_a_walk_in_paid_at_the_desk_is_confirmed_and_the_stylist_told(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await _login(api)
    form = await _form(api, db, temporal_env, phone, deposit="desk")
    booked = await api.post("/admin/desk/new", data=form)
    assert booked.status_code == 200 and "Cita confirmada para Carmen Ruiz" in booked.text
    again = await api.post("/admin/desk/new", data=form)  # a reload sends the same form: one booking
    assert again.status_code == 200

    [row] = await appointments_of(db, phone)
    assert (row.status, row.payment_status, row.payment_reference) == (
        AppointmentStatus.CONFIRMED,
        PaymentStatus.PAID,
        "mostrador",
    )
    person = await customer_of(db, phone)
    assert person is not None and (person.first_name, person.last_name) == ("Carmen", "Ruiz")
    assert (await _to(db, "+34600000104"))[-1].startswith("Nueva cita: Carmen — Corte, ")
    assert (await _to(db, phone))[0].startswith("¡Cita confirmada! 🎉")

    # Cancelled with the refund from /admin: the money was taken at the desk, so the salon gives it back there.
    cancelled = await api.post("/admin/appointment/action/cancel-refund", data={"pks": str(row.id)})
    assert cancelled.status_code == 303
    [row] = await appointments_of(db, phone)
    assert row.status == AppointmentStatus.CANCELLED
    assert any(t.startswith("💶 Devuelve en el mostrador el anticipo de ") for t in await _to(db, SALON_PHONE))


async def test_a_phone_call_booking_sends_the_deposit_link_to_the_customer(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await _login(api)
    booked = await api.post("/admin/desk/new", data=await _form(api, db, temporal_env, phone, deposit="link"))
    assert booked.status_code == 200 and "le hemos enviado el enlace del anticipo" in booked.text
    [row] = await appointments_of(db, phone)
    assert (row.status, row.payment_status) == (AppointmentStatus.PROVISIONAL, PaymentStatus.PENDING)
    [link] = await _to(db, phone)
    assert "/pay/" in link


async def test_a_taken_slot_or_a_bad_form_books_nothing(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await _login(api)
    first = await _form(api, db, temporal_env, phone, deposit="desk", at="17:00")
    assert (await api.post("/admin/desk/new", data=first)).status_code == 200
    rival = f"+346{str(uuid.uuid4().int)[:8]}"
    second = await _form(api, db, temporal_env, rival, deposit="desk", at="17:30")
    taken = await api.post("/admin/desk/new", data=second)
    assert taken.status_code == 409 and "Ese hueco ya está ocupado" in taken.text
    assert await appointments_of(db, rival) == []

    # A form with mistakes touches nothing, not even the customer table.
    stranger = f"+346{str(uuid.uuid4().int)[:8]}"
    bad = await _form(api, db, temporal_env, stranger, phone="12", name="", at="25:00", services="x")
    refused = await api.post("/admin/desk/new", data=bad)
    assert refused.status_code == 422
    for reason in ("El teléfono no es válido", "Escribe el nombre", "Elige al menos un servicio", "Indica el día"):
        assert reason in refused.text, reason
    past = await _form(api, db, temporal_env, stranger, day="2020-01-07")
    assert "Esa hora ya ha pasado." in (await api.post("/admin/desk/new", data=past)).text
    async with AsyncSession(db) as session:
        count = select(func.count()).select_from(Customer).where(Customer.phone == stranger)
        assert (await session.execute(count)).scalar_one() == 0


async def test_staff_move_an_appointment_and_mark_it_done(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await _login(api)
    assert (
        await api.post("/admin/desk/new", data=await _form(api, db, temporal_env, phone, deposit="desk"))
    ).status_code == 200
    [row] = await appointments_of(db, phone)
    details = await api.get(f"/admin/appointment/details/{row.id}")
    assert "Mover esta cita" in details.text
    page = await api.get(f"/admin/desk/move/{row.id}")
    assert page.status_code == 200 and 'value="12:00"' in page.text

    _, pilar = await _ids(db, "Corte", "Pilar")
    day = row.start_at.date() + timedelta(days=1)
    moved = await api.post(f"/admin/desk/move/{row.id}", data={"day": day.isoformat(), "at": "16:30", "staff": pilar})
    assert moved.status_code == 303 and moved.headers["location"].endswith(f"/admin/appointment/details/{row.id}")
    [row] = await appointments_of(db, phone)
    assert (str(row.staff_id), row.start_at.astimezone(MADRID).strftime("%H:%M")) == (pilar, "16:30")
    assert (await _to(db, "+34600000104"))[-1].startswith("🔁 Cita cambiada: Carmen — Corte.")
    assert (await _to(db, "+34600000101"))[-1].startswith("Nueva cita: Carmen — Corte, ")
    unknown = await api.get(f"/admin/desk/move/{uuid.uuid4()}")
    assert unknown.status_code == 404

    done = await api.post("/admin/appointment/action/complete", data={"pks": str(row.id)})
    assert done.status_code == 303
    for _ in range(100):
        [row] = await appointments_of(db, phone)
        if row.status == AppointmentStatus.COMPLETED:
            break
        await temporal_env.sleep(timedelta(seconds=1))
    assert row.status == AppointmentStatus.COMPLETED
