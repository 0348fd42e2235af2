"""Activity options per dependency, named once so every call site says what it talks to:
`attempt(BookingStore.hold_appointments, …, described(DATABASE, "…"))` (workflows/refusals.py)."""

from datetime import timedelta
from typing import TypeVar

from temporalio.common import RetryPolicy
from temporalio.workflow import ActivityConfig, LocalActivityConfig

# Database activities are short; schedule_to_close bounds the retries so a dead database surfaces as a
# failed turn in the UI after a while instead of retrying for the SDK's default ten years (RECIPES §4).
DATABASE = ActivityConfig(
    start_to_close_timeout=timedelta(seconds=10),
    schedule_to_close_timeout=timedelta(minutes=10),
    retry_policy=RetryPolicy(
        initial_interval=timedelta(milliseconds=200),
        maximum_interval=timedelta(seconds=10),
        # A slug that names no business is configuration, not a transient fault: fail the activity at once.
        non_retryable_error_types=["UnknownBusinessError"],
    ),
)

# The same reads and small writes run as local activities inside the workflow task when they are part of a turn:
# no server round trip, no activity events, one marker. Backoffs past the threshold become durable timers.
LOCAL_DATABASE = LocalActivityConfig(
    start_to_close_timeout=DATABASE["start_to_close_timeout"],
    schedule_to_close_timeout=DATABASE["schedule_to_close_timeout"],
    retry_policy=DATABASE["retry_policy"],
    local_retry_threshold=timedelta(seconds=5),
)

# Customer-visible sends: retried on transient failures, capped so a broken channel never spams later.
MESSAGING = ActivityConfig(
    start_to_close_timeout=timedelta(seconds=15),
    schedule_to_close_timeout=timedelta(minutes=30),
    retry_policy=RetryPolicy(
        initial_interval=timedelta(seconds=1),
        maximum_interval=timedelta(seconds=30),
        maximum_attempts=20,
        non_retryable_error_types=["MessageRejected"],
    ),
)

# Calendar and payment providers answer in seconds; a 4xx is final (non-retryable), anything else retries
# with backoff for a while, long enough to ride out an outage of the provider.
CALENDAR = ActivityConfig(
    start_to_close_timeout=timedelta(seconds=20),
    schedule_to_close_timeout=timedelta(hours=1),
    retry_policy=RetryPolicy(
        initial_interval=timedelta(seconds=1),
        maximum_interval=timedelta(minutes=1),
        non_retryable_error_types=["CalendarRejected"],
    ),
)
PAYMENTS = ActivityConfig(
    start_to_close_timeout=timedelta(seconds=30),
    schedule_to_close_timeout=timedelta(hours=1),
    retry_policy=RetryPolicy(
        initial_interval=timedelta(seconds=1),
        maximum_interval=timedelta(minutes=1),
        non_retryable_error_types=["PaymentRejected"],
    ),
)

# Understanding: rules answer in milliseconds, Claude in seconds; a rejected prompt is final, overload retries.
UNDERSTANDING = ActivityConfig(
    start_to_close_timeout=timedelta(seconds=30),
    schedule_to_close_timeout=timedelta(minutes=5),
    retry_policy=RetryPolicy(
        initial_interval=timedelta(seconds=1),
        maximum_interval=timedelta(seconds=15),
        non_retryable_error_types=["PromptRejected", "UnknownBusinessError"],
    ),
)

# Requests to a booking workflow (start and wait for its hold, cancel, reschedule) wait for its own activities,
# which may be retrying a payment provider: give them as long as those. Those waits heartbeat, so a worker
# that dies while waiting is noticed in seconds, not after two minutes.
BOOKING_REQUESTS = ActivityConfig(
    start_to_close_timeout=timedelta(minutes=2),
    schedule_to_close_timeout=timedelta(hours=1),
    retry_policy=RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(seconds=30)),
    heartbeat_timeout=timedelta(seconds=10),
)


Config = TypeVar("Config", ActivityConfig, LocalActivityConfig)


def described(config: Config, summary: str) -> Config:
    """`config` plus the summary the Temporal Web UI shows for this call."""
    return {**config, "summary": summary}
