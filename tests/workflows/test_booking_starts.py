"""A booking id runs once: a retried start joins the live run, and a start whose run closed gets that run's
outcome instead of a second run (workflows/booking/starts.py, issue #20)."""

import asyncio
import gc
import sys
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.runtime.db import session_factory
from models.runtime.settings import Settings
from tests.settings_for import TEST_CONVERTER
from tests.workflow_janitor import WorkflowJanitor
from tests.workflows.bookings import (
    Booking,
    appointments,
    book,
    customer,
    item,
    local_day_at,
    sent,
    start_booking,
    until,
)
from worker import build_worker
from workflows import booking_workflow_id
from workflows.booking.starts import start, start_and_hold
from workflows.booking.types import BookingInput, BookingStatus, CancelRequest
from workflows.booking.workflow import BookingWorkflow
from workflows.search_attributes import ALL as SEARCH_ATTRIBUTES

DEV_SERVER = Path(sys.executable).parent / "temporal"

SUMMARY = "Reserva de prueba"


async def _refused_then_freed(
    phone: str, db: AsyncEngine, env: WorkflowEnvironment, client: Client, task_queue: str
) -> Booking:
    """A booking whose first run ended SLOT_TAKEN, its slot free again since: a second run would hold it."""
    at = await local_day_at(env, 2, 11)
    first = await book(db, client, task_queue, phone, service="Tinte", staff="Marta", start=at)
    booker = await customer(db, "+34699000444", "Paula")
    refused = await start_booking(
        client,
        task_queue,
        phone="+34699000444",
        booker=booker,
        start=at + timedelta(minutes=30),
        items=[await item(db, booker, service="Corte", staff="Marta")],
    )
    assert await refused.handle.result() == BookingStatus.SLOT_TAKEN
    await first.handle.execute_update(BookingWorkflow.cancel, CancelRequest())
    return refused


async def test_a_start_whose_booking_closed_gets_that_runs_outcome_and_no_second_run(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    refused = await _refused_then_freed(phone, db, temporal_env, temporal_client, worker.task_queue)

    status = await start_and_hold(temporal_client, refused.input, task_queue=worker.task_queue, summary=SUMMARY)

    assert status == BookingStatus.SLOT_TAKEN
    assert (await refused.handle.describe()).run_id == refused.handle.result_run_id
    assert await appointments(db, refused) == []


async def test_an_offer_whose_booking_closed_is_not_started_again(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    refused = await _refused_then_freed(phone, db, temporal_env, temporal_client, worker.task_queue)

    await start(temporal_client, refused.input, task_queue=worker.task_queue, summary=SUMMARY)

    assert (await refused.handle.describe()).run_id == refused.handle.result_run_id
    assert await appointments(db, refused) == []


async def test_a_start_whose_booking_was_terminated_is_not_started(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    janitor: WorkflowJanitor,
) -> None:
    """An operator ended the run: nothing is held any more, and the conversation hands the customer to a person."""
    at = await local_day_at(temporal_env, 2, 11)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Corte", staff="Marta", start=at)
    await until(temporal_env, booking, BookingStatus.AWAITING_PAYMENT)
    # The janitor's way: terminated with a task outstanding, the test server's clock would stay locked.
    await janitor.terminate_all(temporal_env.client)

    status = await start_and_hold(temporal_client, booking.input, task_queue=worker.task_queue, summary=SUMMARY)

    assert status == BookingStatus.NOT_STARTED
    assert (await booking.handle.describe()).run_id == booking.handle.result_run_id


async def test_a_retried_start_of_a_live_booking_joins_it(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    booker = await customer(db, phone)
    input = BookingInput(
        booking_id=str(uuid.uuid4()),
        business="atrevete",
        customer_phone=phone,
        booked_by_id=booker,
        start=await local_day_at(temporal_env, 2, 11),
        items=[await item(db, booker, service="Tinte", staff="Marta")],
    )
    handle = temporal_client.get_workflow_handle_for(BookingWorkflow.run, booking_workflow_id(input.booking_id))
    booking = Booking(input, handle)

    first = await start_and_hold(temporal_client, input, task_queue=worker.task_queue, summary=SUMMARY)
    run_id = (await booking.handle.describe()).run_id
    again = await start_and_hold(temporal_client, input, task_queue=worker.task_queue, summary=SUMMARY)

    assert first == again == BookingStatus.AWAITING_PAYMENT
    description = await booking.handle.describe()
    assert description.run_id == run_id
    assert len(await appointments(db, booking)) == 1
    assert (await sent(db, booking)).count("link") == 1


@pytest.fixture
async def dev_server() -> AsyncIterator[WorkflowEnvironment]:
    """Temporal's dev server: it refuses a closed id as a real server does (WorkflowAlreadyStartedError), where
    the time-skipping one sends a bare ALREADY_EXISTS."""
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=str(DEV_SERVER),
        dev_server_log_level="error",
        data_converter=TEST_CONVERTER,
        search_attributes=list(SEARCH_ATTRIBUTES),
    )
    yield env
    await env.shutdown()
    # RECIPES §1: without a pause after shutdown the interpreter sometimes dies at exit.
    del env
    gc.collect()
    await asyncio.sleep(0.5)


async def test_on_a_real_server_a_start_whose_booking_closed_gets_that_runs_outcome(
    phone: str, db: AsyncEngine, settings: Settings, dev_server: WorkflowEnvironment
) -> None:
    client = dev_server.client
    async with build_worker(client, settings, session_factory(db)) as worker:
        refused = await _refused_then_freed(phone, db, dev_server, client, worker.task_queue)

        status = await start_and_hold(client, refused.input, task_queue=worker.task_queue, summary=SUMMARY)

        assert status == BookingStatus.SLOT_TAKEN
        assert (await refused.handle.describe()).run_id == refused.handle.result_run_id
        assert await appointments(db, refused) == []
