"""Scenario 17: a closed day (holiday, vacation): the closure explained, the next open days offered."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import Business, Closure
from models.localtime import spoken_date
from tests.scenarios.chat import Chat, weekday_ahead
from tests.workflows.bookings import customer


async def test_a_holiday_is_explained_and_the_next_open_days_offered(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await customer(db, phone, "Lucía")
    day, said = await weekday_ahead(temporal_env, 3)
    async with AsyncSession(db) as session, session.begin():
        business = (await session.execute(select(Business).where(Business.slug == "atrevete"))).scalar_one()
        session.add(Closure(business_id=business.id, start_date=day, end_date=day, reason="Festivo local"))
    [offer] = await Chat(api, phone).say(f"quiero cita para un tinte {said}")
    assert f"El {spoken_date(day)} el salón está cerrado (Festivo local) 😔." in offer
    options = [line for line in offer.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert len(options) == 3
    assert all(f" {day.day} de " not in line for line in options), "nothing on the closed day"
