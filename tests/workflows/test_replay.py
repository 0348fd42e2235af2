"""Workflow code changes must not break running workflows: recorded histories replay against today's code.

Re-record on purpose only:
    RECORD_HISTORIES=1 .venv/bin/python -m pytest tests/workflows/test_replay.py
Every run is pinned to the build it started on (Worker Versioning, docs/runbook.md), and a conversation's next run
starts on the current build: a change to workflow code needs no `workflow.patched`, its histories are re-recorded
with it, and this test guards that a build replays what it records (a worker restart, a cache eviction).
"""

import os
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client, WorkflowHistory
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from tests.scenarios.chat import Chat
from tests.settings_for import conversation_of
from tests.workflows.bookings import book, local_day_at, pay, staff_id, until
from tests.workflows.replaying import replayer
from workflows.booking.types import BookingStatus, CancelRequest, PaymentEvent, RescheduleRequest
from workflows.booking.workflow import BookingWorkflow
from workflows.conversation.types import DEFAULT_IDLE_AFTER, ConversationInput, InboundMessage, StaffReply
from workflows.conversation.workflow import ConversationWorkflow

HISTORIES = Path(__file__).parent / "histories"
RECORDED = sorted(HISTORIES.glob("*.json"))


async def _check_and_maybe_record(db: AsyncEngine, history: WorkflowHistory, name: str) -> None:
    result = await replayer().replay_workflow(history, raise_on_replay_failure=True)
    assert result.replay_failure is None
    if os.environ.get("RECORD_HISTORIES") == "1":
        (HISTORIES / f"{name}.json").write_text(history.to_json(), encoding="utf-8")


@pytest.mark.parametrize("path", RECORDED, ids=[p.stem for p in RECORDED])
async def test_recorded_history_replays_without_nondeterminism(path: Path, db: AsyncEngine) -> None:
    history = WorkflowHistory.from_json(path.stem, path.read_text(encoding="utf-8"))
    result = await replayer().replay_workflow(history, raise_on_replay_failure=True)
    assert result.replay_failure is None


def test_histories_are_recorded_for_the_main_paths() -> None:
    assert {p.stem for p in RECORDED} >= {
        "conversation_dialogue_booking",
        "booking_paid_reminded_completed",
        "booking_paid_cancelled_refunded",
        # Recorded after issue 14: the state carried whole by continue-as-new, a late payment's refund recorded.
        "conversation_continued_with_state",
        "booking_late_payment_refunded",
        # Recorded after issue 18: the real-customers dialogue (its patch marker in the history).
        "conversation_real_customers",
        # Recorded after issue 19: the reminder's yes, the stylists and the salon told of a move and a cancellation.
        "booking_confirmed_moved_cancelled",
        # Recorded after issue 19: staff took over, replied from /admin and handed back.
        "conversation_staff_take_over",
        # Recorded after issue 20 (every conversation history recorded anew): quiet, shrunk, answered again.
        "conversation_shrunk_when_idle",
    }


async def test_fresh_conversation_history_replays(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client, db: AsyncEngine
) -> None:
    """A new customer: greeting, name, pack offer, slots, choice (a booking started), FAQ."""
    chat = Chat(api, phone)
    for text in ("hola, quiero mechas", "Me llamo Laura", "no, solo mechas", "la primera", "¿dónde estáis?"):
        assert await chat.say(text), f"no reply to {text!r}"
    handle = temporal_client.get_workflow_handle(conversation_of("atrevete", phone))
    await _check_and_maybe_record(db, await handle.fetch_history(), "conversation_dialogue_booking")


async def test_fresh_real_customers_history_replays(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client, db: AsyncEngine
) -> None:
    """A new customer answered at once: a price, slots, the name asked at the choice (a booking started), her
    appointment, BAJA and ALTA."""
    chat = Chat(api, phone)
    for text in ("hola, ¿cuánto cuesta el tinte?", "vale, quiero cita para un tinte", "la primera", "Me llamo Laura"):
        assert await chat.say(text), f"no reply to {text!r}"
    await chat.say("¿cuándo es mi cita?")
    await chat.say("BAJA")
    assert await chat.say("ALTA"), "ALTA is answered"
    handle = temporal_client.get_workflow_handle(conversation_of("atrevete", phone))
    await _check_and_maybe_record(db, await handle.fetch_history(), "conversation_real_customers")


async def test_fresh_booking_history_replays(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    """The main booking path: hold, link, paid, confirmed, 48 h reminder, completed."""
    booking = await book(
        db,
        temporal_client,
        worker.task_queue,
        phone,
        service="Corte",
        staff="Harol",
        start=await local_day_at(temporal_env, 4, 12),
    )
    await pay(temporal_env, booking)
    assert await booking.handle.result() == BookingStatus.COMPLETED
    await _check_and_maybe_record(db, await booking.handle.fetch_history(), "booking_paid_reminded_completed")


async def test_fresh_cancellation_history_replays(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    """Paid, then cancelled days ahead: the deposit refunded, the slot freed, the booking ends cancelled."""
    booking = await book(
        db,
        temporal_client,
        worker.task_queue,
        phone,
        service="Tinte",
        staff="Marta",
        start=await local_day_at(temporal_env, 5, 16),
    )
    await pay(temporal_env, booking)
    result = await booking.handle.execute_update(BookingWorkflow.cancel, CancelRequest(accept_no_refund=False))
    assert result.refunded_amount > 0
    assert await booking.handle.result() == BookingStatus.CANCELLED
    await _check_and_maybe_record(db, await booking.handle.fetch_history(), "booking_paid_cancelled_refunded")


async def test_fresh_attendance_and_changes_history_replays(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    """Paid, reminded with "¿Vienes?", confirmed by the customer, moved to another stylist (both told, the salon
    too), then cancelled."""
    start = await local_day_at(temporal_env, 5, 12)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Corte", staff="Harol", start=start)
    await pay(temporal_env, booking)
    await temporal_env.sleep(start - timedelta(hours=47) - await temporal_env.get_current_time())
    assert await booking.handle.execute_update(BookingWorkflow.confirm_attendance)
    moved = await booking.handle.execute_update(
        BookingWorkflow.reschedule,
        RescheduleRequest(
            start=start + timedelta(days=1), staff_names=["Víctor"], staff_ids=[await staff_id(db, "Víctor")]
        ),
    )
    assert moved.moved
    await booking.handle.execute_update(BookingWorkflow.cancel, CancelRequest())
    assert await booking.handle.result() == BookingStatus.CANCELLED
    await _check_and_maybe_record(db, await booking.handle.fetch_history(), "booking_confirmed_moved_cancelled")


async def test_a_conversation_continued_with_its_state_replays(
    phone: str, db: AsyncEngine, temporal_client: Client, worker: Worker
) -> None:
    """The run after a continue-as-new that carried the state whole, pending messages included."""
    handle = await temporal_client.start_workflow(
        ConversationWorkflow.run,
        ConversationInput("atrevete", phone, max_turns=3),
        id=conversation_of("atrevete", phone),
        task_queue=worker.task_queue,
        start_signal="customer_message",
        start_signal_args=[InboundMessage("c1", "hola")],
    )
    for message_id, text in (("c2", "me llamo Laura"), ("c3", "¿dónde estáis?")):
        await handle.signal(ConversationWorkflow.customer_message, InboundMessage(message_id, text))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "c3")
    latest = temporal_client.get_workflow_handle(handle.id)
    assert (await latest.describe()).run_id != handle.first_execution_run_id
    await latest.signal(ConversationWorkflow.customer_message, InboundMessage("c4", "gracias"))
    await latest.execute_update(ConversationWorkflow.wait_until_handled, "c4")
    await _check_and_maybe_record(db, await latest.fetch_history(), "conversation_continued_with_state")


async def test_a_late_payment_refunded_and_recorded_replays(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    """Released, the slot taken by someone else, then paid: refunded, recorded on the rows, then told."""
    start = await local_day_at(temporal_env, 4, 15)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Corte", staff="Víctor", start=start)
    await until(temporal_env, booking, BookingStatus.AWAITING_PAYMENT)
    view = await booking.handle.query(BookingWorkflow.view)
    assert view.payment_url is not None
    session_id = view.payment_url.split("/pay/")[1].split("?")[0]
    await temporal_env.sleep(timedelta(minutes=31))
    await until(temporal_env, booking, BookingStatus.EXPIRED)
    rival = await book(
        db, temporal_client, worker.task_queue, "+34699000444", service="Corte", staff="Víctor", start=start
    )
    await until(temporal_env, rival, BookingStatus.AWAITING_PAYMENT)
    await booking.handle.signal(BookingWorkflow.payment_succeeded, PaymentEvent("evt_late", session_id, "pi_late"))
    assert await booking.handle.result() == BookingStatus.EXPIRED
    await _check_and_maybe_record(db, await booking.handle.fetch_history(), "booking_late_payment_refunded")


async def test_a_staff_take_over_replays(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client, db: AsyncEngine
) -> None:
    """Staff take the conversation over, reply from /admin (the `staff_reply` update), the customer is only
    recorded, then handed back and answered by Maite again."""
    chat = Chat(api, phone)
    assert await chat.say("hola")
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    await handle.signal(ConversationWorkflow.escalate, "tomada desde /admin por admin")
    reply = StaffReply("r1", "admin", "Hola, soy Berta")
    assert (await handle.execute_update(ConversationWorkflow.staff_reply, reply)).refused is None
    assert await chat.say("gracias") == ["Hola, soy Berta"], "the staff reply; the customer recorded, not answered"
    await handle.signal(ConversationWorkflow.hand_back)
    assert await chat.say("¿dónde estáis?")
    await _check_and_maybe_record(db, await handle.fetch_history(), "conversation_staff_take_over")


async def test_a_conversation_shrunk_when_idle_replays(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    temporal_client: Client,
    temporal_env: WorkflowEnvironment,
    db: AsyncEngine,
) -> None:
    """Two turns, quiet past the idle period (the idle timer, continue-as-new with the compact state), then the
    new run answers; both runs replay."""
    chat = Chat(api, phone)
    assert await chat.say("hola, ¿cuánto cuesta un corte?")
    assert await chat.say("gracias")
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    busy = await handle.fetch_history()
    await temporal_env.sleep(DEFAULT_IDLE_AFTER + timedelta(minutes=1))
    assert await chat.say("¿dónde estáis?")
    await _check_and_maybe_record(db, busy, "conversation_quiet_until_shrunk")
    await _check_and_maybe_record(db, await handle.fetch_history(), "conversation_shrunk_when_idle")
