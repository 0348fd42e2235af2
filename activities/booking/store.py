"""The appointment rows a booking owns: hold (never twice the same slot), confirm, release, complete."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from uuid import UUID

import psycopg.errors
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col
from temporalio import activity

from models import Appointment, AppointmentService, Customer
from models.enums import AppointmentStatus, PaymentStatus
from models.queries import business_id

# Appointment ids derive from (booking, hold number, item): a retried hold finds its own rows.
APPOINTMENT_NAMESPACE = uuid.UUID("6f1c9a52-3d0e-4c59-9a43-6b1f0e2b7c11")
# PostgreSQL raises these when a concurrent hold won the slot (RECIPES §9: deadlocks count as taken).
SLOT_TAKEN_ERRORS = (psycopg.errors.ExclusionViolation, psycopg.errors.DeadlockDetected)


def appointment_id(booking_id: str, hold_number: int, item_index: int) -> uuid.UUID:
    return uuid.uuid5(APPOINTMENT_NAMESPACE, f"{booking_id}:{hold_number}:{item_index}")


@dataclass
class BookingItem:
    """One appointment of the booking: who is served, by whom, with what."""

    customer_id: UUID
    staff_id: UUID
    staff_name: str
    service_ids: list[UUID]
    service_names: list[str]
    price: Decimal
    duration_minutes: int
    pack_id: UUID | None = None
    # Part of the deposit base; a free consultation is not.
    needs_deposit: bool = True


@dataclass
class HoldInput:
    booking_id: str
    business: str
    booked_by_id: uuid.UUID
    start: datetime
    items: list[BookingItem]
    deposits: list[Decimal]
    hold_number: int
    workflow_id: str


@dataclass
class HoldResult:
    held: bool
    appointment_ids: list[uuid.UUID]


@dataclass
class MoveInput:
    appointment_ids: list[uuid.UUID]
    start: datetime
    # One per appointment, in order.
    staff_ids: list[uuid.UUID]
    durations_minutes: list[int]


@dataclass
class UpdateAppointmentsInput:
    appointment_ids: list[uuid.UUID]
    # Only rows still in one of these states change, so a replayed or late call is harmless.
    only_from: list[AppointmentStatus]
    status: AppointmentStatus | None = None
    payment_status: PaymentStatus | None = None
    payment_reference: str | None = None
    payment_retries: int | None = None
    reminded_at: datetime | None = None
    attendance_confirmed_at: datetime | None = None


@dataclass
class UpdateAppointmentsResult:
    changed: list[uuid.UUID]


class BookingStore:
    """Every write to the appointment table goes through here, guarded by the exclusion constraint."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    @activity.defn
    async def hold_appointments(self, input: HoldInput) -> HoldResult:
        """Insert the provisional rows in one transaction, or none of them if any slot is taken."""
        ids = [appointment_id(input.booking_id, input.hold_number, i) for i in range(len(input.items))]
        try:
            async with self._sessions.begin() as session:
                await _lock_staff(session, sorted({item.staff_id for item in input.items}))
                existing = await session.execute(select(func.count()).where(col(Appointment.id).in_(ids)))
                if existing.scalar_one() == len(ids):
                    return HoldResult(held=True, appointment_ids=ids)  # a retry after the commit
                business = await business_id(session, slug=input.business)
                for row_id, item, deposit in zip(ids, input.items, input.deposits, strict=True):
                    session.add(_provisional_row(row_id, business, input, item, deposit))
                    await session.flush()
                    session.add_all(AppointmentService(appointment_id=row_id, service_id=s) for s in item.service_ids)
        except DBAPIError as exc:
            if isinstance(exc.orig, SLOT_TAKEN_ERRORS):
                return HoldResult(held=False, appointment_ids=[])
            raise
        return HoldResult(held=True, appointment_ids=ids)

    @activity.defn
    async def move_appointments(self, input: MoveInput) -> HoldResult:
        """Move live rows to a new time in one statement each: the exclusion constraint checks the new
        range before the old one is let go, so a taken slot leaves the booking exactly as it was."""
        try:
            async with self._sessions.begin() as session:
                await _lock_staff(session, sorted(set(input.staff_ids)))
                for row_id, staff_id, minutes in zip(
                    input.appointment_ids, input.staff_ids, input.durations_minutes, strict=True
                ):
                    await session.execute(
                        update(Appointment)
                        .where(col(Appointment.id) == row_id)
                        .values(
                            staff_id=staff_id,
                            start_at=input.start,
                            end_at=input.start + timedelta(minutes=minutes),
                            # A new time is neither reminded nor confirmed yet.
                            reminded_at=None,
                            attendance_confirmed_at=None,
                            updated_at=func.now(),
                        )
                    )
        except DBAPIError as exc:
            if isinstance(exc.orig, SLOT_TAKEN_ERRORS):
                return HoldResult(held=False, appointment_ids=input.appointment_ids)
            raise
        return HoldResult(held=True, appointment_ids=input.appointment_ids)

    @activity.defn
    async def update_appointments(self, input: UpdateAppointmentsInput) -> UpdateAppointmentsResult:
        """Move the booking's rows to a new state; returns the rows that actually changed."""
        values: dict[str, object] = {"updated_at": func.now()}
        for name in (
            "status",
            "payment_status",
            "payment_reference",
            "payment_retries",
            "reminded_at",
            "attendance_confirmed_at",
        ):
            if getattr(input, name) is not None:
                values[name] = getattr(input, name)
        async with self._sessions.begin() as session:
            result = await session.execute(
                update(Appointment)
                .where(col(Appointment.id).in_(input.appointment_ids), col(Appointment.status).in_(input.only_from))
                .values(**values)
                .returning(col(Appointment.id))
            )
            changed = list(result.scalars())
        return UpdateAppointmentsResult(changed=changed)

    @activity.defn
    async def confirm_appointments(self, input: UpdateAppointmentsInput) -> UpdateAppointmentsResult:
        """Confirm the provisional rows and add their price and date to each customer's history, once."""
        async with self._sessions.begin() as session:
            result = await session.execute(
                update(Appointment)
                .where(
                    col(Appointment.id).in_(input.appointment_ids),
                    col(Appointment.status).in_(input.only_from),
                )
                .values(
                    status=AppointmentStatus.CONFIRMED,
                    payment_status=input.payment_status or PaymentStatus.PAID,
                    payment_reference=input.payment_reference,
                    updated_at=func.now(),
                )
                .returning(col(Appointment.id), col(Appointment.customer_id), col(Appointment.total_price))
            )
            confirmed = result.all()
            for _, customer_id, price in confirmed:
                await session.execute(
                    update(Customer)
                    .where(col(Customer.id) == customer_id)
                    .values(total_spent=col(Customer.total_spent) + price, last_visit_at=func.now())
                )
        return UpdateAppointmentsResult(changed=[row[0] for row in confirmed])


async def _lock_staff(session: AsyncSession, staff_ids: list[uuid.UUID]) -> None:
    """Serialise holds per staff member (sorted, so two group holds cannot deadlock each other)."""
    for staff_id in staff_ids:
        await session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": str(staff_id)})


def _provisional_row(
    row_id: uuid.UUID, business: uuid.UUID, input: HoldInput, item: BookingItem, deposit: Decimal
) -> Appointment:
    return Appointment(
        id=row_id,
        business_id=business,
        customer_id=item.customer_id,
        booked_by_id=input.booked_by_id,
        staff_id=item.staff_id,
        pack_id=item.pack_id,
        start_at=input.start,
        end_at=input.start + timedelta(minutes=item.duration_minutes),
        total_price=item.price,
        deposit_amount=deposit,
        status=AppointmentStatus.PROVISIONAL,
        payment_status=PaymentStatus.PENDING if deposit > 0 else PaymentStatus.NOT_REQUIRED,
        workflow_id=input.workflow_id,
        group_id=uuid.uuid5(APPOINTMENT_NAMESPACE, input.booking_id) if len(input.items) > 1 else None,
    )
