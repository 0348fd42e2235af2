"""A plain haircut is offered slots straight away, however it is asked; highlights still hear of the pack."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from tests.scenarios.chat import Chat, weekday_ahead
from tests.workflows.bookings import customer


@pytest.mark.parametrize(
    "request_text",
    [
        "quiero cortarme el pelo {day}",
        "hola! me gustaría un corte {day} por la tarde",
        "¿tenéis hueco para cortar {day}?",
    ],
)
async def test_a_plain_cut_gets_slots_not_the_highlights_pack(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    request_text: str,
) -> None:
    await customer(db, phone, "Lucía")
    _, day = await weekday_ahead(temporal_env, 4)
    [reply] = await Chat(api, phone).say(request_text.format(day=day))
    assert "pack" not in reply.lower() and "tengo estos huecos" in reply, reply


async def test_highlights_still_hear_of_the_pack(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await customer(db, phone, "Lucía")
    _, day = await weekday_ahead(temporal_env, 4)
    [reply] = await Chat(api, phone).say(f"quería hacerme mechas {day}")
    assert "pack Mechas + Corte por 80,00 €" in reply and "te ahorras 10,00 €" in reply, reply
