"""Rotating the payload key: a history written with the old key still replays once a new key is added in front
of it, and cannot be read by a process that dropped the old key too early."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.worker import Worker

from models.runtime.payload_codec import PayloadKeys, encrypted_converter, new_key_entry
from tests.scenarios.chat import Chat
from tests.settings_for import TEST_PAYLOAD_KEYS, conversation_of
from tests.workflows.replaying import replayer


async def test_a_history_of_the_old_key_replays_after_a_new_key_is_added(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client, db: AsyncEngine
) -> None:
    chat = Chat(api, phone)
    for text in ("buenas tardes", "soy Inmaculada", "¿a qué hora abrís el sábado?"):
        assert await chat.say(text), f"no reply to {text!r}"
    history = await temporal_client.get_workflow_handle(conversation_of("atrevete", phone)).fetch_history()

    rotated = encrypted_converter(PayloadKeys.parse(f"{new_key_entry('2027-01')},{TEST_PAYLOAD_KEYS}"))
    result = await replayer(rotated).replay_workflow(history, raise_on_replay_failure=False)
    assert result.replay_failure is None, result.replay_failure

    dropped = encrypted_converter(PayloadKeys.parse(new_key_entry("2027-01")))
    result = await replayer(dropped).replay_workflow(history, raise_on_replay_failure=False)
    assert result.replay_failure is not None and "test1" in str(result.replay_failure)
