"""Scenario 10: abandoned payment: reminder at 25 min, slot released at 30 min."""

from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus
from tests.scenarios.chat import Chat, appointments_of, weekday_ahead
from tests.workflows.bookings import customer


async def test_unpaid_hold_is_reminded_then_released(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    _, day = await weekday_ahead(temporal_env, 3)
    await chat.say(f"quiero cita para un tinte {day}")
    [link] = await chat.say("la primera")
    assert "Te guardo el hueco 30 minutos" in link

    await temporal_env.sleep(timedelta(minutes=24))
    assert await chat.replies() == []
    await temporal_env.sleep(timedelta(minutes=1, seconds=30))
    reminder = await chat.wait_for("caduca en 5 minutos")
    assert link.split("aquí: ")[1].split("\n")[0] in reminder, "the same link again"
    [held] = await appointments_of(db, phone)
    assert held.status == AppointmentStatus.PROVISIONAL

    await temporal_env.sleep(timedelta(minutes=5))
    await chat.wait_for("he liberado el hueco del ")
    [released] = await appointments_of(db, phone)
    assert released.status == AppointmentStatus.EXPIRED

    [offer] = await chat.say(f"vaya, ¿me buscas otra vez un tinte {day}?")
    assert "tengo estos huecos" in offer, "the conversation goes on after a release"
