"""A conversation never fails and never answers twice: our own activities losing their completion, a
dialogue step refused for good, messages arriving at the continue-as-new point, redeliveries before and after
a new run."""

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from activities.messaging.archive import REFUSED_BODY
from models import Message, TeamAlert
from models.enums import AppointmentStatus, Direction
from tests.scenarios.chat import Chat, appointments_of, weekday_ahead
from tests.settings_for import conversation_of
from tests.workflows.activity_cuts import ActivityCuts, Cut
from tests.workflows.bookings import customer
from workflows.conversation.types import ConversationInput, InboundMessage
from workflows.conversation.workflow import ConversationWorkflow


async def start(client: Client, worker: Worker, phone: str, first: InboundMessage, **input: int) -> WorkflowHandle:
    return await client.start_workflow(
        ConversationWorkflow.run,
        ConversationInput("atrevete", phone, **input),  # type: ignore[arg-type]
        id=conversation_of("atrevete", phone),
        task_queue=worker.task_queue,
        start_signal="customer_message",
        start_signal_args=[first],
    )


async def replies(db: AsyncEngine, phone: str, message_id: str) -> list[str]:
    """The bot's answers to one message (the reply keys name the message they answer)."""
    key = f"{conversation_of('atrevete', phone)}:reply:{message_id}:"
    async with AsyncSession(db) as session:
        rows = await session.execute(
            select(Message.body).where(
                Message.direction == Direction.OUTBOUND, col(Message.external_id).startswith(key)
            )
        )
        return list(rows.scalars())


async def answered_all(db: AsyncEngine, phone: str, ids: list[str]) -> None:
    for _ in range(300):
        if all([await replies(db, phone, i) for i in ids]):
            return
        await asyncio.sleep(0.1)
    raise AssertionError("some messages were never answered")


async def activities_named(handle: WorkflowHandle, name: str) -> int:
    """Activities of type `name` the run executed, local ones (recorded as markers) included."""
    count = 0
    async for event in handle.fetch_history_events():
        scheduled = event.activity_task_scheduled_event_attributes
        if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED and scheduled.activity_type.name == name:
            count += 1
        if event.event_type == EventType.EVENT_TYPE_MARKER_RECORDED:
            marker = json.loads(event.marker_recorded_event_attributes.details["data"].payloads[0].data)
            count += marker["activity_type"] == name
    return count


@pytest.mark.parametrize("how", [Cut.LOST, Cut.SLOW], ids=["completion_lost", "commit_slower_than_timeout"])
async def test_a_record_whose_completion_is_lost_is_still_answered_once(
    how: Cut, phone: str, db: AsyncEngine, temporal_client: Client, worker: Worker, cuts: ActivityCuts
) -> None:
    await customer(db, phone, "Lucía")
    cuts.arm("dialogue.begin_turn", how)
    handle = await start(temporal_client, worker, phone, InboundMessage("m1", "hola, ¿abrís el sábado?"))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "m1")

    assert cuts.cut == ["dialogue.begin_turn"], "the first attempt committed, then was cut"
    assert len(await replies(db, phone, "m1")) >= 1, "the retry found the message recorded but not answered"
    await handle.signal(ConversationWorkflow.customer_message, InboundMessage("m2", "gracias"))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "m2")
    assert len(await replies(db, phone, "m2")) >= 1


async def test_a_redelivery_is_dropped_by_the_signal_and_after_a_new_run_by_the_answered_mark(
    phone: str, db: AsyncEngine, temporal_client: Client, worker: Worker
) -> None:
    await customer(db, phone, "Lucía")
    hello = InboundMessage("m1", "hola")
    handle = await start(temporal_client, worker, phone, hello)
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "m1")
    first = await replies(db, phone, "m1")

    await handle.signal(ConversationWorkflow.customer_message, hello)
    await handle.signal(ConversationWorkflow.customer_message, InboundMessage("m2", "gracias"))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "m2")
    assert await activities_named(handle, "dialogue.begin_turn") == 2, "the copy cost no activity"

    # A new run knows no ids (as after an operator terminated the old one): the database knows it was answered.
    await handle.terminate("operator")
    again = await start(temporal_client, worker, phone, hello)
    await again.signal(ConversationWorkflow.customer_message, InboundMessage("m3", "adiós"))
    await again.execute_update(ConversationWorkflow.wait_until_handled, "m3")
    assert await replies(db, phone, "m1") == first, "answered once, whatever the redeliveries"
    assert await activities_named(again, "send_replies") == 1, "only the new message was answered"


@pytest.mark.parametrize("together", [2, 10])
async def test_messages_arriving_at_the_continue_as_new_point_are_all_answered_once(
    together: int, phone: str, db: AsyncEngine, temporal_client: Client, worker: Worker
) -> None:
    await customer(db, phone, "Lucía")
    handle = await start(temporal_client, worker, phone, InboundMessage("m0", "hola"), max_turns=2)
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "m0")
    ids = [f"m{i}" for i in range(1, together + 2)]
    for message_id in ids:  # the second turn is the last of the run: the rest arrive while it is taken
        await handle.signal(ConversationWorkflow.customer_message, InboundMessage(message_id, "gracias"))

    await answered_all(db, phone, ids)
    await asyncio.sleep(0.5)  # time for a duplicate to show up
    assert [len(await replies(db, phone, i)) for i in ids] == [len(await replies(db, phone, ids[0]))] * len(ids)
    described = await temporal_client.get_workflow_handle(handle.id).describe()
    assert described.run_id != handle.first_execution_run_id, "the messages crossed into a new run"
    assert described.status == WorkflowExecutionStatus.RUNNING


async def test_a_dialogue_step_refused_for_good_hands_the_customer_to_a_person(
    phone: str, db: AsyncEngine, temporal_client: Client, worker: Worker, cuts: ActivityCuts
) -> None:
    await customer(db, phone, "Lucía")
    cuts.arm("dialogue.search_slots", Cut.REFUSED)
    handle = await start(temporal_client, worker, phone, InboundMessage("m1", "quiero cita para un corte mañana"))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "m1")

    async with AsyncSession(db) as session:
        sorry = (
            await session.execute(select(Message.body).where(col(Message.external_id).endswith(":sorry:m1")))
        ).scalar_one()
        [alert] = (await session.execute(select(TeamAlert))).scalars()
    assert "compañera del equipo" in sorry
    assert "quiero cita para un corte mañana" in alert.text and "refused" in alert.reason
    assert await handle.query(ConversationWorkflow.human_mode) is True
    assert (await handle.describe()).status == WorkflowExecutionStatus.RUNNING


async def test_a_message_the_database_will_not_take_waits_first_in_line_and_is_answered_once_it_does(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    cuts: ActivityCuts,
) -> None:
    await customer(db, phone, "Lucía")
    cuts.arm("dialogue.begin_turn", Cut.REFUSED)
    handle = await start(temporal_client, worker, phone, InboundMessage("m1", "hola"))
    await temporal_env.sleep(timedelta(minutes=3))
    assert len(cuts.cut) >= 3, "tried again every minute"
    assert await handle.query(ConversationWorkflow.pending_messages) == 1
    assert await replies(db, phone, "m1") == []

    cuts.armed.clear()  # the database is back
    await temporal_env.sleep(timedelta(minutes=1))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "m1")
    assert len(await replies(db, phone, "m1")) == 1
    assert (await handle.describe()).status == WorkflowExecutionStatus.RUNNING


async def test_a_booking_that_cannot_start_is_told_to_the_customer_and_handed_to_a_person(
    phone: str,
    api: httpx.AsyncClient,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    cuts: ActivityCuts,
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    _, day = await weekday_ahead(temporal_env, 4)
    [offer] = await chat.say(f"quiero cita para un tinte {day}")
    assert "tengo estos huecos" in offer
    cuts.arm("create_deposit_link", Cut.REFUSED)

    [sorry] = await chat.say("la primera")

    assert "no he podido preparar el pago" in sorry
    [held] = await appointments_of(db, phone)
    assert held.status == AppointmentStatus.EXPIRED, "nothing is held for a booking that did not start"
    handle = temporal_client.get_workflow_handle(conversation_of("atrevete", phone))
    assert await handle.query(ConversationWorkflow.human_mode) is True
    assert await chat.say("¿hola?") == [], "a person has the conversation now"


@pytest.fixture
async def refusing_database(db: AsyncEngine) -> AsyncIterator[str]:
    """Our own database refusing a message's text the way PostgreSQL refuses a broken character (SQLSTATE
    22021), for texts carrying the returned marker only."""
    marker = "texto-que-la-base-rechaza"
    async with db.begin() as connection:
        await connection.exec_driver_sql(
            "CREATE FUNCTION refuse_marked_text() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF position('{marker}' in NEW.body) > 0 THEN "
            "RAISE EXCEPTION 'invalid byte sequence' USING ERRCODE = '22021'; "
            "END IF; RETURN NEW; END $$"
        )
        await connection.exec_driver_sql(
            "CREATE TRIGGER refuse_marked_text BEFORE INSERT ON message "
            "FOR EACH ROW EXECUTE FUNCTION refuse_marked_text()"
        )
    yield marker
    async with db.begin() as connection:
        await connection.exec_driver_sql("DROP TRIGGER refuse_marked_text ON message")
        await connection.exec_driver_sql("DROP FUNCTION refuse_marked_text")


async def test_a_message_the_database_refuses_is_recorded_as_refused_and_answered(
    phone: str,
    db: AsyncEngine,
    temporal_client: Client,
    worker: Worker,
    caplog: pytest.LogCaptureFixture,
    refusing_database: str,
) -> None:
    await customer(db, phone, "Lucía")
    text = f"mi clave es pelirroja {refusing_database}"
    handle = await start(temporal_client, worker, phone, InboundMessage("m1", text))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "m1")

    [asked_again] = await replies(db, phone, "m1")
    assert "caracteres que no puedo leer" in asked_again
    async with AsyncSession(db) as session:
        inbound = (
            await session.execute(
                select(Message.body).where(Message.direction == Direction.INBOUND, Message.customer_phone == phone)
            )
        ).scalar_one()
    assert inbound == REFUSED_BODY
    await handle.signal(ConversationWorkflow.customer_message, InboundMessage("m2", "¿dónde estáis?"))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "m2")
    assert "Fuencarral" in (await replies(db, phone, "m2"))[0], "the conversation goes on"
    assert any("refused by the database" in r.getMessage() for r in caplog.records)
    logged = [r.getMessage() + (r.exc_text or "") for r in caplog.records]
    assert not [line for line in logged if "pelirroja" in line], "logs never carry a message's text"
