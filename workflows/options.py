"""Activity options per dependency, named once so every call site says what it talks to:
`attempt(BookingStore.hold_appointments, …, described(DATABASE, "…"))` (workflows/refusals.py)."""

from datetime import timedelta

from temporalio.common import RetryPolicy
from temporalio.workflow import ActivityConfig

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


def described(config: ActivityConfig, summary: str) -> ActivityConfig:
    """`config` plus the summary the Temporal Web UI shows for this call."""
    return {**config, "summary": summary}
