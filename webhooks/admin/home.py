"""The page /admin opens on: the logged-in business's appointments today, on its own clock."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import Appointment, Business
from models.enums import AppointmentStatus
from webhooks.admin.appointment_facts import appointment_facts
from webhooks.admin.words import label


@dataclass
class TodayRow:
    at: str
    customer: str
    services: str
    staff: str
    status: str


async def todays_appointments(session: AsyncSession, business: Business, now: datetime) -> list[TodayRow]:
    """Today's appointments in the business's day, by time; a hold that expired unpaid was never a booking."""
    zone = ZoneInfo(business.timezone)
    midnight = datetime.combine(now.astimezone(zone).date(), time(), zone)
    # The next local midnight: a day of a clock change is 23 or 25 hours long.
    next_midnight = datetime.combine(midnight.date() + timedelta(days=1), time(), zone)
    rows = (
        await session.execute(
            select(Appointment)
            .where(
                Appointment.business_id == business.id,
                col(Appointment.start_at) >= midnight,
                col(Appointment.start_at) < next_midnight,
                Appointment.status != AppointmentStatus.EXPIRED,
            )
            .order_by(col(Appointment.start_at))
        )
    ).scalars()
    appointments = list(rows)
    facts = await appointment_facts(session, appointments)
    return [
        TodayRow(
            f"{a.start_at.astimezone(zone):%H:%M}",
            facts[a.id].customer,
            facts[a.id].services,
            facts[a.id].staff,
            label(a.status),
        )
        for a in appointments
    ]
