"""What the agenda shows: each stylist's appointments of some days of the business, on its clock and in its
words. A hold that expired unpaid was never a booking and is left out; a cancelled one is kept (greyed)."""

import uuid
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, or_, select

from models import Appointment, Business, StaffMember
from models.enums import AppointmentStatus, PaymentStatus
from models.pricing import euros
from webhooks.admin.appointment_facts import appointment_facts
from webhooks.admin.local_days import days_span
from webhooks.admin.words import label


@dataclass(frozen=True)
class AgendaEntry:
    id: uuid.UUID
    day: date
    start: str
    end: str
    # Minutes from the local midnight and length: where the day view places it.
    minute: int
    length: int
    customer: str
    services: str
    status: str
    cancelled: bool
    deposit: str
    workflow_id: str
    # The customer's answer to the reminder's "¿Vienes?", in words ("" before any reminder asked).
    attendance: str = ""


@dataclass
class StaffAgenda:
    name: str
    entries: list[AgendaEntry] = field(default_factory=list)

    def on(self, day: date) -> list[AgendaEntry]:
        return [entry for entry in self.entries if entry.day == day]


async def appointments_on(session: AsyncSession, business: Business, first: date, last: date) -> list[Appointment]:
    """The business's appointments starting on first..last (its own days), by time; a hold that expired unpaid
    was never a booking."""
    start, end = days_span(first, last, ZoneInfo(business.timezone))
    found = await session.execute(
        select(Appointment)
        .where(
            Appointment.business_id == business.id,
            col(Appointment.start_at) >= start,
            col(Appointment.start_at) < end,
            Appointment.status != AppointmentStatus.EXPIRED,
        )
        .order_by(col(Appointment.start_at))
    )
    return list(found.scalars())


async def staff_agendas(session: AsyncSession, business: Business, first: date, last: date) -> list[StaffAgenda]:
    """One agenda per active stylist (and per former one who still has appointments in these days), by name,
    each with its appointments of first..last in time order."""
    zone = ZoneInfo(business.timezone)
    appointments = await appointments_on(session, business, first, last)
    staff = await session.execute(
        select(StaffMember.id, StaffMember.name)
        .where(
            StaffMember.business_id == business.id,
            or_(col(StaffMember.active), col(StaffMember.id).in_({a.staff_id for a in appointments})),
        )
        .order_by(col(StaffMember.name))
    )
    agendas = {staff_id: StaffAgenda(name) for staff_id, name in staff}
    facts = await appointment_facts(session, appointments)
    for a in appointments:
        local_start, local_end = a.start_at.astimezone(zone), a.end_at.astimezone(zone)
        agendas[a.staff_id].entries.append(
            AgendaEntry(
                id=a.id,
                day=local_start.date(),
                start=f"{local_start:%H:%M}",
                end=f"{local_end:%H:%M}",
                minute=local_start.hour * 60 + local_start.minute,
                length=int((a.end_at - a.start_at).total_seconds() // 60),
                customer=facts[a.id].customer,
                services=facts[a.id].services,
                status=label(a.status),
                cancelled=a.status == AppointmentStatus.CANCELLED,
                deposit=_deposit(a),
                workflow_id=a.workflow_id,
                attendance=_attendance(a),
            )
        )
    return list(agendas.values())


def _attendance(appointment: Appointment) -> str:
    if appointment.attendance_confirmed_at is not None:
        return "✓ ha confirmado que viene"
    if appointment.reminded_at is not None and appointment.status == AppointmentStatus.CONFIRMED:
        return "sin confirmar tras el recordatorio"
    return ""


def _deposit(appointment: Appointment) -> str:
    """'10,00 € · pagado'; 'sin anticipo' when none was asked."""
    if appointment.payment_status == PaymentStatus.NOT_REQUIRED:
        return label(appointment.payment_status)
    return f"{euros(appointment.deposit_amount)} · {label(appointment.payment_status)}"
