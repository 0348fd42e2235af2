"""Continue-as-new carries the dialogue: a choice made in the next run refers to the slots offered before."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus
from tests.scenarios.chat import Chat, appointments_of, weekday_ahead
from tests.settings_for import conversation_of
from tests.workflows.bookings import customer
from workflows.conversation.types import ConversationInput
from workflows.conversation.workflow import ConversationWorkflow


async def test_the_offer_survives_continue_as_new(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_client: Client,
    temporal_env: WorkflowEnvironment,
) -> None:
    await customer(db, phone, "Lucía")
    workflow_id = conversation_of("atrevete", phone)
    first = await temporal_client.start_workflow(
        ConversationWorkflow.run,
        ConversationInput("atrevete", phone, max_turns=1),
        id=workflow_id,
        task_queue=worker.task_queue,
    )
    chat = Chat(api, phone)
    _, day = await weekday_ahead(temporal_env, 3)
    [offer] = await chat.say(f"quiero cita para un tinte {day}")
    second_option = offer.splitlines()[2].removeprefix("2. ")

    [link] = await chat.say("la segunda")
    assert second_option.rsplit(" con ", 1)[1] in link, "the new run remembered what was offered"
    assert (await temporal_client.get_workflow_handle(workflow_id).describe()).run_id != first.first_execution_run_id
    [held] = await appointments_of(db, phone)
    assert held.status == AppointmentStatus.PROVISIONAL
