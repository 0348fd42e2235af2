"""Rows for the agenda and dashboard tests: the demo salon (business A) with its own stylist and customers, and
business B beside it, whose rows must never show or count on A's pages."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from models import Appointment, Business, Customer, StaffMember
from models.enums import AppointmentStatus, PaymentStatus
from models.queries import get_business
from tests.factories import appointment, make_business, make_customer, make_staff

MADRID = ZoneInfo("Europe/Madrid")


@dataclass
class Salons:
    salon: Business
    stylist: StaffMember
    customer: Customer
    other: Business
    other_stylist: StaffMember
    other_customer: Customer


async def two_salons(session: AsyncSession) -> Salons:
    salon = await get_business(session, slug="atrevete")
    other = await make_business(session, slug="bella")
    other_customer = await make_customer(session, other, phone="+34611000009")
    other_customer.first_name = "Berta"
    return Salons(
        salon,
        await make_staff(session, salon, name="Rocío"),
        await make_customer(session, salon, phone="+34611000001"),
        other,
        await make_staff(session, other, name="Bea"),
        other_customer,
    )


def booked(
    customer: Customer,
    staff: StaffMember,
    start: datetime,
    status: AppointmentStatus = AppointmentStatus.CONFIRMED,
    payment: PaymentStatus = PaymentStatus.PAID,
    deposit: str = "10.00",
) -> Appointment:
    row = appointment(customer=customer, staff=staff, start=start, status=status)
    row.payment_status, row.deposit_amount = payment, Decimal(deposit)
    return row


def madrid(*args: int) -> datetime:
    return datetime(*args, tzinfo=MADRID)  # type: ignore[misc]
