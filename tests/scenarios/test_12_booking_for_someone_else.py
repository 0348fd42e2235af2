"""Scenario 12: booking for someone else ("para mi madre"): their name asked, their customer record created,
linked to the booker, who pays."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import Customer
from models.enums import AppointmentStatus
from tests.scenarios.chat import Chat, appointments_of, weekday_ahead
from tests.workflows.bookings import customer


async def test_mother_is_booked_by_her_daughter_who_pays(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    booker = await customer(db, phone, "Lucía")
    _, day = await weekday_ahead(temporal_env, 3)
    chat = Chat(api, phone)
    [ask] = await chat.say(f"Hola! Quiero pedir cita para mi madre, un tinte {day}")
    assert ask.endswith("¿Cómo se llama tu madre? Así dejo la cita a su nombre 😊")
    [offer] = await chat.say("Carmen")
    assert "Para tinte (45,00 €) tengo estos huecos:" in offer
    [link] = await chat.say("la segunda")
    assert "anticipo de 9,00 €" in link
    await chat.press(link, "pay")
    await chat.wait_for("¡Cita confirmada!")

    [appointment] = await appointments_of(db, phone)
    assert appointment.status == AppointmentStatus.CONFIRMED
    assert appointment.booked_by_id == booker and appointment.customer_id != booker
    async with AsyncSession(db) as session:
        mother = await session.get(Customer, appointment.customer_id)
    assert mother is not None
    assert (mother.first_name, mother.phone, mother.referred_by_id) == ("Carmen", None, booker)
