"""Distinct customers and distinct free slots, handed out once each over the whole run."""

import math
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from models import StaffMember
from models.policies import PolicyKey
from models.seeding import demo_salon as demo
from tests.bench.database import demo_policy

ZONE = ZoneInfo(demo.TIMEZONE)
SLOT_MINUTES = demo_policy(PolicyKey.SLOT_MINUTES)
SEARCH_DAYS = demo_policy(PolicyKey.SEARCH_DAYS)
# Past tomorrow, so no booking is same-day and no appointment starts while the bench runs.
FIRST_DAY = 2


class Phones:
    """Valid Spanish mobiles (+346XXXXXXXX), never the same twice, never the seeded staff phones."""

    def __init__(self) -> None:
        self._next = 10_000_000

    def take(self, count: int) -> list[str]:
        first, self._next = self._next, self._next + count
        return [f"+346{n}" for n in range(first, first + count)]


@dataclass(frozen=True)
class Slot:
    staff_id: uuid.UUID
    staff_name: str
    start: datetime


def _days(today: date) -> list[date]:
    days = [today + timedelta(days=n) for n in range(FIRST_DAY, SEARCH_DAYS + 1)]
    return [d for d in days if d.weekday() in demo.HOURS]


def _starts(day: date, minutes: int) -> Iterator[datetime]:
    """Grid starts of one day whose appointment of `minutes` ends by closing time."""
    opens, closes = demo.HOURS[day.weekday()]
    at = datetime.combine(day, opens, ZONE)
    end = datetime.combine(day, closes, ZONE)
    while at + timedelta(minutes=minutes) <= end:
        yield at
        at += timedelta(minutes=SLOT_MINUTES)


def slots_per_staff(minutes: int, today: date) -> int:
    return sum(1 for day in _days(today) for _ in _starts(day, minutes))


def staff_needed(slots: int, minutes: int, today: date) -> int:
    """Hairdressers needed for `slots` distinct slots inside the business's booking window."""
    return math.ceil(slots / slots_per_staff(minutes, today))


class SlotBook:
    """Free slots of `minutes`, inside opening hours and the booking window, each given out once."""

    def __init__(self, staff: list[StaffMember], minutes: int, today: date) -> None:
        self._slots = (
            Slot(person.id, person.name, start)
            for person in staff
            for day in _days(today)
            for start in _starts(day, minutes)
        )

    def take(self, count: int) -> list[Slot]:
        taken = [slot for _, slot in zip(range(count), self._slots, strict=False)]
        if len(taken) < count:
            raise RuntimeError("the booking window ran out of free slots: add staff")
        return taken
