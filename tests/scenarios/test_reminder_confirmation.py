"""The 48 h reminder asks "¿Vienes?": the customer's yes is recorded on the appointment; no answer by the
policy's deadline (24 h before) tells the salon. Real conversation and booking workflows, real activities."""

from datetime import timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import Message
from models.enums import Direction
from models.seeding.demo_salon import PHONE as SALON_PHONE
from tests.scenarios.chat import Chat, appointments_of, book_and_pay, skip_to, weekday_ahead
from tests.workflows.bookings import customer


async def _reminded(chat: Chat, db: AsyncEngine, env: WorkflowEnvironment, phone: str) -> str:
    """A customer booked and paid a tinte five days ahead; the clock is moved past the 48 h reminder."""
    await customer(db, phone, "Lucía")
    _, day = await weekday_ahead(env, 5)
    await book_and_pay(chat, f"quiero cita para un tinte {day} a las 12")
    [appointment] = await appointments_of(db, phone)
    await skip_to(env, appointment.start_at - timedelta(hours=47))
    [reminder] = await chat.replies()
    return reminder


async def _salon_heard(db: AsyncEngine, fragment: str) -> list[str]:
    async with AsyncSession(db) as session:
        rows = await session.execute(
            select(Message.body).where(
                Message.direction == Direction.OUTBOUND,
                Message.customer_phone == SALON_PHONE,
                col(Message.body).contains(fragment),
            )
        )
        return list(rows.scalars())


@pytest.mark.parametrize("yes", ["¡Sí! Allí estaré 😊", "Confirmo, gracias", "vale perfecto, nos vemos"])
async def test_a_yes_to_the_reminder_is_recorded_and_the_salon_not_bothered(
    yes: str, phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    chat = Chat(api, phone)
    reminder = await _reminded(chat, db, temporal_env, phone)
    assert "¿Vienes? Responde SÍ para confirmarla" in reminder
    [appointment] = await appointments_of(db, phone)
    assert appointment.reminded_at is not None and appointment.attendance_confirmed_at is None

    [thanks] = await chat.say(yes)
    assert thanks.startswith("¡Gracias por confirmar! 🌸 Te esperamos ") and thanks.endswith("para tinte.")
    [appointment] = await appointments_of(db, phone)
    assert appointment.attendance_confirmed_at is not None

    await skip_to(temporal_env, appointment.start_at - timedelta(hours=20))
    assert await _salon_heard(db, "no ha confirmado") == []
    # Confirmed once: a later yes is the usual small talk, not a second confirmation.
    assert await chat.say("sí") != [thanks]


async def test_no_answer_by_the_deadline_tells_the_salon(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    chat = Chat(api, phone)
    await _reminded(chat, db, temporal_env, phone)
    [appointment] = await appointments_of(db, phone)
    await skip_to(temporal_env, appointment.start_at - timedelta(hours=24, minutes=5))
    assert await _salon_heard(db, f"({phone}) no ha confirmado") == []
    await skip_to(temporal_env, appointment.start_at - timedelta(hours=23, minutes=55))
    [told] = await _salon_heard(db, f"({phone}) no ha confirmado")
    assert told.startswith("⏰ Lucía") and "Tinte con " in told and "Quizá convenga llamar" in told
    [appointment] = await appointments_of(db, phone)
    assert appointment.attendance_confirmed_at is None


async def test_a_request_after_the_reminder_is_that_request_not_a_yes(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    chat = Chat(api, phone)
    await _reminded(chat, db, temporal_env, phone)
    [answer] = await chat.say("sí, pero ¿me la puedes cambiar a otra hora?")
    assert not answer.startswith("¡Gracias por confirmar!")
    [appointment] = await appointments_of(db, phone)
    assert appointment.attendance_confirmed_at is None
