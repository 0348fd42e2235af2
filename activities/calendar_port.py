"""The calendar port: what the booking workflow and the slot search ask of any calendar adapter."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass
class CalendarEventInput:
    # Chosen by us (derived from the appointment id), so a retried insert cannot create a second event.
    event_id: str
    staff_id: UUID
    start: datetime
    end: datetime
    summary: str
    description: str
    provisional: bool


@dataclass
class CalendarEventRef:
    event_id: str
    staff_id: UUID


@dataclass
class BusyTimesInput:
    business: str
    staff_ids: list[UUID]
    time_min: datetime
    time_max: datetime


@dataclass
class BusyInterval:
    staff_id: UUID
    start: datetime
    end: datetime


@dataclass
class BusyTimes:
    intervals: list[BusyInterval]
    # Whole days a staff member's calendar marks as closed (events named Festivo / Cerrado / Vacaciones).
    closed_days: dict[str, list[str]]


def event_id_for(appointment_id: UUID) -> str:
    """Google accepts ids of base32hex characters (a-v, 0-9), 5-1024 long: a UUID's hex fits."""
    return f"cf{appointment_id.hex}"
