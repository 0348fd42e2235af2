"""Scenario 16: "lo de siempre": the last services and stylist proposed; alternatives if she is busy."""

import uuid
from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import AppointmentService, Business, Closure, Customer, Service, StaffMember
from models.enums import AppointmentStatus
from tests.factories import appointment
from tests.scenarios.chat import Chat, weekday_ahead
from tests.workflows.bookings import customer


async def _visited(db: AsyncEngine, env: WorkflowEnvironment, customer_id: uuid.UUID) -> uuid.UUID:
    """Lucía had a tinte with Marta a month ago (and a corte with Pilar before that)."""
    now = await env.get_current_time()
    async with AsyncSession(db) as session, session.begin():
        lucia = await session.get(Customer, customer_id)
        assert lucia is not None
        for name, service, days_ago in (("Pilar", "Corte", 60), ("Marta", "Tinte", 30)):
            staff = (await session.execute(select(StaffMember).where(StaffMember.name == name))).scalar_one()
            svc = (await session.execute(select(Service).where(Service.name == service))).scalar_one()
            row = appointment(
                customer=lucia, staff=staff, start=now - timedelta(days=days_ago), status=AppointmentStatus.COMPLETED
            )
            session.add(row)
            await session.flush()
            session.add(AppointmentService(appointment_id=row.id, service_id=svc.id))
        return staff.id


async def test_the_usual_is_proposed_with_the_same_stylist(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await _visited(db, temporal_env, await customer(db, phone, "Lucía"))
    _, day = await weekday_ahead(temporal_env, 3)
    chat = Chat(api, phone)
    [offer] = await chat.say(f"Hola! Lo de siempre {day}, porfa")
    assert offer.startswith("¡Hola, Lucía! 😊 ¡Claro! Lo de siempre: tinte con Marta 😊. Para tinte (45,00 €)")
    options = [line for line in offer.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert options and all(line.endswith("con Marta") for line in options)
    [link] = await chat.say("la primera")
    assert "Te he reservado Tinte con Marta" in link


async def test_alternatives_are_offered_when_the_stylist_is_off(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    marta = await _visited(db, temporal_env, await customer(db, phone, "Lucía"))
    day, said = await weekday_ahead(temporal_env, 3)
    async with AsyncSession(db) as session, session.begin():
        business = (await session.execute(select(Business))).scalars().first()
        assert business is not None
        session.add(Closure(business_id=business.id, staff_id=marta, start_date=day, end_date=day, reason="Vacaciones"))
    chat = Chat(api, phone)
    [offer] = await chat.say(f"lo de siempre {said}")
    assert "Lo de siempre: tinte con Marta" in offer
    assert "Marta no tiene huecos libres" in offer and "otras compañeras" in offer
    first = offer.splitlines()[1]
    assert not first.endswith("con Marta") and f" {day.day} de " in first


async def test_without_history_the_usual_asks_what_they_want(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine
) -> None:
    await customer(db, phone, "Lucía")
    [reply] = await Chat(api, phone).say("lo de siempre")
    assert "Todavía no tengo ninguna cita anterior tuya" in reply
