"""At a slot offer, a time said with another day is a new search for that day, never the offered day at that
time (a customer confirmed for a day they did not ask for)."""

from datetime import timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.localtime import MONTHS
from tests.scenarios.chat import SATURDAY, Chat, weekday_ahead
from tests.workflows.bookings import customer


@pytest.mark.parametrize(
    "answer",
    [
        "mejor {day} a las 10",
        "¿y {day} a las 10:00? ese día me va mejor",
        "a las 10 pero {day}, porfa",
        "uy no, {day} sobre las 10",
    ],
)
async def test_a_time_on_another_day_searches_that_day(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    answer: str,
) -> None:
    await customer(db, phone, "Lucía")
    offered_day, offered = await weekday_ahead(temporal_env, 4)
    other_day = offered_day + timedelta(days=1)
    while other_day.weekday() >= SATURDAY:
        other_day += timedelta(days=1)
    other = f"el {other_day.day} de {MONTHS[other_day.month]}"
    chat = Chat(api, phone)
    [offer] = await chat.say(f"quiero hacerme un tinte {offered} por la mañana")
    assert "tengo estos huecos" in offer and f" {offered_day.day} de " in offer, offer

    [reply] = await chat.say(answer.format(day=other))
    assert "/pay/" not in reply, "nothing held on the day first offered"
    assert "tengo estos huecos" in reply and f" {other_day.day} de " in reply, reply
    assert f" {offered_day.day} de " not in reply, reply
