"""Scenario 8: an undecided customer is offered the free consultation, booked without payment."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus, PaymentStatus
from tests.scenarios.chat import Chat, appointments_of
from tests.workflows.bookings import customer


async def test_free_consultation_is_booked_and_confirmed_without_payment(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    [offer] = await chat.say("No sé qué hacerme en el pelo, ¿qué me recomiendas?")
    assert "consulta gratuita de 15 minutos" in offer and offer.endswith("¿Te la reservo?")
    [slots] = await chat.say("sí, vale")
    assert slots.startswith("Para consulta gratuita (0,00 €) tengo estos huecos:")
    [confirmation] = await chat.say("la primera")
    assert confirmation.startswith("¡Cita confirmada! 🎉")
    assert "anticipo de" not in confirmation and "/pay/" not in confirmation

    [appointment] = await appointments_of(db, phone)
    assert appointment.status == AppointmentStatus.CONFIRMED
    assert appointment.payment_status == PaymentStatus.NOT_REQUIRED


async def test_declining_the_consultation_asks_what_they_want(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    await chat.say("no lo tengo claro, me ayudas a elegir?")
    [reply] = await chat.say("no, gracias")
    assert reply.startswith("¡Sin problema!") and "mechas" in reply
