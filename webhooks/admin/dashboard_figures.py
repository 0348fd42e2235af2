"""The owner's figures of a period, counted in the database for the logged-in business only, by the business's
days (a day is local midnight to local midnight, whatever the clock change)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Date, cast, distinct, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped
from sqlmodel import col

from models import Appointment, Business, Customer, Message
from models.enums import AppointmentStatus, Direction, PaymentStatus
from webhooks.admin.handover_facts import ALERT_MARK
from webhooks.admin.local_days import days_span

# A deposit Stripe took (whether kept, given back or being given back).
COLLECTED = (PaymentStatus.PAID, PaymentStatus.FORFEITED, PaymentStatus.REFUNDED, PaymentStatus.REFUND_PENDING)
# An appointment the customer was expected at, once its time came.
DUE = (AppointmentStatus.CONFIRMED, AppointmentStatus.COMPLETED, AppointmentStatus.NO_SHOW)


@dataclass
class Figures:
    """Per local day: appointments by status, due ones and no-shows, deposits collected and refunded, alerts to
    the team from conversations and from bookings; and for the whole period, who wrote and who of them booked."""

    by_status: Counter[tuple[date, AppointmentStatus]] = field(default_factory=Counter)
    due: Counter[date] = field(default_factory=Counter)
    no_shows: Counter[date] = field(default_factory=Counter)
    collected: dict[date, Decimal] = field(default_factory=dict)
    refunded: dict[date, Decimal] = field(default_factory=dict)
    alerts: Counter[tuple[date, bool]] = field(default_factory=Counter)
    wrote: int = 0
    booked: int = 0

    def no_show_rate(self) -> float | None:
        """No-shows over the appointments that were due in the period, or None when none was."""
        due = sum(self.due.values())
        return sum(self.no_shows.values()) / due if due else None


async def figures(session: AsyncSession, business: Business, first: date, last: date, now: datetime) -> Figures:
    found = Figures()
    await _appointments(session, business, first, last, now, found)
    await _alerts(session, business, first, last, found)
    found.wrote, found.booked = await _conversions(session, business, first, last)
    return found


def _local_day(business: Business, instant: Mapped[Any]) -> ColumnElement[date]:
    return cast(func.timezone(business.timezone, instant), Date)


async def _appointments(
    session: AsyncSession, business: Business, first: date, last: date, now: datetime, found: Figures
) -> None:
    """Appointments by the day they are for; a hold that expired unpaid was never a booking."""
    start, end = days_span(first, last, ZoneInfo(business.timezone))
    day = _local_day(business, col(Appointment.start_at))
    was_due = col(Appointment.start_at) <= now
    rows = await session.execute(
        select(
            day,
            col(Appointment.status),
            col(Appointment.payment_status),
            was_due,
            func.count(),
            func.sum(Appointment.deposit_amount),
        )
        .where(
            col(Appointment.business_id) == business.id,
            col(Appointment.start_at) >= start,
            col(Appointment.start_at) < end,
            col(Appointment.status) != AppointmentStatus.EXPIRED,
        )
        .group_by(day, col(Appointment.status), col(Appointment.payment_status), was_due)
    )
    for on, status, payment, due, count, deposits in rows:
        found.by_status[on, status] += count
        if due and status in DUE:
            found.due[on] += count
            found.no_shows[on] += count if status == AppointmentStatus.NO_SHOW else 0
        if payment in COLLECTED:
            found.collected[on] = found.collected.get(on, Decimal("0.00")) + deposits
        if payment == PaymentStatus.REFUNDED:
            found.refunded[on] = found.refunded.get(on, Decimal("0.00")) + deposits


async def _alerts(session: AsyncSession, business: Business, first: date, last: date, found: Figures) -> None:
    """The team's 🔔 alerts by day, from a conversation (a hand-over to a person, or a reply it could not
    deliver) or from a booking (deposits, refunds, payments): every alert is a message row, delivered or not."""
    start, end = days_span(first, last, ZoneInfo(business.timezone))
    day = _local_day(business, col(Message.created_at))
    from_conversation = col(Message.workflow_id).startswith("conversation:")
    rows = await session.execute(
        select(day, from_conversation, func.count())
        .where(
            col(Message.business_id) == business.id,
            col(Message.direction) == Direction.OUTBOUND,
            col(Message.body).startswith(ALERT_MARK),
            col(Message.created_at) >= start,
            col(Message.created_at) < end,
        )
        .group_by(day, from_conversation)
    )
    for on, conversation, count in rows:
        found.alerts[on, conversation] += count


async def _conversions(session: AsyncSession, business: Business, first: date, last: date) -> tuple[int, int]:
    """Customers who wrote in the period, and how many of them booked in it (for themselves or others)."""
    start, end = days_span(first, last, ZoneInfo(business.timezone))
    wrote = (
        select(col(Message.customer_phone))
        .where(
            col(Message.business_id) == business.id,
            col(Message.direction) == Direction.INBOUND,
            col(Message.created_at) >= start,
            col(Message.created_at) < end,
        )
        .distinct()
        .subquery()
    )
    booked = (
        select(col(Customer.phone))
        .join(
            Appointment,
            or_(col(Appointment.customer_id) == col(Customer.id), col(Appointment.booked_by_id) == col(Customer.id)),
        )
        .where(
            col(Customer.business_id) == business.id,
            col(Appointment.business_id) == business.id,
            col(Appointment.status) != AppointmentStatus.EXPIRED,
            col(Appointment.created_at) >= start,
            col(Appointment.created_at) < end,
        )
    )
    count = func.count(distinct(wrote.c.customer_phone))
    total = await session.scalar(select(count))
    converted = await session.scalar(select(count).where(wrote.c.customer_phone.in_(booked)))
    return total or 0, converted or 0
