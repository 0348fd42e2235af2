"""Terminates every workflow a test started, so none is left waiting on a task queue nobody polls.

The time-skipping server only skips time when no work is outstanding anywhere; a workflow of a finished
test, with an activity scheduled on its dead task queue, would freeze the clock for every later test. For
the same reason a test must start workflows only on a task queue its worker polls (the `worker` fixture).
"""

import asyncio
import contextlib
from typing import Any

from temporalio.client import (
    Client,
    Interceptor,
    OutboundInterceptor,
    StartWorkflowInput,
    WorkflowExecutionStatus,
    WorkflowHandle,
)
from temporalio.service import RPCError

# Activities here finish in milliseconds; a few seconds covers a slow database round.
SETTLE_POLLS = 100
SETTLE_POLL_SECONDS = 0.05
STILL_POLLS = 3


class _Recorder(OutboundInterceptor):
    def __init__(self, next: OutboundInterceptor, started: list[str]) -> None:
        super().__init__(next)
        self._started = started

    async def start_workflow(self, input: StartWorkflowInput) -> WorkflowHandle[Any, Any]:
        self._started.append(input.id)
        return await super().start_workflow(input)


class WorkflowJanitor(Interceptor):
    def __init__(self) -> None:
        self.started: list[str] = []

    def intercept_client(self, next: OutboundInterceptor) -> OutboundInterceptor:
        return _Recorder(next, self.started)

    def client_for(self, client: Client) -> Client:
        """`client` plus this recorder, keeping its own interceptors (the time-skipping one among them)."""
        config = client.config()
        return Client(**{**config, "interceptors": [*config["interceptors"], self]})

    async def terminate_all(self, client: Client) -> None:
        """Let in-flight work settle first: the test server keeps its clock locked when a workflow is
        terminated while the worker is completing one of its tasks, freezing every later test. No timer
        fires meanwhile (time only moves when a test sleeps), so a history that stops growing is idle."""
        for workflow_id in dict.fromkeys(self.started):
            handle = client.get_workflow_handle(workflow_id)
            with contextlib.suppress(RPCError):  # already closed
                if await _settled(handle):
                    await handle.terminate("test finished")


async def _settled(handle: WorkflowHandle[Any, Any]) -> bool:
    """True once the running workflow's history length held still for a few polls; False if it closed."""
    last, still = -1, 0
    for _ in range(SETTLE_POLLS):
        description = await handle.describe()
        if description.status != WorkflowExecutionStatus.RUNNING:
            return False
        busy = bool(description.raw_description.pending_activities)
        still = still + 1 if description.history_length == last and not busy else 0
        if still >= STILL_POLLS:
            return True
        last = description.history_length
        await asyncio.sleep(SETTLE_POLL_SECONDS)
    return True
