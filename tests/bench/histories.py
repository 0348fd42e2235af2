"""Histories as the dev server keeps them: every run of a workflow id, oldest first, through continue-as-new."""

import asyncio
import time
from dataclasses import dataclass

from temporalio.api.history.v1 import HistoryEvent
from temporalio.client import Client

QUIET_SECONDS = 1.0
QUIET_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Run:
    run_id: str
    events: list[HistoryEvent]

    @property
    def bytes(self) -> int:
        return sum(len(e.SerializeToString()) for e in self.events)


async def runs(client: Client, workflow_id: str) -> list[Run]:
    """From the latest run back along each run's `continued_execution_run_id` to the first."""
    chain: list[Run] = []
    run_id = (await client.get_workflow_handle(workflow_id).describe()).run_id
    while True:
        history = await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()
        chain.append(Run(run_id, list(history.events)))
        run_id = history.events[0].workflow_execution_started_event_attributes.continued_execution_run_id
        if not run_id:
            return chain[::-1]


async def quiet(client: Client, workflow_id: str) -> list[Run]:
    """The runs once no event has been added for a second: the last workflow task of a turn is written after
    the reply the bench waits for."""
    deadline = time.monotonic() + QUIET_TIMEOUT_SECONDS
    seen = await runs(client, workflow_id)
    while time.monotonic() < deadline:
        await asyncio.sleep(QUIET_SECONDS)
        now = await runs(client, workflow_id)
        if [(r.run_id, len(r.events)) for r in now] == [(r.run_id, len(r.events)) for r in seen]:
            return now
        seen = now
    raise TimeoutError(f"{workflow_id} still writing history after {QUIET_TIMEOUT_SECONDS:.0f} s")
