"""Holds against real PostgreSQL: one winner per slot under contention, all-or-nothing groups, safe retries."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from activities.booking.store import BookingItem, BookingStore, HoldInput
from models import Appointment
from models.runtime.db import create_engine, session_factory
from tests.workflows.bookings import customer, item

ROUNDS = 20
CONTENDERS = 50


@pytest.fixture
async def store(db: AsyncEngine, database_url: str) -> AsyncIterator[BookingStore]:
    """A pool as wide as the contenders, so all 50 transactions really run at once."""
    engine = create_engine(database_url, pool_size=CONTENDERS)
    yield BookingStore(session_factory(engine))
    await engine.dispose()


def _hold(items: list[BookingItem], start: datetime, booking_id: str | None = None, hold_number: int = 1) -> HoldInput:
    booking_id = booking_id or str(uuid.uuid4())
    return HoldInput(
        booking_id=booking_id,
        business="atrevete",
        booked_by_id=items[0].customer_id,
        start=start,
        items=items,
        deposits=[i.price / 5 for i in items],
        hold_number=hold_number,
        workflow_id=f"booking:{booking_id}",
    )


async def _rows(db: AsyncEngine) -> int:
    async with AsyncSession(db) as session:
        return (await session.execute(select(func.count()).select_from(Appointment))).scalar_one()


async def test_fifty_concurrent_holds_of_one_slot_have_exactly_one_winner(db: AsyncEngine, store: BookingStore) -> None:
    who = await customer(db, "+34611222333")
    corte = await item(db, who, service="Corte", staff="Pilar")
    base = datetime(2027, 1, 11, 9, tzinfo=UTC)
    winners_per_round = []
    for round_number in range(ROUNDS):
        start = base + timedelta(hours=round_number)
        results = await asyncio.gather(*(store.hold_appointments(_hold([corte], start)) for _ in range(CONTENDERS)))
        winners_per_round.append(sum(r.held for r in results))
    assert winners_per_round == [1] * ROUNDS
    assert await _rows(db) == ROUNDS


async def test_group_hold_is_all_or_nothing(db: AsyncEngine, store: BookingStore) -> None:
    who = await customer(db, "+34611222333")
    start = datetime(2027, 1, 12, 10, tzinfo=UTC)
    assert (await store.hold_appointments(_hold([await item(db, who, service="Corte", staff="Harol")], start))).held
    group = [await item(db, who, service="Corte", staff="Pilar"), await item(db, who, service="Corte", staff="Harol")]
    result = await store.hold_appointments(_hold(group, start))
    assert (result.held, result.appointment_ids) == (False, [])
    assert await _rows(db) == 1  # Pilar's row was rolled back with Harol's conflict


async def test_retried_hold_finds_its_own_rows(db: AsyncEngine, store: BookingStore) -> None:
    who = await customer(db, "+34611222333")
    hold = _hold([await item(db, who, service="Mechas", staff="Víctor")], datetime(2027, 1, 13, 10, tzinfo=UTC))
    first = await store.hold_appointments(hold)
    again = await store.hold_appointments(hold)
    assert first.held and again.held and first.appointment_ids == again.appointment_ids
    assert await _rows(db) == 1
