"""Scenario 15: three unclear messages in a row: helpful replies first, then a human."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.worker import Worker

from tests.scenarios.chat import Chat, team_alerts
from tests.settings_for import conversation_of
from tests.workflows.bookings import customer
from workflows.conversation.workflow import ConversationWorkflow


async def test_three_unclear_messages_go_to_a_person(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_client: Client
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    [first] = await chat.say("asdfgh")
    assert "no te he entendido bien" in first and "reservar, cambiar o cancelar" in first
    [second] = await chat.say("qwerty zxcv")
    assert "sigo sin entenderte" in second
    [third] = await chat.say("blblbl ñññ")
    assert "una compañera del equipo te ayudará" in third
    [alert] = await team_alerts(db, phone)
    assert alert.startswith("🔔 Tres mensajes seguidos que no he entendido.")
    assert "cliente: qwerty zxcv" in alert
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    assert await handle.query(ConversationWorkflow.human_mode) is True
    assert await chat.say("???") == []


async def test_an_understood_message_resets_the_count(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    await chat.say("asdfgh")
    await chat.say("qwerty")
    [faq] = await chat.say("¿dónde estáis?")
    assert "¿Hay algo más" in faq
    [again] = await chat.say("zzzz")
    assert "no te he entendido bien" in again, "counting starts again"
    assert await team_alerts(db, phone) == []
