"""Each stylist's own time for the slot search, read from the database: their working hours per weekday, their
time off, and their appointments with the buffer that follows each one."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from uuid import UUID

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from activities.booking.slot_search import Interval
from models import Appointment, AppointmentService, Service, StaffHours, StaffTimeOff
from models.enums import BLOCKING_STATUSES


@dataclass
class StaffTime:
    # staff id -> weekday -> working intervals; a stylist missing here works the business's hours.
    hours: dict[UUID, dict[int, tuple[tuple[time, time], ...]]] = field(default_factory=dict)
    # staff id -> appointments (each followed by its buffer) and time off.
    busy: dict[UUID, list[Interval]] = field(default_factory=dict)


async def staff_time(session: AsyncSession, staff_ids: list[UUID], window: tuple[datetime, datetime]) -> StaffTime:
    found = StaffTime()
    hours: dict[UUID, dict[int, list[tuple[time, time]]]] = {}
    for row in (await session.execute(select(StaffHours).where(col(StaffHours.staff_id).in_(staff_ids)))).scalars():
        hours.setdefault(row.staff_id, {}).setdefault(row.weekday, []).append((row.starts_at, row.ends_at))
    found.hours = {staff: {d: tuple(sorted(v)) for d, v in days.items()} for staff, days in hours.items()}
    for staff_id, start, end, buffer in await _booked(session, staff_ids, window):
        found.busy.setdefault(staff_id, []).append(Interval(start, end + timedelta(minutes=buffer)))
    away = select(StaffTimeOff).where(
        col(StaffTimeOff.staff_id).in_(staff_ids), StaffTimeOff.starts_at < window[1], StaffTimeOff.ends_at > window[0]
    )
    for off in (await session.execute(away)).scalars():
        found.busy.setdefault(off.staff_id, []).append(Interval(off.starts_at, off.ends_at))
    return found


async def _booked(
    session: AsyncSession, staff_ids: list[UUID], window: tuple[datetime, datetime]
) -> list[tuple[UUID, datetime, datetime, int]]:
    """(staff, start, end, buffer) of every appointment holding time in the window. An appointment of several
    services (a pack) is cleaned up once: its buffer is the longest of its services'."""
    buffer = func.coalesce(func.max(Service.buffer_minutes), 0)
    stmt = (
        select(Appointment.staff_id, Appointment.start_at, Appointment.end_at, buffer)
        .outerjoin(AppointmentService, col(AppointmentService.appointment_id) == Appointment.id)
        .outerjoin(Service, col(Service.id) == AppointmentService.service_id)
        .where(
            col(Appointment.staff_id).in_(staff_ids),
            col(Appointment.status).in_(BLOCKING_STATUSES),
            Appointment.start_at < window[1],
            Appointment.end_at > window[0],
        )
        .group_by(col(Appointment.id))
    )
    return [(staff, start, end, int(minutes)) for staff, start, end, minutes in await session.execute(stmt)]
