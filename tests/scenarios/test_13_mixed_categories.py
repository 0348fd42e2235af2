"""Scenario 13: hairdressing + aesthetics in one request: explained, offered as two bookings."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus
from tests.scenarios.chat import Chat, appointments_of, weekday_ahead
from tests.workflows.bookings import customer


async def test_hair_and_nails_become_two_bookings(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await customer(db, phone, "Lucía")
    _, day = await weekday_ahead(temporal_env, 3)
    chat = Chat(api, phone)
    [explained] = await chat.say(f"Quiero un tinte y una manicura {day}")
    assert explained.startswith("¡Hola, Lucía! 😊 Tinte y manicura los hacen equipos distintos")
    assert "dos citas" in explained and explained.endswith("¿Te parece bien?")

    [hair] = await chat.say("vale, perfecto")
    assert hair.startswith("Para tinte (45,00 €) tengo estos huecos:")
    link, nails = await chat.say("la primera")
    assert "Te he reservado Tinte con" in link and "/pay/" in link
    assert nails.startswith("Y ahora vamos con manicura 💕. Para manicura (25,00 €) tengo estos huecos:")
    [second_link] = await chat.say("la primera")
    assert "Te he reservado Manicura con" in second_link

    rows = await appointments_of(db, phone)
    assert len(rows) == 2 and {r.workflow_id for r in rows} == {rows[0].workflow_id, rows[1].workflow_id}
    assert rows[0].workflow_id != rows[1].workflow_id, "two bookings, each with its own deposit"
    assert all(r.status == AppointmentStatus.PROVISIONAL for r in rows)
