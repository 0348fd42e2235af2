"""The calendar port: what the booking workflow and the slot search ask of any calendar adapter."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from temporalio import activity


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


class CalendarPort(Protocol):
    """The activities every calendar adapter registers; workflows schedule them through these references. The
    slot search reads `busy_times` directly, inside its own activity."""

    @activity.defn(name="create_calendar_event")
    async def create_calendar_event(self, input: CalendarEventInput) -> CalendarEventRef: ...

    @activity.defn(name="update_calendar_event")
    async def update_calendar_event(self, input: CalendarEventInput) -> CalendarEventRef: ...

    @activity.defn(name="delete_calendar_event")
    async def delete_calendar_event(self, input: CalendarEventRef) -> CalendarEventRef: ...

    async def busy_times(self, input: BusyTimesInput) -> BusyTimes: ...
