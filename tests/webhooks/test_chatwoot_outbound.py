"""Chatwoot end to end: an incoming message through the webhook, Maite's reply posted to that conversation
through the Chatwoot API (local fake), and an escalation as a private note plus the conversation opened."""

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.worker import Worker

from models.settings import Settings
from tests.fakes.chatwoot_api import ChatwootApiFake, running_chatwoot_api
from tests.settings_for import settings_for
from tests.webhooks.test_chatwoot import SECRET, incoming, post
from tests.workflows.bookings import customer
from workflows.conversation import ConversationWorkflow

CONVERSATION = 77
TEAM_CONVERSATION = 5


@pytest.fixture
def chatwoot() -> Iterator[ChatwootApiFake]:
    with running_chatwoot_api() as fake:
        yield fake


@pytest.fixture
def settings(database_url: str, chatwoot: ChatwootApiFake) -> Settings:
    return settings_for(
        database_url,
        chatwoot_webhook_secret=SecretStr(SECRET),
        messaging_backend="chatwoot",
        chatwoot_api_base=chatwoot.base_url,
        chatwoot_account_id=3,
        chatwoot_api_token=SecretStr("bot-token"),
        chatwoot_team_conversation_id=TEAM_CONVERSATION,
    )


async def _say(api: httpx.AsyncClient, client: Client, phone: str, message_id: int, text: str) -> None:
    event = incoming(phone, message_id, content=text)
    event["conversation"]["id"] = CONVERSATION
    assert (await post(api, event)).json() == {"status": "delivered"}
    handle = client.get_workflow_handle(f"conversation:atrevete:{phone}")
    await handle.execute_update(ConversationWorkflow.wait_until_handled, f"chatwoot:{message_id}")


async def test_replies_go_to_the_customers_chatwoot_conversation_once(
    phone: str, api: httpx.AsyncClient, worker: Worker, chatwoot: ChatwootApiFake, temporal_client: Client
) -> None:
    await _say(api, temporal_client, phone, 501, "hola")
    await _say(api, temporal_client, phone, 501, "hola")  # Chatwoot's retry of the same message
    [reply] = chatwoot.posted(CONVERSATION)
    assert reply["message_type"] == "outgoing" and reply["private"] is False
    assert reply["content"].startswith("¡Hola! Soy Maite")
    [request] = chatwoot.requests
    assert request.path == f"/api/v1/accounts/3/conversations/{CONVERSATION}/messages"
    assert request.headers["api_access_token"] == "bot-token"


async def test_an_escalation_is_a_private_note_and_the_conversation_opened_to_agents(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    chatwoot: ChatwootApiFake,
    temporal_client: Client,
    db: AsyncEngine,
) -> None:
    await customer(db, phone, "Lucía")
    await _say(api, temporal_client, phone, 601, "estoy embarazada, ¿me puedo hacer mechas?")
    reply, note = chatwoot.posted(CONVERSATION)
    assert "profesional sanitaria" in reply["content"] and reply["private"] is False
    assert note["private"] is True and note["content"].startswith("🔔 Consulta médica")
    assert chatwoot.statuses == {CONVERSATION: "open"}
    [copy] = chatwoot.posted(TEAM_CONVERSATION)
    assert copy["content"] == note["content"]

    await _say(api, temporal_client, phone, 602, "¿hola?")
    await asyncio.sleep(0.1)
    assert len(chatwoot.posted(CONVERSATION)) == 2, "the bot stays silent while a person has the conversation"
