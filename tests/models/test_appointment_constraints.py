"""PostgreSQL itself refuses a double booking; the application cannot get it wrong."""

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import psycopg.errors
import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import Customer, StaffMember
from models.enums import AppointmentStatus
from tests.factories import appointment, make_business, make_customer, make_staff

TEN = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@dataclass
class Salon:
    pilar: StaffMember
    harol: StaffMember
    ana: Customer
    bea: Customer


@pytest.fixture
async def salon(db: AsyncEngine) -> Salon:
    async with AsyncSession(db, expire_on_commit=False) as session, session.begin():
        business = await make_business(session)
        return Salon(
            pilar=await make_staff(session, business, name="Pilar"),
            harol=await make_staff(session, business, name="Harol"),
            ana=await make_customer(session, business, phone="+34600000001"),
            bea=await make_customer(session, business, phone="+34600000002"),
        )


async def _insert(db: AsyncEngine, *rows: object) -> None:
    async with AsyncSession(db, expire_on_commit=False) as session, session.begin():
        session.add_all(rows)


async def test_overlapping_provisional_hold_for_same_staff_is_rejected(db: AsyncEngine, salon: Salon) -> None:
    await _insert(db, appointment(customer=salon.ana, staff=salon.pilar, start=TEN, minutes=60))
    with pytest.raises(IntegrityError) as caught:
        await _insert(db, appointment(customer=salon.bea, staff=salon.pilar, start=TEN.replace(minute=30), minutes=60))
    assert isinstance(caught.value.orig, psycopg.errors.ExclusionViolation)
    assert caught.value.orig.diag.constraint_name == "no_double_booking"


async def test_overlap_with_confirmed_appointment_is_rejected(db: AsyncEngine, salon: Salon) -> None:
    await _insert(db, appointment(customer=salon.ana, staff=salon.pilar, start=TEN, status=AppointmentStatus.CONFIRMED))
    with pytest.raises(IntegrityError):
        await _insert(db, appointment(customer=salon.bea, staff=salon.pilar, start=TEN, minutes=30))


async def test_adjacent_slot_other_staff_and_released_rows_are_allowed(db: AsyncEngine, salon: Salon) -> None:
    await _insert(db, appointment(customer=salon.ana, staff=salon.pilar, start=TEN, minutes=60))
    await _insert(
        db,
        # Ranges are half-open [start, end): 11:00 starts exactly when the 10:00 hour ends.
        appointment(customer=salon.bea, staff=salon.pilar, start=TEN.replace(hour=11), minutes=60),
        appointment(customer=salon.bea, staff=salon.harol, start=TEN, minutes=60),
        appointment(customer=salon.bea, staff=salon.pilar, start=TEN, status=AppointmentStatus.CANCELLED),
        appointment(customer=salon.bea, staff=salon.pilar, start=TEN, status=AppointmentStatus.EXPIRED),
    )


async def test_reviving_a_cancelled_overlap_is_rejected(db: AsyncEngine, salon: Salon) -> None:
    held = appointment(customer=salon.ana, staff=salon.pilar, start=TEN)
    cancelled = appointment(customer=salon.bea, staff=salon.pilar, start=TEN, status=AppointmentStatus.CANCELLED)
    await _insert(db, held, cancelled)
    async with AsyncSession(db) as session:
        row = await session.get(type(cancelled), cancelled.id)
        assert row is not None
        row.status = AppointmentStatus.CONFIRMED
        with pytest.raises(IntegrityError):
            await session.commit()


@pytest.mark.parametrize(
    ("field", "value"),
    [("end_at", TEN), ("total_price", Decimal("-1.00")), ("deposit_amount", Decimal("60.00"))],
)
async def test_check_constraints_reject_impossible_appointments(
    db: AsyncEngine, salon: Salon, field: str, value: object
) -> None:
    row = appointment(customer=salon.ana, staff=salon.pilar, start=TEN)
    setattr(row, field, value)
    with pytest.raises(IntegrityError) as caught:
        await _insert(db, row)
    assert isinstance(caught.value.orig, psycopg.errors.CheckViolation)


async def test_customer_phone_is_unique_per_business_and_e164(db: AsyncEngine, salon: Salon) -> None:
    with pytest.raises(IntegrityError):
        await _insert(db, Customer(business_id=salon.ana.business_id, phone=salon.ana.phone))
    with pytest.raises(IntegrityError):
        await _insert(db, Customer(business_id=salon.ana.business_id, phone="600 000 003"))
