"""Typed calls to activities by name, each with the options of the dependency it talks to.

Workflows call these instead of `workflow.execute_activity` directly, so timeouts and retries are chosen in
one place per dependency and every call carries a summary that reads well in the Temporal Web UI.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from temporalio import workflow
from temporalio.common import RetryPolicy

from workflows import options

T = TypeVar("T")


@dataclass(frozen=True)
class Dependency:
    start_to_close: timedelta
    schedule_to_close: timedelta
    retry: RetryPolicy
    # Only for activities that wait long and heartbeat meanwhile.
    heartbeat: timedelta | None = None


DATABASE = Dependency(options.DB_TIMEOUT, options.DB_SCHEDULE_TO_CLOSE, options.DB_RETRY)
MESSAGING = Dependency(options.SEND_TIMEOUT, options.SEND_SCHEDULE_TO_CLOSE, options.SEND_RETRY)
CALENDAR = Dependency(options.CALENDAR_TIMEOUT, options.CALENDAR_SCHEDULE_TO_CLOSE, options.CALENDAR_RETRY)
PAYMENTS = Dependency(options.PAYMENTS_TIMEOUT, options.PAYMENTS_SCHEDULE_TO_CLOSE, options.PAYMENTS_RETRY)
UNDERSTANDING = Dependency(options.UNDERSTAND_TIMEOUT, options.UNDERSTAND_SCHEDULE_TO_CLOSE, options.UNDERSTAND_RETRY)
BOOKING_REQUESTS = Dependency(
    options.BOOKING_REQUEST_TIMEOUT,
    options.BOOKING_REQUEST_SCHEDULE_TO_CLOSE,
    options.BOOKING_REQUEST_RETRY,
    options.BOOKING_REQUEST_HEARTBEAT,
)


async def call(dependency: Dependency, activity: str, arg: Any, result_type: type[T], summary: str) -> T:
    result: T = await workflow.execute_activity(
        activity,
        arg,
        result_type=result_type,
        start_to_close_timeout=dependency.start_to_close,
        schedule_to_close_timeout=dependency.schedule_to_close,
        retry_policy=dependency.retry,
        heartbeat_timeout=dependency.heartbeat,
        summary=summary,
    )
    return result
