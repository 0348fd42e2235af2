"""Durable timers that can be cut short: the workflow's only way of waiting (never polling, never sleeping)."""

from collections.abc import Callable
from datetime import datetime, timedelta

from temporalio import workflow


async def sleep_until(when: datetime, wake: Callable[[], bool], summary: str) -> bool:
    """Wait until `when` (a timer named `summary` in the UI); True if `wake` became true first."""
    try:
        await workflow.wait_condition(wake, timeout=max(when - workflow.now(), timedelta(0)), timeout_summary=summary)
    except TimeoutError:
        return False
    return True
