"""`make bench`: start the real stack on temporary data, run every measurement, print one table and write the
same figures to test-output/bench.json. Sizes are flags; `--quick` is a small run for development; a size of
0 leaves a measurement out."""

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from tests.bench import (
    idle_bookings,
    payment_latency,
    pg_stats,
    reply_latency,
    slot_race,
    timer_lateness,
    turn_cost,
    webhook_load,
)
from tests.bench.figures import Row, run_header, table, write_json
from tests.bench.machine import OtherLoad
from tests.bench.progress import say
from tests.bench.rig import ENV, Bench, bench
from tests.live.stack import LiveStack, live_stack

OUTPUT = Path("test-output/bench.json")
Measurement = Callable[[], Awaitable[Row | list[Row]]]
FULL: dict[str, Any] = {
    "senders": [10, 30, 100],
    "messages": 10,
    "paced_rate": 100.0,
    "replies": 50,
    "payments": 50,
    "timers": 200,
    "race_rounds": 100,
    "race_contenders": 50,
    "idle": [1000, 10000],
    "idle_seconds": 60.0,
    "turns": 100,
    "idle_wait": 60.0,
}
QUICK: dict[str, Any] = {
    "senders": [5, 10],
    "messages": 3,
    "paced_rate": 20.0,
    "replies": 10,
    "payments": 10,
    "timers": 20,
    "race_rounds": 5,
    "race_contenders": 10,
    "idle": [100],
    "idle_seconds": 10.0,
    "turns": 30,
    "idle_wait": 30.0,
}


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip() and int(part) > 0]


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a run in a few minutes")
    parser.add_argument("--senders", type=_sizes, help="concurrent WhatsApp senders per run, e.g. 10,30,100")
    parser.add_argument("--messages", type=int, help="messages each sender sends")
    parser.add_argument("--paced-rate", type=float, help="msg/s of the paced run (as many senders as the most)")
    parser.add_argument("--replies", type=int, help="customers saying hola, one at a time")
    parser.add_argument("--payments", type=int, help="bookings paid through the Stripe webhook, one at a time")
    parser.add_argument("--timers", type=int, help="bookings whose payment reminder fires a minute out")
    parser.add_argument("--race-rounds", type=int, help="rounds of the slot race")
    parser.add_argument("--race-contenders", type=int, help="concurrent holds of the slot in each round")
    parser.add_argument("--idle", type=_sizes, help="open bookings left idling, e.g. 1000,10000")
    parser.add_argument("--idle-seconds", type=float, help="how long they idle while PostgreSQL is watched")
    parser.add_argument("--turns", type=int, help="turns of the one conversation whose Temporal cost is measured")
    parser.add_argument("--idle-wait", type=float, help="how long that conversation may take to shrink once quiet")
    options = parser.parse_args(argv)
    for key, value in (QUICK if options.quick else FULL).items():
        if getattr(options, key) is None:
            setattr(options, key, value)
    return options


async def _phase(name: str, measure: Measurement) -> list[Row]:
    """A measurement that fails is reported as such; the others still run."""
    say(name)
    try:
        result = await measure()
    except Exception as exc:
        task = asyncio.current_task()
        if task is not None and task.cancelling():  # Ctrl-C: the SDK turns it into its own errors; stop here
            raise
        say(f"{name} failed: {exc!r}")
        return [Row(name, figures=f"failed: {type(exc).__name__}: {exc}")]
    rows = result if isinstance(result, list) else [result]
    for row in rows:
        say(f"  {row.summary()}")
    return rows


def _plan(b: Bench, o: argparse.Namespace) -> list[tuple[str, Measurement]]:
    plan: list[tuple[str, Measurement]] = []
    if o.senders:
        plan.append(("webhook load", partial(webhook_load.run, b, o.senders, o.messages, o.paced_rate)))
    if o.replies:
        plan.append(("message → reply", partial(reply_latency.run, b, o.replies)))
    if o.payments:
        plan.append(("payment → confirmation", partial(payment_latency.run, b, o.payments)))
    if o.timers:
        plan.append(("timer lateness", partial(timer_lateness.run, b, o.timers)))
    if o.race_rounds and o.race_contenders:
        plan.append(("slot race", partial(slot_race.run, b, o.race_rounds, o.race_contenders)))
    if o.turns:
        plan.append(("turn cost", partial(turn_cost.run, b, o.turns, o.idle_wait)))
    # Last: they are measured on a restarted worker, and nothing else may run while they idle.
    plan += [(f"{n} idle bookings", partial(idle_bookings.run, b, n, o.idle_seconds)) for n in o.idle]
    return plan


async def measure(stack: LiveStack, api: str, o: argparse.Namespace, others: OtherLoad) -> list[Row]:
    slots = o.payments + o.timers + o.race_rounds + sum(o.idle) + idle_bookings.WARM_UP * len(o.idle)
    watching = asyncio.create_task(others.watch())
    try:
        async with bench(stack, api, slots) as b:
            rows = []
            for name, run in _plan(b, o):
                rows += await _phase(name, run)
            return rows
    finally:
        watching.cancel()


def main(argv: list[str]) -> int:
    options = parse(argv)
    started, clock = datetime.now().astimezone(), time.monotonic()
    say("starting the stack (embedded PostgreSQL with pg_stat_statements, Temporal dev server, worker, API)")
    with live_stack(ENV) as stack:
        pg_stats.enable(stack)
        stack.start_worker()
        api = stack.start_api()
        others = OtherLoad(stack.pgdata)
        rows = asyncio.run(measure(stack, api, options, others))
    header = run_header(started, time.monotonic() - clock, others.share)
    sys.stdout.write(table(rows, header))
    write_json(OUTPUT, rows, header, vars(options))
    say(f"written to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
