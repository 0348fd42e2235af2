"""How long a worker takes to replay a conversation's history before it can answer (a customer evicted from
the worker's cache): the project's Replayer, timed over a few replays."""

import time
from statistics import median

from temporalio.client import WorkflowHistory

from tests.bench.histories import Run
from tests.bench.rig import Bench
from tests.workflows.replaying import replayer

REPLAYS = 5


async def replay_ms(bench: Bench, workflow_id: str, run: Run) -> float:
    """The median of a few replays of `run`, in ms (the first warms imports and the sandbox, and is dropped)."""
    replaying = replayer()
    history = WorkflowHistory(workflow_id, run.events)
    seconds = []
    for _ in range(REPLAYS + 1):
        started = time.perf_counter()
        await replaying.replay_workflow(history)
        seconds.append(time.perf_counter() - started)
    return median(seconds[1:]) * 1000
