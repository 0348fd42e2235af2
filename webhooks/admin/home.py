"""The page /admin opens on: the logged-in business's appointments today, on its own clock."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import Appointment, Business
from models.enums import AppointmentStatus
from webhooks.admin.appointment_facts import appointment_facts
from webhooks.admin.local_days import days_span
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
    today = now.astimezone(zone).date()
    midnight, next_midnight = days_span(today, today, zone)
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
