"""Terminates every workflow a test started, so none is left waiting on a task queue nobody polls.

The time-skipping server only skips time when no work is outstanding anywhere; a workflow of a finished
test, with an activity scheduled on its dead task queue, would freeze the clock for every later test.
"""

import contextlib
from typing import Any

from temporalio.client import (
    Client,
    Interceptor,
    OutboundInterceptor,
    StartWorkflowInput,
    WorkflowHandle,
)
from temporalio.service import RPCError


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
        for workflow_id in dict.fromkeys(self.started):
            with contextlib.suppress(RPCError):  # already closed
                await client.get_workflow_handle(workflow_id).terminate("test finished")
