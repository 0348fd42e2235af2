"""Scenario 2: a customer moves a confirmed appointment to another time; the deposit is kept."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus, PaymentStatus
from tests.scenarios.chat import Chat, appointments_of, book_and_pay, weekday_ahead
from tests.workflows.bookings import MADRID, customer


@pytest.mark.parametrize(
    "move",
    [
        "¿Puedo cambiar la cita al {day} por la tarde?",
        "no voy a poder ir ese día, ¿me la pasas al {day} después de comer?",
        "oye, lo del tinte mejor el {day} por la tarde si puede ser",
    ],
)
async def test_confirmed_appointment_is_moved_and_the_deposit_kept(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    move: str,
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    first_day, first_said = await weekday_ahead(temporal_env, 3)
    await book_and_pay(chat, f"Hola, quiero cita para un tinte {first_said}")
    [before] = await appointments_of(db, phone)

    new_day, new_said = await weekday_ahead(temporal_env, 6)
    [offer] = await chat.say(move.format(day=new_said.removeprefix("el ")))
    assert offer.startswith("Vamos a cambiar tu cita de tinte del "), "the appointment being moved is named"
    assert "🔄. Para tinte (45,00 €) tengo estos huecos:" in offer
    assert "Por cierto" not in offer, "no pack is offered when moving"
    [moved] = await chat.say("la primera")
    assert moved.startswith("¡Hecho! Tu cita para Tinte con")
    assert "Conservas el anticipo" in moved

    [after] = await appointments_of(db, phone)
    assert after.id == before.id, "the same appointment moves, no new booking"
    local = after.start_at.astimezone(MADRID)
    assert local.date() == new_day and local.hour >= 14
    assert before.start_at.astimezone(MADRID).date() == first_day
    assert after.status == AppointmentStatus.CONFIRMED
    assert after.payment_status == PaymentStatus.PAID and after.deposit_amount == before.deposit_amount
