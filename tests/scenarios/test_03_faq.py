"""Scenario 3: FAQ (hours, address, parking, payment, cancellation policy); a compound question answered in
one message; then "¿algo más?"."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.worker import Worker

from models import Faq
from tests.scenarios.chat import Chat
from tests.workflows.bookings import customer

ANYTHING_ELSE = "¿Hay algo más en lo que pueda ayudarte? 😊"


async def _answers(db: AsyncEngine) -> dict[str, str]:
    async with AsyncSession(db) as session:
        return {f.topic: f.answer for f in (await session.execute(select(Faq))).scalars()}


async def test_compound_questions_are_answered_in_one_message(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine
) -> None:
    await customer(db, phone, "Lucía")
    answers = await _answers(db)
    chat = Chat(api, phone)

    [reply] = await chat.say("Hola! ¿Qué horario tenéis y dónde estáis? ¿Hay sitio para aparcar?")
    assert reply.startswith("¡Hola, Lucía! 😊")
    for topic in ("hours", "address", "parking"):
        assert answers[topic] in reply
    assert answers["payment"] not in reply
    assert reply.endswith(ANYTHING_ELSE)

    [reply] = await chat.say("y q formas de pago aceptais? xq si cancelo me devolveis el anticipo?")
    assert answers["payment"] in reply and answers["cancellation"] in reply
    assert reply.endswith(ANYTHING_ELSE)
    assert not reply.startswith("¡Hola"), "greeted once per conversation"

    [reply] = await chat.say("no, gracias!")
    assert reply == "¡Gracias a ti! Aquí me tienes para lo que necesites 🌸"
