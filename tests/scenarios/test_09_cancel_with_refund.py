"""Scenario 9: cancellation more than 24 h ahead: confirmed, deposit refunded."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus, PaymentStatus
from tests.scenarios.chat import Chat, appointments_of, book_and_pay, booking_id_in, booking_reaches, weekday_ahead
from tests.workflows.bookings import customer
from workflows.booking.types import BookingStatus


async def test_cancelling_days_ahead_refunds_the_deposit(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_client: Client,
    temporal_env: WorkflowEnvironment,
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    _, day = await weekday_ahead(temporal_env, 4)
    link = await book_and_pay(chat, f"quiero cita para un tinte {day} a las 12")

    [question] = await chat.say("Hola, tengo que anular la cita, lo siento")
    assert question.startswith("¿Seguro que quieres cancelar tu cita de tinte el ")
    [done] = await chat.say("sí")
    assert done.startswith("Listo, he cancelado tu cita del "), done
    assert "Te devolvemos el anticipo de 9,00 €" in done

    [appointment] = await appointments_of(db, phone)
    assert appointment.status == AppointmentStatus.CANCELLED
    assert appointment.payment_status == PaymentStatus.REFUNDED
    await booking_reaches(temporal_client, booking_id_in(link), BookingStatus.CANCELLED)


async def test_saying_no_keeps_the_appointment(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    _, day = await weekday_ahead(temporal_env, 4)
    await book_and_pay(chat, f"quiero cita para un tinte {day}")
    await chat.say("quiero cancelar")
    assert await chat.say("no, mejor no") == ["¡Perfecto! Mantenemos tu cita tal y como estaba 😊"]
    [appointment] = await appointments_of(db, phone)
    assert appointment.status == AppointmentStatus.CONFIRMED


async def test_cancelling_without_a_booking_says_so(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine
) -> None:
    await customer(db, phone, "Lucía")
    [reply] = await Chat(api, phone).say("quiero cancelar mi cita")
    assert "No encuentro ninguna cita pendiente" in reply
