"""Faults inside our own activities, where the HTTP fakes cannot reach: the real activity runs against the real
database, and then its completion is lost (the worker died after the commit), or it outlasts its timeout (a
slow commit), or it is refused for good (a database that says no)."""

import asyncio
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from temporalio import activity
from temporalio.exceptions import ApplicationError
from temporalio.worker import ActivityInboundInterceptor, ExecuteActivityInput, Interceptor


class Cut(Enum):
    # Committed, then the completion never reaches the server.
    LOST = "lost"
    # Committed, then slower than the activity's start-to-close timeout.
    SLOW = "slow"
    # Refused for good without running: a non-retryable error, as a database that refuses the data.
    REFUSED = "refused"


@dataclass
class ActivityCuts(Interceptor):
    """Cuts the first attempt of each armed activity type once (REFUSED: every attempt)."""

    armed: dict[str, Cut] = field(default_factory=dict)
    cut: list[str] = field(default_factory=list)
    slow_seconds: float = 11.0

    def arm(self, activity_type: str, how: Cut) -> None:
        self.armed[activity_type] = how

    def intercept_activity(self, next: ActivityInboundInterceptor) -> ActivityInboundInterceptor:
        return _Cutting(next, self)


class _Cutting(ActivityInboundInterceptor):
    def __init__(self, next: ActivityInboundInterceptor, cuts: ActivityCuts) -> None:
        super().__init__(next)
        self._cuts = cuts

    async def execute_activity(self, input: ExecuteActivityInput) -> Any:
        info = activity.info()
        how = self._cuts.armed.get(info.activity_type)
        if how is Cut.REFUSED:
            self._cuts.cut.append(info.activity_type)
            raise ApplicationError("the database refused it", type="Refused", non_retryable=True)
        result = await super().execute_activity(input)
        if how is not None and info.attempt == 1:
            self._cuts.cut.append(info.activity_type)
            if how is Cut.LOST:
                raise RuntimeError("worker gone after the commit")
            await asyncio.sleep(self._cuts.slow_seconds)
        return result
