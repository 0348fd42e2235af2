"""Scenario 4: a medical question gets an empathetic refusal, the team gets the context, the bot goes silent
until staff hand back (or 24 h pass)."""

from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.api.sdk.v1 import WorkflowMetadata
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from tests.scenarios.chat import Chat, eventually, team_alerts
from tests.settings_for import conversation_of
from tests.workflows.bookings import customer
from workflows.conversation.workflow import ConversationWorkflow
from workflows.search_attributes import CONVERSATION_STATE

QUESTION = "Estoy embarazada de 5 meses, ¿puedo hacerme un tinte?"


async def _state(client: Client, phone: str) -> str | None:
    description = await client.get_workflow_handle(conversation_of("atrevete", phone)).describe()
    return description.typed_search_attributes.get(CONVERSATION_STATE)


async def test_medical_question_is_escalated_and_the_bot_stays_silent(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_client: Client
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    [reply] = await chat.say(QUESTION)
    assert "Entiendo tu preocupación 💕" in reply and "profesional sanitaria" in reply
    [alert] = await team_alerts(db, phone)
    assert alert.startswith("🔔 Consulta médica")
    assert f"Cliente: Lucía ({phone})" in alert and QUESTION in alert
    assert await _state(temporal_client, phone) == "escalated"
    metadata = await temporal_client.get_workflow_handle(conversation_of("atrevete", phone)).query(
        "__temporal_workflow_metadata", result_type=WorkflowMetadata
    )
    assert metadata.current_details.startswith("Conversación con Lucía (atrevete) · **con el equipo** hasta el ")
    assert phone.removeprefix("+") not in metadata.current_details

    assert await chat.say("¿hola? ¿me decís algo?") == []
    assert ("inbound", "¿hola? ¿me decís algo?") in chat.transcript, "messages are still recorded"

    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    await handle.signal(ConversationWorkflow.hand_back)
    [reply] = await chat.say("vale, gracias")
    assert reply == "¡Gracias a ti! ¿Hay algo más en lo que pueda ayudarte? 😊"
    assert await _state(temporal_client, phone) == "active"


async def test_human_mode_ends_by_itself_after_a_day(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_client: Client,
    temporal_env: WorkflowEnvironment,
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    await chat.say("tengo dermatitis en el cuero cabelludo, ¿me puedo hacer mechas?")
    assert await chat.say("hola?") == []
    await temporal_env.sleep(timedelta(hours=24, minutes=1))

    async def back_to_the_bot() -> bool:
        return await _state(temporal_client, phone) == "active"

    await eventually(back_to_the_bot, "the conversation came back to the bot after 24 h")
    [reply] = await chat.say("hola")
    assert reply.startswith("¿En qué puedo ayudarte?")


async def test_asking_for_a_person_is_a_handover(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_client: Client
) -> None:
    await customer(db, phone, "Lucía")
    [reply] = await Chat(api, phone).say("prefiero hablar con una persona, porfa")
    assert "Le paso tu mensaje a una compañera del equipo" in reply
    [alert] = await team_alerts(db, phone)
    assert alert.startswith("🔔 Pide hablar con una persona.")
    assert await _state(temporal_client, phone) == "escalated"
