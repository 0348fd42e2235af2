"""Scenario 5: payment fails -> new link and +15 min; fails again -> escalation, hold kept."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus
from tests.scenarios.chat import (
    Chat,
    appointments_of,
    booking_id_in,
    booking_reaches,
    eventually,
    team_alerts,
    weekday_ahead,
)
from tests.settings_for import conversation_of
from tests.workflows.bookings import customer
from workflows.booking.types import BookingStatus
from workflows.conversation.workflow import ConversationWorkflow


async def test_two_failed_payments_escalate_and_keep_the_hold(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_client: Client,
    temporal_env: WorkflowEnvironment,
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    _, day = await weekday_ahead(temporal_env, 3)
    await chat.say(f"quiero cita para un tinte {day}")
    [link] = await chat.say("la primera")

    await chat.press(link, "fail")
    retry = await chat.wait_for("no se ha podido completar")
    assert "te guardo la cita 15 minutos más" in retry
    assert retry.split("/pay/")[1].split("?")[0] != link.split("/pay/")[1].split("?")[0], "a new link"

    await chat.press(retry, "fail")
    await chat.wait_for("El pago ha vuelto a fallar")

    booking = await booking_reaches(temporal_client, booking_id_in(link), BookingStatus.ESCALATED)
    assert booking.payment_failures == 2
    [appointment] = await appointments_of(db, phone)
    assert appointment.status == AppointmentStatus.PROVISIONAL, "the hold is kept for the team"
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    await eventually(lambda: handle.query(ConversationWorkflow.human_mode), "the conversation went to a person")


async def test_a_customer_who_cannot_pay_gets_the_link_again_and_the_team_is_told(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    _, day = await weekday_ahead(temporal_env, 3)
    await chat.say(f"quiero cita para un tinte {day}")
    [link] = await chat.say("la primera")
    url = link.split("aquí: ")[1].split("\n")[0]
    [help_message] = await chat.say("no me deja pagar, el enlace no funciona 😩")
    assert url in help_message and "ya he avisado al equipo" in help_message
    [alert] = await team_alerts(db, phone)
    assert alert.startswith("🔔 Problema con el pago del anticipo.") and "Cita: tinte con" in alert
