"""When the world says no: an activity that failed for good becomes a value the workflow compensates for.

Retryable failures are Temporal's to retry; what reaches the workflow is final (a non-retryable refusal, or
retries spent). Workflows never let it through: an ActivityError raised from a workflow fails it.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from temporalio import workflow
from temporalio.exceptions import ActivityError, ApplicationError, FailureError, TimeoutError
from temporalio.workflow import ActivityConfig, LocalActivityConfig

from workflows import metrics

A = TypeVar("A")
T = TypeVar("T")


@dataclass(frozen=True)
class Refusal:
    """What was refused and why, in words a person acting on it can use."""

    what: str
    reason: str


def reason_of(error: BaseException) -> str:
    """The provider's own words when there are some (the innermost cause), else the kind of failure."""
    cause: BaseException = error
    while cause.__cause__ is not None:
        cause = cause.__cause__
    if isinstance(cause, TimeoutError):
        return "sin respuesta a tiempo"
    if isinstance(cause, ApplicationError):
        return cause.message or cause.type or "error"
    return str(cause) or type(cause).__name__


async def attempt(activity: Callable[[Any, A], Awaitable[T]], arg: A, options: ActivityConfig) -> T | Refusal:
    """The activity's result, or a Refusal once it failed for good (counted and logged, never raised)."""
    try:
        return await workflow.execute_activity_method(activity, arg, **options)
    except ActivityError as error:
        return _refused(activity.__name__, error)


async def attempt_local(
    activity: Callable[[Any, A], Awaitable[T]], arg: A, options: LocalActivityConfig
) -> T | Refusal:
    """`attempt` for a local activity (run inside the workflow task, recorded as one marker). Its failure may
    arrive as the activity's own error, not wrapped in an ActivityError: any failure counts."""
    try:
        return await workflow.execute_local_activity_method(activity, arg, **options)
    except FailureError as error:
        return _refused(activity.__name__, error)


def _refused(what: str, error: FailureError) -> Refusal:
    refusal = Refusal(what, reason_of(error))
    workflow.logger.warning("%s failed for good: %s", what, refusal.reason)
    metrics.gave_up(what)
    return refusal
