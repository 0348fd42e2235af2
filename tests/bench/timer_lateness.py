"""4. Timer lateness on the dev server: bookings whose payment reminder is due a minute after the link, each
TimerFired event's time minus its TimerStarted event's time plus the timer's duration."""

import asyncio

from temporalio.api.history.v1 import HistoryEvent
from temporalio.client import Client

from models.policies import PolicyKey
from tests.bench import database
from tests.bench.bookings import Opened, open_bookings
from tests.bench.figures import Row
from tests.bench.rig import BENCH_POLICIES, Bench, until

# The payment reminder's summary in workflows/booking/deposit.py.
REMINDER = "recordatorio de pago"
HOLD_MINUTES = 1
SHORT_HOLDS = {
    PolicyKey.HOLD_MINUTES: HOLD_MINUTES,
    PolicyKey.HOLD_MINUTES_SAME_DAY: HOLD_MINUTES,
    PolicyKey.HOLD_REMINDER_BEFORE_MINUTES: 0,
}
RELEASE_TIMEOUT_SECONDS = 600
HISTORY_FETCHES = 20


async def run(bench: Bench, bookings: int) -> Row:
    await database.set_policies(bench.db, SHORT_HOLDS)
    try:
        opened = await open_bookings(bench, bookings)
    finally:
        await database.set_policies(bench.db, BENCH_POLICIES)
    keys = [b.key("released") for b in opened]

    async def released() -> bool:
        return await database.outbound_count(bench.db, keys) == len(keys)

    # Reminded, then released at once (the reminder is due at expiry): every timer has fired by then.
    await until(released, RELEASE_TIMEOUT_SECONDS, "unpaid holds released", interval=1)
    gate = asyncio.Semaphore(HISTORY_FETCHES)
    measured = await asyncio.gather(*(_lateness(bench.client, b, gate) for b in opened))
    lateness = [ms for ms in measured if ms is not None]
    return Row.of(
        "timer lateness (payment reminder, dev server)",
        lateness,
        "ms",
        f"{bookings} holds of {HOLD_MINUTES} min, reminder due at expiry; {len(lateness)} timers fired",
        "p99 < 2 s",
    )


async def _lateness(client: Client, booking: Opened, gate: asyncio.Semaphore) -> float | None:
    async with gate:
        history = await booking.handle.fetch_history()
    started = {e.event_id: e for e in history.events if e.HasField("timer_started_event_attributes")}
    reminders = {i for i, e in started.items() if await _summary(client, e) == REMINDER}
    for event in history.events:
        if event.HasField("timer_fired_event_attributes"):
            origin = event.timer_fired_event_attributes.started_event_id
            if origin in reminders:
                timer = started[origin]
                duration = timer.timer_started_event_attributes.start_to_fire_timeout.ToTimedelta()
                return (event.event_time.ToDatetime() - timer.event_time.ToDatetime() - duration).total_seconds() * 1000
    return None


async def _summary(client: Client, event: HistoryEvent) -> str | None:
    """A timer's summary, decrypted (summaries are payloads like any other)."""
    if not event.user_metadata.HasField("summary"):
        return None
    [summary] = await client.data_converter.decode([event.user_metadata.summary], [str])
    return str(summary)
