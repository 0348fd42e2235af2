"""Chatwoot end to end: an incoming message through the webhook, Maite's reply posted to that conversation
through the Chatwoot API (local fake), and an escalation as a private note plus the conversation opened."""

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import TeamAlert
from models.runtime.settings import Settings
from tests.fakes.chatwoot_api import ChatwootApiFake, running_chatwoot_api
from tests.settings_for import conversation_of, settings_for
from tests.webhooks.test_chatwoot import SECRET, incoming, post
from tests.workflows.bookings import customer, item, local_day_at, pay, start_booking
from workflows.booking.types import BookingStatus
from workflows.conversation.workflow import ConversationWorkflow

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
    handle = client.get_workflow_handle(conversation_of("atrevete", phone))
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


async def test_a_staff_notice_with_no_chatwoot_conversation_goes_to_the_team_and_the_booking_goes_on(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    chatwoot: ChatwootApiFake,
    temporal_client: Client,
    temporal_env: WorkflowEnvironment,
    db: AsyncEngine,
) -> None:
    booker = await customer(db, phone, "Lucía")
    await _say(api, temporal_client, phone, 701, "hola")
    booking = await start_booking(
        temporal_client,
        worker.task_queue,
        phone=phone,
        booker=booker,
        start=await local_day_at(temporal_env, 5, 11),
        items=[await item(db, booker, service="Corte", staff="Pilar")],
        conversation_workflow_id=conversation_of("atrevete", phone),
    )
    await pay(temporal_env, booking)

    notes = [m["content"] for m in chatwoot.posted(TEAM_CONVERSATION)]
    assert any("+34600000101" in n and "Corte" in n for n in notes), "the team read the stylist's notice"
    async with AsyncSession(db) as session:
        [alert] = (await session.execute(select(TeamAlert))).scalars()
    assert "Chatwoot" in alert.reason

    await _say(api, temporal_client, phone, 702, "quiero cancelar mi cita")
    await _say(api, temporal_client, phone, 703, "sí")
    assert await booking.handle.result() == BookingStatus.CANCELLED
    assert any("he cancelado tu cita" in m["content"] for m in chatwoot.posted(CONVERSATION))
