"""Terminates every workflow a test started, so none is left waiting on a task queue nobody polls, and names
every one that ended FAILED: a failed workflow is a customer or a salon left without an answer.

The time-skipping server only skips time when no work is outstanding anywhere; a workflow of a finished
test, with an activity scheduled on its dead task queue, would freeze the clock for every later test. For
the same reason a test must start workflows only on a task queue its worker polls (the `worker` fixture).
"""

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any

from google.protobuf.empty_pb2 import Empty
from temporalio.api.enums.v1 import EventType, PendingActivityState
from temporalio.api.failure.v1 import Failure
from temporalio.api.history.v1 import HistoryEvent
from temporalio.api.workflow.v1 import PendingActivityInfo
from temporalio.client import (
    Client,
    Interceptor,
    OutboundInterceptor,
    StartWorkflowInput,
    StartWorkflowUpdateWithStartInput,
    WorkflowExecutionStatus,
    WorkflowHandle,
    WorkflowUpdateHandle,
)
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment

# Activities here finish in milliseconds, a workflow task in well under a second; on a loaded CI machine a task
# may wait seconds for the worker, so the wait is bounded generously.
SETTLE_POLLS = 600
SETTLE_POLL_SECONDS = 0.05
STILL_POLLS = 3
# Skipping a minute of the test server's time takes milliseconds; real waiting would take the whole minute.
CLOCK_CHECK_SECONDS = 20
WORKFLOW_TASK_EVENTS = {
    EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
}


class _Recorder(OutboundInterceptor):
    def __init__(self, next: OutboundInterceptor, janitor: "WorkflowJanitor") -> None:
        super().__init__(next)
        self._janitor = janitor

    async def start_workflow(self, input: StartWorkflowInput) -> WorkflowHandle[Any, Any]:
        handle = await super().start_workflow(input)
        self._janitor.started.append((input.id, handle.first_execution_run_id))
        self._janitor.queues_started_on.add(input.task_queue)
        return handle

    async def start_update_with_start_workflow(
        self, input: StartWorkflowUpdateWithStartInput
    ) -> WorkflowUpdateHandle[Any]:
        # Recorded before the call: it returns only once the update is accepted or done, and a workflow it started
        # must be terminated even when the test ends first. Its run is whichever is latest.
        start = input.start_workflow_input
        self._janitor.started.append((start.id, None))
        self._janitor.queues_started_on.add(start.task_queue)
        return await super().start_update_with_start_workflow(input)


class WorkflowJanitor(Interceptor):
    def __init__(self) -> None:
        # (workflow id, run id): a signal-with-start after a run closed starts another run of the same id.
        self.started: list[tuple[str, str | None]] = []
        self.queues_started_on: set[str] = set()
        self.queues_polled: set[str] = set()

    def intercept_client(self, next: OutboundInterceptor) -> OutboundInterceptor:
        return _Recorder(next, self)

    def adopt(self, workflow_id: str) -> None:
        """A workflow another process started (an API in a subprocess): terminated and checked as the test's own."""
        self.started.append((workflow_id, None))

    def unpolled_queues(self) -> set[str]:
        """Task queues a workflow was started on that no worker of the test polled: even terminated, such a
        workflow leaves the test server's clock locked, and every later test that sleeps times out."""
        return self.queues_started_on - self.queues_polled

    def client_for(self, client: Client) -> Client:
        """`client` plus this recorder, keeping its own interceptors (the time-skipping one among them)."""
        config = client.config()
        return Client(**{**config, "interceptors": [*config["interceptors"], self]})

    async def terminate_all(self, client: Client) -> None:
        """Let in-flight work settle first: the test server keeps its clock locked when a workflow is
        terminated while the worker is completing one of its tasks, freezing every later test. No timer
        fires meanwhile (time only moves when a test sleeps), so a history that stops growing is idle."""
        for workflow_id in dict.fromkeys(workflow_id for workflow_id, _ in self.started):
            handle = client.get_workflow_handle(workflow_id)
            with contextlib.suppress(RPCError):  # already closed
                if await _settled(client, handle):
                    await handle.terminate("test finished")

    async def failed(self, client: Client) -> list[str]:
        """Every run of the started workflows that ended FAILED, with its type and failure: the runs started,
        the runs they continued as, and the latest run of each id. (The time-skipping server has no
        visibility queries, so the runs are walked one by one.)"""
        runs = dict.fromkeys([*self.started, *((workflow_id, None) for workflow_id, _ in self.started)])
        seen: set[str] = set()
        failures = []
        for workflow_id, run_id in runs:
            while True:
                handle = client.get_workflow_handle(workflow_id, run_id=run_id)
                description = await handle.describe()
                if description.run_id in seen:
                    break
                seen.add(description.run_id)
                if description.status == WorkflowExecutionStatus.FAILED:
                    failures.append(f"{description.workflow_type} {workflow_id}: {await _failure(handle)}")
                if description.status != WorkflowExecutionStatus.CONTINUED_AS_NEW:
                    break
                run_id = (
                    await _last_event(handle)
                ).workflow_execution_continued_as_new_event_attributes.new_execution_run_id
        return failures


async def _settled(client: Client, handle: WorkflowHandle[Any, Any]) -> bool:
    """True once the running workflow has no task outstanding (no activity pending, its last workflow task
    completed) and its history held still for a few polls; False if it closed. The test server leaks its clock
    lock when a workflow is terminated with a task outstanding: on a loaded machine a workflow task can wait
    for the worker longer than any fixed pause."""
    last, still = -1, 0
    for _ in range(SETTLE_POLLS):
        description = await handle.describe()
        if description.status != WorkflowExecutionStatus.RUNNING:
            return False
        now = (await client.test_service.get_current_time(Empty())).time.ToDatetime(tzinfo=UTC)
        activities = description.raw_description.pending_activities
        idle = not any(_outstanding(a, now) for a in activities) and await _last_workflow_task_completed(handle)
        still = still + 1 if idle and description.history_length == last else 0
        if still >= STILL_POLLS:
            return True
        last = description.history_length
        await asyncio.sleep(SETTLE_POLL_SECONDS)
    return True


def _outstanding(activity: PendingActivityInfo, now: datetime) -> bool:
    """A task a worker has or may be given now; one waiting out a retry backoff that has not elapsed has none."""
    waiting = (
        activity.state == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED
        and activity.HasField("next_attempt_schedule_time")
        and activity.next_attempt_schedule_time.ToDatetime(tzinfo=UTC) > now
    )
    return not waiting


async def _last_workflow_task_completed(handle: WorkflowHandle[Any, Any]) -> bool:
    tasks = [
        event.event_type for event in (await handle.fetch_history()).events if event.event_type in WORKFLOW_TASK_EVENTS
    ]
    return not tasks or tasks[-1] == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED


async def clock_skips(env: WorkflowEnvironment) -> bool:
    """Whether the test server still skips time: a task nobody takes (a workflow some process started on a queue
    no worker polls) locks its clock, a minute then takes a minute, and every later test that sleeps times out."""
    try:
        await asyncio.wait_for(env.sleep(timedelta(minutes=1)), timeout=CLOCK_CHECK_SECONDS)
    except TimeoutError:
        return False
    return True


async def failed_since(client: Client, since: datetime) -> list[str]:
    """Every workflow that ended FAILED after `since`, from visibility: the fault suite's real Temporal server
    sees the workflows its API and workers start, which no test client records."""
    query = f'ExecutionStatus="Failed" AND CloseTime > "{since.astimezone(UTC).isoformat()}"'
    return [
        f"{execution.workflow_type} {execution.id}: "
        f"{await _failure(client.get_workflow_handle(execution.id, run_id=execution.run_id))}"
        async for execution in client.list_workflows(query)
    ]


async def _last_event(handle: WorkflowHandle[Any, Any]) -> HistoryEvent:
    return (await handle.fetch_history()).events[-1]


async def _failure(handle: WorkflowHandle[Any, Any]) -> str:
    """The failure that ended the run, with its causes ("activity error <- MessageRejected: …")."""
    failure: Failure | None = (await _last_event(handle)).workflow_execution_failed_event_attributes.failure
    messages = []
    while failure is not None and failure.message:
        kind = failure.application_failure_info.type if failure.HasField("application_failure_info") else ""
        messages.append(f"{kind}: {failure.message}" if kind else failure.message)
        failure = failure.cause if failure.HasField("cause") else None
    return " <- ".join(messages)
