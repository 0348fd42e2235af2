"""Scenario 18: a same-day booking: 15 min hold; on payment the stylist gets an urgent notice at once."""

from datetime import datetime, time, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import Message, StaffMember
from tests.scenarios.chat import MADRID, Chat, appointments_of, skip_to
from tests.workflows.bookings import customer


async def _next_weekday_morning(env: WorkflowEnvironment) -> datetime:
    now = (await env.get_current_time()).astimezone(MADRID)
    day = now.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(9, 0), MADRID)


async def test_same_day_booking_has_a_short_hold_and_an_urgent_notice(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await customer(db, phone, "Lucía")
    await skip_to(temporal_env, await _next_weekday_morning(temporal_env))
    chat = Chat(api, phone)
    [offer] = await chat.say("Quiero un peinado hoy por la tarde")
    options = [line for line in offer.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert options and all(int(line.split(" a las ")[1][:2]) >= 14 for line in options)
    [link] = await chat.say("la primera")
    assert "Te guardo el hueco 15 minutos" in link
    await chat.press(link, "pay")
    await chat.wait_for("¡Cita confirmada!")

    [appointment] = await appointments_of(db, phone)
    async with AsyncSession(db) as session:
        stylist = await session.get(StaffMember, appointment.staff_id)
        assert stylist is not None
        notices = (
            await session.execute(
                select(Message.body).where(
                    Message.customer_phone == stylist.notify_phone, col(Message.body).startswith("🚨 URGENTE (hoy)")
                )
            )
        ).scalars()
        [notice] = list(notices)
    assert "Lucía" in notice and "Peinado" in notice
