"""Workflow code changes must not break running workflows: recorded histories replay against today's code.

Re-record on purpose only (after guarding the change with `workflow.patched`):
    RECORD_HISTORIES=1 .venv/bin/python -m pytest tests/workflows/test_replay.py
"""

import os
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client, WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer, Worker

from tests.workflows.bookings import book, local_day_at
from workflows.booking import BookingWorkflow
from workflows.booking_types import BookingStatus, PaymentEvent
from workflows.conversation import ConversationWorkflow

HISTORIES = Path(__file__).parent / "histories"
RECORDED = sorted(HISTORIES.glob("*.json"))


def _replayer() -> Replayer:
    return Replayer(workflows=[ConversationWorkflow, BookingWorkflow], data_converter=pydantic_data_converter)


async def _check_and_maybe_record(history: WorkflowHistory, name: str) -> None:
    result = await _replayer().replay_workflow(history, raise_on_replay_failure=True)
    assert result.replay_failure is None
    if os.environ.get("RECORD_HISTORIES") == "1":
        (HISTORIES / f"{name}.json").write_text(history.to_json(), encoding="utf-8")


@pytest.mark.parametrize("path", RECORDED, ids=[p.stem for p in RECORDED])
async def test_recorded_history_replays_without_nondeterminism(path: Path) -> None:
    history = WorkflowHistory.from_json(path.stem, path.read_text(encoding="utf-8"))
    result = await _replayer().replay_workflow(history, raise_on_replay_failure=True)
    assert result.replay_failure is None


def test_histories_are_recorded_for_the_main_paths() -> None:
    assert {p.stem for p in RECORDED} >= {"conversation_new_customer_two_turns", "booking_paid_reminded_completed"}


async def test_fresh_conversation_history_replays(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client
) -> None:
    for message_id, text in (("m1", "hola"), ("m2", "quiero cita")):
        body = {"phone": phone, "text": text, "wait": True, "message_id": message_id}
        assert (await api.post("/demo/messages", json=body)).json()["handled"] is True
    handle = temporal_client.get_workflow_handle(f"conversation:atrevete:{phone}")
    await _check_and_maybe_record(await handle.fetch_history(), "conversation_new_customer_two_turns")


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
    for _ in range(100):
        view = await booking.handle.query(BookingWorkflow.view)
        if view.status == BookingStatus.AWAITING_PAYMENT:
            break
        await temporal_env.sleep(timedelta(seconds=1))
    assert view.payment_url is not None
    session_id = view.payment_url.split("/pay/")[1].split("?")[0]
    await booking.handle.signal(BookingWorkflow.payment_succeeded, PaymentEvent("evt_r", session_id, "pi_r"))
    assert await booking.handle.result() == BookingStatus.COMPLETED
    await _check_and_maybe_record(await booking.handle.fetch_history(), "booking_paid_reminded_completed")
