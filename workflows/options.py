"""Activity options per dependency, named once so every call site says what it talks to."""

from datetime import timedelta

from temporalio.common import RetryPolicy

# Database activities are short; schedule_to_close bounds the retries so a dead database surfaces as a
# failed turn in the UI after a while instead of retrying for the SDK's default ten years (RECIPES §4).
DB_TIMEOUT = timedelta(seconds=10)
DB_SCHEDULE_TO_CLOSE = timedelta(minutes=10)
DB_RETRY = RetryPolicy(
    initial_interval=timedelta(milliseconds=200),
    maximum_interval=timedelta(seconds=10),
    # A slug that names no business is configuration, not a transient fault: fail the activity at once.
    non_retryable_error_types=["UnknownBusinessError"],
)

# Customer-visible sends: retried on transient failures, capped so a broken channel never spams later.
SEND_TIMEOUT = timedelta(seconds=15)
SEND_SCHEDULE_TO_CLOSE = timedelta(minutes=30)
SEND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(seconds=30),
    maximum_attempts=20,
    non_retryable_error_types=["MessageRejected"],
)

# Calendar and payment providers answer in seconds; a 4xx is final (non-retryable), anything else retries
# with backoff for a while, long enough to ride out an outage of the provider.
CALENDAR_TIMEOUT = timedelta(seconds=20)
CALENDAR_SCHEDULE_TO_CLOSE = timedelta(hours=1)
CALENDAR_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(minutes=1),
    non_retryable_error_types=["CalendarRejected"],
)
PAYMENTS_TIMEOUT = timedelta(seconds=30)
PAYMENTS_SCHEDULE_TO_CLOSE = timedelta(hours=1)
PAYMENTS_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(minutes=1),
    non_retryable_error_types=["PaymentRejected"],
)

# Understanding: rules answer in milliseconds, Claude in seconds; a rejected prompt is final, overload retries.
UNDERSTAND_TIMEOUT = timedelta(seconds=30)
UNDERSTAND_SCHEDULE_TO_CLOSE = timedelta(minutes=5)
UNDERSTAND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(seconds=15),
    non_retryable_error_types=["PromptRejected", "UnknownBusinessError"],
)

# Requests to a booking workflow (start and wait for its hold, cancel, reschedule) wait for its own activities,
# which may be retrying a payment provider: give them as long as those.
BOOKING_REQUEST_TIMEOUT = timedelta(minutes=2)
BOOKING_REQUEST_SCHEDULE_TO_CLOSE = timedelta(hours=1)
BOOKING_REQUEST_RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(seconds=30))
# Those waits heartbeat, so a worker that dies while waiting is noticed in seconds, not after two minutes.
BOOKING_REQUEST_HEARTBEAT = timedelta(seconds=10)
