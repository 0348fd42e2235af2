"""The page /admin opens on: the logged-in business's appointments today, on its own clock."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from models import Business
from webhooks.admin.agenda_entries import appointments_on
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
    today = now.astimezone(zone).date()
    appointments = await appointments_on(session, business, today, today)
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
