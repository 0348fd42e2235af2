"""Scenario 14: cancellation within 24 h: no refund explained, rescheduling offered, deposit kept if they move."""

from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus, PaymentStatus
from tests.scenarios.chat import Chat, appointments_of, book_and_pay, skip_to, weekday_ahead
from tests.workflows.bookings import MADRID, customer


async def _booked_for_tomorrow(chat: Chat, db: AsyncEngine, env: WorkflowEnvironment, phone: str) -> None:
    await customer(db, phone, "Lucía")
    _, day = await weekday_ahead(env, 3)
    await book_and_pay(chat, f"quiero cita para un tinte {day} a las 12")
    [appointment] = await appointments_of(db, phone)
    await skip_to(env, appointment.start_at - timedelta(hours=12))
    await chat.replies()  # the 48 h reminder


async def test_inside_the_cutoff_the_customer_moves_and_keeps_the_deposit(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    chat = Chat(api, phone)
    await _booked_for_tomorrow(chat, db, temporal_env, phone)
    await chat.say("no voy a poder ir, quiero cancelar la cita")
    [offer] = await chat.say("sí")
    assert "faltan menos de 24 horas" in offer and "anticipo de 9,00 € no se puede devolver" in offer
    assert offer.endswith("¿Te la cambio de día?")
    assert await chat.say("vale, sí, cámbiamela") == ["¡Claro! ¿Para qué día y a qué hora te vendría bien? 😊"]
    new_day, said = await weekday_ahead(temporal_env, 5)
    [slots] = await chat.say(f"{said} por la mañana")
    assert slots.startswith("Vamos a cambiar tu cita de tinte del ")
    assert "Para tinte (45,00 €) tengo estos huecos:" in slots
    [moved] = await chat.say("la primera")
    assert "Conservas el anticipo" in moved

    [appointment] = await appointments_of(db, phone)
    assert appointment.start_at.astimezone(MADRID).date() == new_day
    assert appointment.status == AppointmentStatus.CONFIRMED and appointment.payment_status == PaymentStatus.PAID


async def test_inside_the_cutoff_insisting_cancels_without_refund(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    chat = Chat(api, phone)
    await _booked_for_tomorrow(chat, db, temporal_env, phone)
    await chat.say("quiero anular la cita")
    await chat.say("si")
    [done] = await chat.say("no, cancélala igualmente")
    assert done.startswith("Listo, he cancelado tu cita") and "devolvemos" not in done
    [appointment] = await appointments_of(db, phone)
    assert appointment.status == AppointmentStatus.CANCELLED
    assert appointment.payment_status == PaymentStatus.FORFEITED
