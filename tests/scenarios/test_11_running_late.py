"""Scenario 11: running late: within the hour -> the team is alerted (escalation); plenty of time -> noted,
staff told, no escalation."""

from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from tests.scenarios.chat import Chat, appointments_of, book_and_pay, skip_to, team_alerts, weekday_ahead
from tests.settings_for import conversation_of
from tests.workflows.bookings import customer
from workflows.conversation.workflow import ConversationWorkflow


async def _booked(chat: Chat, db: AsyncEngine, env: WorkflowEnvironment, phone: str) -> None:
    await customer(db, phone, "Lucía")
    _, day = await weekday_ahead(env, 2)
    await book_and_pay(chat, f"quiero cita para un peinado {day} a las 17:00")


async def test_late_within_the_hour_goes_to_the_team(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_client: Client,
    temporal_env: WorkflowEnvironment,
) -> None:
    chat = Chat(api, phone)
    await _booked(chat, db, temporal_env, phone)
    [appointment] = await appointments_of(db, phone)
    await skip_to(temporal_env, appointment.start_at - timedelta(minutes=10))
    await chat.replies()  # the 48 h reminder fired on the way

    [reply] = await chat.say("llego en 20 min, perdona!!")
    assert "una compañera te escribirá por aquí" in reply
    [alert] = await team_alerts(db, phone)
    assert alert.startswith("🔔 Llega tarde (20 min)") and "Cita: peinado con" in alert
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    assert await handle.query(ConversationWorkflow.human_mode) is True


async def test_late_with_plenty_of_time_is_noted_without_escalation(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_client: Client,
    temporal_env: WorkflowEnvironment,
) -> None:
    chat = Chat(api, phone)
    await _booked(chat, db, temporal_env, phone)
    [appointment] = await appointments_of(db, phone)
    await skip_to(temporal_env, appointment.start_at - timedelta(hours=2))
    await chat.replies()

    [reply] = await chat.say("voy con retraso, llegaré 5 minutos tarde")
    assert reply.startswith("¡Gracias por avisar! 😊 He anotado que llegarás unos 5 minutos tarde")
    [notice] = await team_alerts(db, phone)
    assert notice == "ℹ️ Lucía llegará 5 min tarde a su cita de las 17:00 con " + notice.rsplit(" con ", 1)[1]
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    assert await handle.query(ConversationWorkflow.human_mode) is False
    [reply] = await chat.say("gracias!")
    assert reply.startswith("¡Gracias a ti!")
