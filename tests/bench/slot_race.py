"""5. Concurrent holds of one slot: in each round every contender starts a booking of the same free slot at
once; the advisory lock and the exclusion constraint must let exactly one hold it, the rest end `slot_taken`."""

import asyncio
import time

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import Appointment
from models.enums import AppointmentStatus
from tests.bench import database
from tests.bench.bookings import decided, start
from tests.bench.figures import Row
from tests.bench.progress import say
from tests.bench.rig import Bench, settle
from tests.bench.slots import Slot
from workflows.booking.types import BookingStatus

LIVE = [AppointmentStatus.PROVISIONAL, AppointmentStatus.CONFIRMED]
PROGRESS_EVERY = 10


async def run(bench: Bench, rounds: int, contenders: int) -> Row:
    await settle(bench.db)
    # The same people race every round, as regulars do for a popular slot.
    phones = bench.phones.take(contenders)
    customers = await database.add_customers(bench.db, phones)
    round_seconds: list[float] = []
    winners: list[int] = []
    rows: list[int] = []
    for number, slot in enumerate(bench.slots.take(rounds), 1):
        began = time.perf_counter()
        handles = await asyncio.gather(
            *(start(bench, phone=p, customer_id=c, slot=slot) for p, c in zip(phones, customers, strict=True))
        )
        outcomes = await asyncio.gather(*(decided(h.handle) for h in handles))
        round_seconds.append(time.perf_counter() - began)
        winners.append(sum(o != BookingStatus.SLOT_TAKEN for o in outcomes))
        rows.append(await _live_rows(bench, slot))
        if number % PROGRESS_EVERY == 0:
            say(f"  slot race: {number}/{rounds} rounds")
    exact = sum(w == 1 for w in winners)
    return Row.of(
        f"slot race, {contenders} holds of one slot (round time)",
        [s * 1000 for s in round_seconds],
        "ms",
        f"{exact}/{rounds} rounds with exactly 1 winner (winners min {min(winners)}, max {max(winners)}); "
        f"{sum(r == 1 for r in rows)}/{rounds} with exactly 1 live row",
        "exactly 1 winner every round",
        winners_per_round=winners,
        live_rows_per_round=rows,
    )


async def _live_rows(bench: Bench, slot: Slot) -> int:
    async with AsyncSession(bench.db) as session:
        query = select(func.count()).where(
            Appointment.staff_id == slot.staff_id,
            Appointment.start_at == slot.start,
            col(Appointment.status).in_(LIVE),
        )
        return int((await session.execute(query)).scalar_one())
