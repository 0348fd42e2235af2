"""A message with control characters is cleaned before anything stores it, and answered like any other; what
is text (zero-width joiners, right-to-left marks) is kept."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.worker import Worker

from models.text_hygiene import without_controls
from tests.scenarios.chat import Chat
from tests.workflows.bookings import customer


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("¿dónde\x00 estáis?", "¿dónde estáis?"),
        ("\x00\x00¿cuál es la dirección?\x07", "¿cuál es la dirección?"),
        ("dirección del salón por favor\u200b\u200f", "dirección del salón por favor\u200b\u200f"),
        ("¿dónde\x1b[31m está el salón?", "¿dónde[31m está el salón?"),
    ],
)
async def test_a_message_with_control_characters_is_stored_clean_and_answered(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, sent: str, stored: str
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    [reply] = await chat.say(sent)
    assert "Fuencarral" in reply, reply
    assert ("inbound", stored) in chat.transcript


def test_only_control_characters_go() -> None:
    assert without_controls("a\x00b\x7fc\u0085d") == "abcd"
    assert without_controls("línea 1\nlínea 2\tfin") == "línea 1\nlínea 2\tfin"
    family = "👩\u200d👩\u200d👧"
    assert without_controls(family) == family
    assert without_controls("\u202eשלום\u202c") == "\u202eשלום\u202c"
    assert without_controls("hola \ud83d") == "hola \ufffd"
