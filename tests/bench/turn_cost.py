"""7. What a turn costs on Temporal: one customer's conversation of many turns over the WhatsApp webhook
(offline rules understanding), each reply waited for; its histories, all runs, cut into turns (events, bytes,
activities, workflow tasks, sequential hops, Cloud actions); the first booking paid and completed; the replay
of the longest run; the conversation left idle; and a month on Temporal Cloud from those figures."""

import asyncio
import time
from dataclasses import asdict
from datetime import datetime
from functools import partial

import httpx

from tests.bench import booking_cost, customer_script, database, histories, replay_time, turns
from tests.bench.cloud_actions import NOT_COUNTED, billed, total
from tests.bench.cloud_estimate import PRICES_READ, Assumptions, Measured, month
from tests.bench.figures import Row, judged
from tests.bench.histories import Run
from tests.bench.progress import say
from tests.bench.rig import WHATSAPP_APP_SECRET, Bench, restart, settle, until
from tests.bench.slots import ZONE
from tests.live import meta
from webhooks.channels.conversations import customer_conversation_id

# The conversation shrinks after this much quiet (a setting being added; today's code ignores it); the customer
# writes faster than a person (a turn every half second), above the per-sender limit of 60 a minute.
ENV = {"CONVERSATION_IDLE_AFTER": "5", "RATE_LIMIT_PER_SENDER": "1000"}
ANSWER_TIMEOUT_SECONDS = 30
PROGRESS_EVERY = 20
MAX_KB, MAX_EVENTS, MAX_ACTIONS, MAX_HOPS, MAX_IDLE_KB = 8, 15, 4, 2, 16


async def run(bench: Bench, count: int, idle_wait: float) -> list[Row]:
    """On a worker and API restarted with `ENV`, put back as they were afterwards."""
    await settle(bench.db)
    await asyncio.to_thread(restart, bench, **ENV)
    try:
        return await _measure(bench, count, idle_wait)
    finally:
        await asyncio.to_thread(restart, bench)


async def _measure(bench: Bench, count: int, idle_wait: float) -> list[Row]:
    phone = bench.phones.take(1)[0]
    workflow_id = customer_conversation_id(bench.stack.settings(), database.BUSINESS, phone)
    booking = await _converse(bench, phone, count)
    runs = await histories.quiet(bench.client, workflow_id)
    quiet_at = time.monotonic()
    costs = [turns.cost(t) for t in turns.split([r.events for r in runs])]
    late = turns.summarize(costs[count // 2 :])
    longest = max(runs, key=_turns_in)
    say(f"  replaying the run of {_turns_in(longest)} turns")
    replay_ms = await replay_time.replay_ms(bench, workflow_id, longest)
    answering = next(r for r in reversed(runs) if _turns_in(r))
    shrunk = await _shrunk(bench, workflow_id, {r.run_id for r in runs}, idle_wait - (time.monotonic() - quiet_at))
    measured = Measured(
        actions_per_turn=late.actions,
        replies_per_turn=late.replies,
        bytes_per_turn=late.bytes,
        actions_per_booking=total(billed(booking.events)),
        bytes_per_booking=booking.bytes,
        shrunk_bytes=shrunk.bytes if shrunk else None,
        shrink_actions=total(billed(shrunk.events)) if shrunk else 0,
    )
    return [
        *_turn_rows(costs, count),
        _booking_row("booking: hold → paid → confirmed → completed by staff (live)", booking),
        _booking_row("booking: paid → reminded → completed (recorded history)", booking_cost.recorded()),
        Row(
            f"replay of a {_turns_in(longest)}-turn conversation run",
            figures=f"{replay_ms:.0f} ms (median of {replay_time.REPLAYS}), "
            f"{replay_ms / max(_turns_in(longest), 1):.1f} ms per turn, {longest.bytes / 1024:.0f} KB of history",
            target="figure only",
            data={"replay_ms": replay_ms, "turns": _turns_in(longest), "history_bytes": longest.bytes},
        ),
        _idle_row(answering, shrunk, idle_wait),
        *_month_rows(measured),
    ]


async def _converse(bench: Bench, phone: str, count: int) -> Run:
    """Say each line, wait until its turn is answered; pay the first booking as soon as its link arrives."""
    booking: Run | None = None
    async with httpx.AsyncClient(base_url=bench.api, timeout=30) as http:
        for n, line in enumerate(customer_script.lines(count, datetime.now(ZONE).date()), 1):
            message_id = f"wamid.cost.{phone.lstrip('+')}.{n}"
            payload = meta.text_message(phone, line.text, message_id, name="Laura")
            body, headers = meta.signed(payload, WHATSAPP_APP_SECRET)
            (await http.post("/webhooks/whatsapp", content=body, headers=headers)).raise_for_status()
            await until(partial(database.answered, bench.db, message_id), ANSWER_TIMEOUT_SECONDS, f"turn {n}")
            if line.pays and booking is None:
                booking = await booking_cost.pay_and_complete(bench, http, phone)
            if n % PROGRESS_EVERY == 0:
                say(f"  {n}/{count} turns answered")
    if booking is None:
        raise RuntimeError("the conversation never reached the payment of its booking")
    return booking


def _turns_in(run: Run) -> int:
    return sum(1 for e in run.events if turns.is_customer_message(e))


async def _shrunk(bench: Bench, workflow_id: str, known: set[str], seconds: float) -> Run | None:
    """The run that replaced the quiet conversation's, once it has settled; None if none came in time."""
    deadline = time.monotonic() + max(seconds, 0)
    while time.monotonic() < deadline:
        runs = await histories.runs(bench.client, workflow_id)
        if runs[-1].run_id not in known:
            return (await histories.quiet(bench.client, workflow_id))[-1]
        await asyncio.sleep(1)
    return None


def _turn_rows(costs: list[turns.TurnCost], count: int) -> list[Row]:
    late = costs[count // 2 :]
    s = turns.summarize(late)
    which = f"turns {count // 2 + 1}-{len(costs)}"
    hops = [float(c.hops) for c in late if c.hops is not None]
    every = turns.summarize(costs)
    return [
        Row.of(
            f"history per turn ({which})",
            [c.bytes / 1024 for c in late],
            "KB",
            s.said(),
            judged(f"≤ {MAX_KB} KB and ≤ {MAX_EVENTS} events", s.bytes <= MAX_KB * 1024 and s.events <= MAX_EVENTS),
            summary=asdict(s),
        ),
        Row.of(
            f"Temporal Cloud actions per turn ({which})",
            [float(c.actions) for c in late],
            "",
            f"mean {s.actions:.2f}",
            judged(f"≤ {MAX_ACTIONS}", s.actions <= MAX_ACTIONS),
            notes=NOT_COUNTED,
        ),
        Row.of(
            f"sequential activity hops per turn ({which})",
            hops,
            "",
            f"mean {s.hops:.1f}" if s.hops is not None else "no replies",
            judged(f"≤ {MAX_HOPS}", s.hops is not None and s.hops <= MAX_HOPS),
        ),
        Row(f"turn cost, all {len(costs)} turns", figures=every.said(), data=asdict(every)),
    ]


def _booking_row(name: str, run: Run) -> Row:
    c = turns.cost(billed(run.events))
    return Row(
        name,
        figures=f"{c.events} events, {c.bytes / 1024:.1f} KB, {c.activities} activities, "
        f"{c.workflow_tasks} workflow tasks, {c.actions} actions",
        data=asdict(c),
    )


def _idle_row(answering: Run, shrunk: Run | None, waited: float) -> Row:
    before = f"before: {answering.bytes / 1024:.1f} KB, {len(answering.events)} events ({_turns_in(answering)} turns)"
    if shrunk is None:
        return Row(
            "idle customer: open history",
            figures=f"{before}; after {waited:.0f} s idle: not shrunk",
            target=judged(f"≤ {MAX_IDLE_KB} KB", answering.bytes <= MAX_IDLE_KB * 1024),
            data={"before_bytes": answering.bytes, "before_events": len(answering.events), "shrunk": False},
        )
    return Row(
        "idle customer: open history",
        figures=f"{before}; after: {shrunk.bytes / 1024:.1f} KB, {len(shrunk.events)} events",
        target=judged(f"≤ {MAX_IDLE_KB} KB", shrunk.bytes <= MAX_IDLE_KB * 1024),
        data={
            "before_bytes": answering.bytes,
            "before_events": len(answering.events),
            "shrunk": True,
            "after_bytes": shrunk.bytes,
            "after_events": len(shrunk.events),
        },
    )


def _month_rows(measured: Measured) -> list[Row]:
    assumptions = Assumptions()
    notes = f"{assumptions.said()}; prices of docs.temporal.io/cloud/pricing read {PRICES_READ}; {NOT_COUNTED}"
    rows = []
    for shrinking in (False, True):
        m = month(measured, assumptions, shrinking=shrinking)
        when = "after" if shrinking else "before"
        rows.append(
            Row(
                f"Temporal Cloud month, 1,000 conversations a day ({when} idle shrinking)",
                figures=m.said() + ("" if measured.shrunk_bytes is not None or not shrinking else " (not shrunk)"),
                target="figure only",
                data={**m.data(), "measured": asdict(measured), "assumptions": asdict(assumptions)},
                notes=notes if shrinking else "",
            )
        )
    return rows
