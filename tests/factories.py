"""Row builders for tests that need a few rows of their own rather than the demo salon."""

import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select

from models import Appointment, AppointmentService, Business, Closure, Customer, Service, StaffMember
from models.enums import AppointmentStatus, Category, PaymentStatus
from models.queries import get_business

MADRID = ZoneInfo("Europe/Madrid")


async def make_business(session: AsyncSession, *, slug: str | None = None) -> Business:
    business = Business(
        slug=slug or f"salon-{uuid.uuid4().hex[:8]}",
        name="Salón de prueba",
        assistant_name="Maite",
        timezone="Europe/Madrid",
        address="Calle Mayor 1, Madrid",
        maps_url="https://maps.example/salon",
        phone="+34910000000",
    )
    session.add(business)
    await session.flush()
    return business


async def make_staff(session: AsyncSession, business: Business, *, name: str) -> StaffMember:
    staff = StaffMember(
        business_id=business.id, name=name, category=Category.HAIRDRESSING, calendar_id=f"{name}@example.org"
    )
    session.add(staff)
    await session.flush()
    return staff


async def make_customer(session: AsyncSession, business: Business, *, phone: str) -> Customer:
    customer = Customer(business_id=business.id, phone=phone, first_name="Lucía")
    session.add(customer)
    await session.flush()
    return customer


def appointment(
    *,
    customer: Customer,
    staff: StaffMember,
    start: datetime,
    minutes: int = 60,
    status: AppointmentStatus = AppointmentStatus.PROVISIONAL,
) -> Appointment:
    return Appointment(
        business_id=customer.business_id,
        customer_id=customer.id,
        staff_id=staff.id,
        start_at=start,
        end_at=start + timedelta(minutes=minutes),
        total_price=Decimal("50.00"),
        deposit_amount=Decimal("10.00"),
        status=status,
        payment_status=PaymentStatus.PENDING,
        workflow_id=f"booking:{uuid.uuid4()}",
    )


async def confirmed_with_a_service(
    session: AsyncSession, business: Business, *, customer: Customer, staff: StaffMember, start: datetime
) -> tuple[Appointment, Service]:
    """A confirmed appointment for the business's first service, as a booking leaves it."""
    booked = appointment(customer=customer, staff=staff, start=start, status=AppointmentStatus.CONFIRMED)
    session.add(booked)
    await session.flush()
    service = (await session.execute(select(Service).where(Service.business_id == business.id))).scalars().first()
    assert service is not None, "the business has services"
    session.add(AppointmentService(appointment_id=booked.id, service_id=service.id))
    return booked, service


async def only_harol_free_at_noon(db: AsyncEngine, day_start: datetime) -> None:
    """The other stylists off that day, Harol busy all day but 12:00–13:00 (which a booking then takes)."""
    async with AsyncSession(db) as session, session.begin():
        business = await get_business(session, slug="atrevete")
        staff = {s.name: s for s in (await session.execute(select(StaffMember))).scalars()}
        for name in ("Pilar", "Marta", "Víctor"):
            day = day_start.date()
            session.add(
                Closure(
                    business_id=business.id, staff_id=staff[name].id, start_date=day, end_date=day, reason="Formación"
                )
            )
        walk_in = Customer(business_id=business.id, phone="+34699111222", first_name="Nieves")
        session.add(walk_in)
        await session.flush()
        harol = staff["Harol"]
        for start, minutes in ((time(10), 120), (time(13), 420)):
            at = datetime.combine(day_start.date(), start, MADRID)
            session.add(
                appointment(
                    customer=walk_in, staff=harol, start=at, minutes=minutes, status=AppointmentStatus.CONFIRMED
                )
            )
