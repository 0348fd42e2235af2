"""Heartbeats for activities that wait on something else (a booking workflow's update) for a while."""

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

from temporalio import activity

T = TypeVar("T")
# Well under the heartbeat timeout the workflow sets (workflows/options.py), so one late beat is no failure.
BEAT_SECONDS = 2.0


async def while_heartbeating(waiting: Awaitable[T]) -> T:
    """Await `waiting`, heartbeating meanwhile: if this worker dies, the server retries the activity on
    another one within the heartbeat timeout instead of at the start-to-close timeout."""
    task = asyncio.ensure_future(waiting)
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=BEAT_SECONDS)
            if done:
                return task.result()
            activity.heartbeat()
    finally:
        task.cancel()
