"""Staff act from /admin: booking actions signal the booking workflow (which refunds and tells the customer);
closures created here take those days out of availability at once."""

from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import Closure
from models.enums import AppointmentStatus, PaymentStatus
from tests.admin_csrf import carry_csrf
from tests.scenarios.chat import Chat, appointments_of, book_and_pay, weekday_ahead
from tests.workflows.bookings import customer


async def _login(api: httpx.AsyncClient) -> None:
    response = await api.post("/admin/login", data={"username": "admin", "password": "atrevete"})
    assert response.status_code in (302, 303)
    await carry_csrf(api)


async def _booked(api: httpx.AsyncClient, db: AsyncEngine, env: WorkflowEnvironment, phone: str) -> Chat:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    _, day = await weekday_ahead(env, 4)
    await book_and_pay(chat, f"quiero cita para un tinte {day}")
    await _login(api)
    return chat


async def _act(api: httpx.AsyncClient, slug: str, pks: str) -> None:
    response = await api.post(f"/admin/appointment/action/{slug}", data={"pks": pks})
    assert response.status_code == 303, response.text
    assert response.headers["location"].endswith("/admin/appointment/list")


async def test_cancel_with_refund_from_the_admin(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    chat = await _booked(api, db, temporal_env, phone)
    [row] = await appointments_of(db, phone)
    await _act(api, "cancel-refund", str(row.id))
    await _act(api, "cancel-refund", str(row.id))  # a double click is one cancellation
    [row] = await appointments_of(db, phone)
    assert (row.status, row.payment_status) == (AppointmentStatus.CANCELLED, PaymentStatus.REFUNDED)
    message = await chat.wait_for("he cancelado tu cita")
    assert "Te devolvemos el anticipo de 9,00 €" in message
    assert await chat.replies() == []
    listing = await api.get("/admin/appointment/list")
    # In a cell: the filters offer every status by name too.
    assert "<td>cancelada</td>" in listing.text and "<td>devuelto</td>" in listing.text
    assert "Cancelar con devolución" in listing.text


async def test_cancel_without_refund_from_the_admin(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    chat = await _booked(api, db, temporal_env, phone)
    upcoming = await api.get("/admin/appointment/list", params={"cuando": "upcoming"})
    today = await api.get("/admin/appointment/list", params={"cuando": "today"})
    confirmed = "<td>confirmada</td>"  # a row's cell; the filters name every status too
    assert confirmed in upcoming.text and confirmed not in today.text, "the booking is days ahead"
    [row] = await appointments_of(db, phone)
    await _act(api, "cancel-no-refund", str(row.id))
    [row] = await appointments_of(db, phone)
    assert (row.status, row.payment_status) == (AppointmentStatus.CANCELLED, PaymentStatus.FORFEITED)
    assert "devolvemos" not in await chat.wait_for("he cancelado tu cita")


async def test_no_show_from_the_admin(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await _booked(api, db, temporal_env, phone)
    [row] = await appointments_of(db, phone)
    await _act(api, "no-show", str(row.id))
    for _ in range(100):
        [row] = await appointments_of(db, phone)
        if row.status == AppointmentStatus.NO_SHOW:
            break
        await temporal_env.sleep(timedelta(seconds=1))
    assert (row.status, row.payment_status) == (AppointmentStatus.NO_SHOW, PaymentStatus.FORFEITED)


async def test_a_closure_created_in_the_admin_is_refused_in_the_chat(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await customer(db, phone, "Lucía")
    day, said = await weekday_ahead(temporal_env, 3)
    await _login(api)
    backwards = {"start_date": str(day), "end_date": str(day - timedelta(days=1)), "reason": "Al revés"}
    refused = await api.post("/admin/closure/create", data=backwards)
    assert refused.status_code == 400 and "no puede ser anterior" in refused.text
    created = await api.post(
        "/admin/closure/create", data={"start_date": str(day), "end_date": str(day), "reason": "Formación"}
    )
    assert created.status_code in (302, 303), created.text
    async with AsyncSession(db) as session:
        [closure] = (
            await session.execute(select(Closure).where(Closure.reason.in_(["Formación", "Al revés"])))
        ).scalars()
    assert closure.reason == "Formación" and closure.staff_id is None

    [offer] = await Chat(api, phone).say(f"quiero cita para un tinte {said}")
    assert "el salón está cerrado (Formación)" in offer
    assert f" {day.day} de " not in offer.split("tengo estos huecos:")[1]
