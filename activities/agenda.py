"""Each staff member's appointments of the day, as the morning message they receive."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select
from temporalio import activity

from models import Appointment, Customer, Service, StaffMember
from models.appointment import AppointmentService
from models.enums import AppointmentStatus
from models.localtime import spoken_date
from models.queries import get_business


@dataclass
class DayAgendasInput:
    business: str
    # The workflow's clock: the schedule fires it at 08:00 local time.
    now: datetime


@dataclass
class StaffAgendaMessage:
    staff_id: UUID
    phone: str
    day: str
    text: str
    # The agenda template's variables: name, day, the appointments on one line (WhatsApp allows no newline).
    template_params: list[str] = field(default_factory=list)


@dataclass
class DayAgendas:
    messages: list[StaffAgendaMessage]


class AgendaBuilder:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    @activity.defn
    async def build_day_agendas(self, input: DayAgendasInput) -> DayAgendas:
        """One message per active staff member with a phone: today's confirmed appointments, in order."""
        async with self._sessions() as session:
            business = await get_business(session, slug=input.business)
            tz = ZoneInfo(business.timezone)
            day = input.now.astimezone(tz).date()
            start = datetime.combine(day, time(), tz)
            staff = (
                await session.execute(
                    select(StaffMember).where(StaffMember.business_id == business.id, col(StaffMember.active).is_(True))
                )
            ).scalars()
            rows = (
                await session.execute(
                    select(Appointment, Customer)
                    .join(Customer, col(Customer.id) == col(Appointment.customer_id))
                    .where(
                        Appointment.business_id == business.id,
                        Appointment.status == AppointmentStatus.CONFIRMED,
                        Appointment.start_at >= start,
                        Appointment.start_at < start + timedelta(days=1),
                    )
                    .order_by(col(Appointment.start_at))
                )
            ).all()
            names = await _service_names(session, [a.id for a, _ in rows])
            messages = []
            for person in staff:
                if not person.notify_phone:
                    continue
                lines = [
                    f"{a.start_at.astimezone(tz):%H:%M} {customer.first_name or customer.phone or ''}: "
                    f"{' + '.join(names.get(a.id, []))}"
                    for a, customer in rows
                    if a.staff_id == person.id
                ]
                body = "\n".join(f"• {line}" for line in lines) if lines else "No tienes citas hoy. ¡Buen día! 🌸"
                text = f"Buenos días, {person.name} ☀️ Tu agenda del {spoken_date(day)}:\n{body}"
                params = [person.name, spoken_date(day), " · ".join(lines) if lines else "no tienes citas"]
                messages.append(StaffAgendaMessage(person.id, person.notify_phone, day.isoformat(), text, params))
        return DayAgendas(messages)


async def _service_names(session: AsyncSession, appointment_ids: list[UUID]) -> dict[UUID, list[str]]:
    rows = await session.execute(
        select(AppointmentService.appointment_id, Service.name)
        .join(Service, col(Service.id) == col(AppointmentService.service_id))
        .where(col(AppointmentService.appointment_id).in_(appointment_ids))
        .order_by(col(Service.name))
    )
    names: dict[UUID, list[str]] = {}
    for appointment_id, name in rows:
        names.setdefault(appointment_id, []).append(name)
    return names
