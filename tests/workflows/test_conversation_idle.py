"""A quiet conversation shrinks: after the idle period it continues-as-new carrying only its compact state, and
goes on from where it was; a run that started idle waits for a message, it does not shrink again."""

from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus
from tests.scenarios.chat import Chat, appointments_of, weekday_ahead
from tests.settings_for import conversation_of
from tests.workflows.bookings import customer
from workflows.conversation.types import DEFAULT_IDLE_AFTER, REMEMBERED_WHEN_IDLE, ConversationState
from workflows.conversation.workflow import ConversationWorkflow

# The open history an idle customer keeps (the target): the next run holds the compact state only.
IDLE_HISTORY_BYTES = 16 * 1024


async def _history_bytes(handle: WorkflowHandle[ConversationWorkflow, None]) -> tuple[int, int]:
    events = (await handle.fetch_history()).events
    return len(events), sum(len(event.SerializeToString()) for event in events)


async def test_a_quiet_conversation_shrinks_and_goes_on_where_it_was(
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
    await chat.say("hola, ¿qué tal?")
    [offer] = await chat.say(f"quiero cita para un tinte {day}")
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    busy_run = (await handle.describe()).run_id
    busy_events, busy_bytes = await _history_bytes(handle)

    await temporal_env.sleep(DEFAULT_IDLE_AFTER + timedelta(minutes=1))
    idle_run = (await handle.describe()).run_id
    assert idle_run != busy_run, "two quiet hours continued the conversation as new"
    idle_events, idle_bytes = await _history_bytes(handle)
    assert idle_bytes <= IDLE_HISTORY_BYTES and idle_bytes < busy_bytes and idle_events < busy_events

    await temporal_env.sleep(DEFAULT_IDLE_AFTER * 3)
    assert (await handle.describe()).run_id == idle_run, "a run that started idle waits, it does not shrink again"

    second = offer.splitlines()[2].removeprefix("2. ")
    [link] = await chat.say("la segunda")
    assert second.rsplit(" con ", 1)[1] in link, "the offer made before the quiet hours is still the one chosen from"
    [held] = await appointments_of(db, phone)
    assert held.status == AppointmentStatus.PROVISIONAL


async def test_a_conversation_with_staff_stays_with_staff_through_the_shrink(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client, temporal_env: WorkflowEnvironment
) -> None:
    chat = Chat(api, phone)
    assert await chat.say("hola")
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    busy_run = (await handle.describe()).run_id
    await handle.signal(ConversationWorkflow.escalate, "la clienta pide hablar con alguien")
    assert await chat.say("¿hay alguien?") == [], "a person has the conversation: recorded, not answered"

    # The run now waits out the 24 h of human mode; two quiet hours shrink it all the same.
    await temporal_env.sleep(DEFAULT_IDLE_AFTER + timedelta(minutes=1))
    assert (await handle.describe()).run_id != busy_run
    assert await handle.query(ConversationWorkflow.human_mode) is True
    assert await chat.say("¿me oís?") == [], "the bot stays silent in the next run too"


async def test_a_conversation_writes_its_search_attribute_only_when_it_changes(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client
) -> None:
    chat = Chat(api, phone)
    for text in ("hola", "¿dónde estáis?", "¿cuánto cuesta un corte?", "gracias", "¿abrís el sábado?"):
        assert await chat.say(text)
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    events = (await handle.fetch_history()).events
    upserts = [e for e in events if e.event_type == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES]
    assert len(upserts) == 1, "the state became 'active' once; five turns that left it so wrote nothing"


async def test_an_offline_turn_schedules_one_activity_for_its_replies_and_reads_locally(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client
) -> None:
    """Recording, identifying and understanding (the rules) run as local activities in the workflow task; only
    the replies, whose channel may be down for minutes, are an activity of their own: one per turn, however many
    replies, which also marks the message answered."""
    chat = Chat(api, phone)
    replies = [len(await chat.say(text)) for text in ("hola", "¿cuánto cuesta un corte?", "¿dónde estáis?")]
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    events = (await handle.fetch_history()).events
    scheduled = [
        e.activity_task_scheduled_event_attributes.activity_type.name
        for e in events
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
    ]
    assert all(replies) and scheduled == ["send_replies"] * len(replies)
    markers = [e for e in events if e.event_type == EventType.EVENT_TYPE_MARKER_RECORDED]
    assert len(markers) >= len(replies), "each turn's first step ran locally"


def test_the_compact_state_keeps_the_dialogue_and_the_latest_message_ids() -> None:
    ids = [f"wamid.{n}" for n in range(200)]
    state = ConversationState(handled_message_ids=ids, memory={"step": "slot"}, human_mode=True, unpaid=["b1"])
    compact = state.compact()
    assert compact.handled_message_ids == ids[-REMEMBERED_WHEN_IDLE:]
    assert (compact.memory, compact.human_mode, compact.unpaid) == (state.memory, True, ["b1"])
    assert len(state.handled_message_ids) == 200, "the running state is left as it was"
