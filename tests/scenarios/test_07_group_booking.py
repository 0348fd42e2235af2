"""Scenario 7: a group booking ("para mi hija y para mí"): simultaneous slots with two stylists, one deposit
for both, both confirmed together."""

from decimal import Decimal

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import Customer
from models.enums import AppointmentStatus, PaymentStatus
from tests.scenarios.chat import Chat, appointments_of, weekday_ahead
from tests.workflows.bookings import customer


async def test_mother_and_daughter_are_booked_together_with_one_deposit(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    booker = await customer(db, phone, "Lucía")
    _, day = await weekday_ahead(temporal_env, 3)
    chat = Chat(api, phone)
    [ask] = await chat.say(f"Hola! Quiero cita para mi hija y para mí, un peinado para las dos {day}")
    assert ask.endswith("¿Cómo se llama tu hija? Así dejo la cita a su nombre 😊")
    [offer] = await chat.say("Se llama Carla")
    first = offer.splitlines()[1]
    assert first.startswith("1. ") and " y " in first.rsplit(" con ", 1)[1], "two stylists per slot"
    [link] = await chat.say("la 1")
    assert "anticipo de 8,00 €" in link, "one deposit: 20 % of 2 x 20 €"
    await chat.press(link, "pay")
    await chat.wait_for("¡Cita confirmada!")

    rows = await appointments_of(db, phone)
    assert len(rows) == 2
    assert rows[0].start_at == rows[1].start_at and rows[0].staff_id != rows[1].staff_id
    assert all(r.status == AppointmentStatus.CONFIRMED and r.payment_status == PaymentStatus.PAID for r in rows)
    assert sum(r.deposit_amount for r in rows) == Decimal("8.00")
    async with AsyncSession(db) as session:
        people = [await session.get(Customer, r.customer_id) for r in rows]
    names = {p.first_name: p for p in people if p is not None}
    assert set(names) == {"Lucía", "Carla"}
    assert names["Carla"].referred_by_id == booker and names["Carla"].phone is None
