"""At a slot offer, a time said with another day is held on that day, never the offered day at that time (a
customer confirmed for a day they did not ask for); another day said alone is a new search for that day."""

from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.localtime import MONTHS
from tests.scenarios.chat import MADRID, SATURDAY, Chat, appointments_of, weekday_ahead
from tests.workflows.bookings import customer


async def offer_then_answer(
    phone: str, api: httpx.AsyncClient, db: AsyncEngine, temporal_env: WorkflowEnvironment, answer: str
) -> tuple[date, date, str]:
    """An offer for one weekday, then `answer` naming the next weekday: (offered day, other day, reply)."""
    await customer(db, phone, "Lucía")
    offered_day, offered = await weekday_ahead(temporal_env, 4)
    other_day = offered_day + timedelta(days=1)
    while other_day.weekday() >= SATURDAY:
        other_day += timedelta(days=1)
    chat = Chat(api, phone)
    [offer] = await chat.say(f"quiero hacerme un tinte {offered} por la mañana")
    assert "tengo estos huecos" in offer and f" {offered_day.day} de " in offer, offer
    [reply] = await chat.say(answer.format(day=f"el {other_day.day} de {MONTHS[other_day.month]}"))
    return offered_day, other_day, reply


@pytest.mark.parametrize(
    "answer",
    [
        "mejor {day} a las 10",
        "¿y {day} a las 10:00? ese día me va mejor",
        "a las 10 pero {day}, porfa",
        "uy no, {day} sobre las 10",
    ],
)
async def test_a_time_on_another_day_is_held_on_that_day(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    answer: str,
) -> None:
    _, other_day, reply = await offer_then_answer(phone, api, db, temporal_env, answer)
    assert "/pay/" in reply and f" {other_day.day} de " in reply and "a las 10:00" in reply, reply
    [held] = await appointments_of(db, phone)
    local = held.start_at.astimezone(MADRID)
    assert (local.date(), f"{local:%H:%M}") == (other_day, "10:00")


@pytest.mark.parametrize("answer", ["uy no, mejor {day}", "¿y {day}? por la mañana también"])
async def test_another_day_without_a_time_searches_that_day(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    answer: str,
) -> None:
    offered_day, other_day, reply = await offer_then_answer(phone, api, db, temporal_env, answer)
    assert "/pay/" not in reply, "nothing held on the day first offered"
    assert "tengo estos huecos" in reply and f" {other_day.day} de " in reply, reply
    assert f" {offered_day.day} de " not in reply, reply
