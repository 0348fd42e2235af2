"""Scenario 6: a returning customer is recognised by phone: no name question, straight to the request."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from tests.scenarios.chat import Chat, weekday_ahead
from tests.workflows.bookings import customer


async def test_returning_customer_goes_straight_to_the_request(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await customer(db, phone, "Lucía")
    _, day = await weekday_ahead(temporal_env, 2)
    chat = Chat(api, phone)
    [reply] = await chat.say(f"Buenas! Quería un peinado {day}")
    assert reply.startswith("¡Hola, Lucía! 😊 Para peinado (20,00 €) tengo estos huecos:")
    assert "nombre" not in reply and "asistenta virtual" not in reply


async def test_a_greeting_alone_is_answered_by_name(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    assert await chat.say("holaa") == ["¡Hola, Lucía! Soy Maite 🌸. ¿En qué puedo ayudarte hoy?"]
