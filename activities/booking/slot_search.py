"""Free-slot search as pure functions: opening hours, staff hours, closures, busy time, buffers and lead time in,
ranked slots out.

Buffers (minutes after a service in which its stylist starts nothing else: cleaning, drying) apply on both
sides: the busy time of an existing appointment includes its own buffer (the caller adds it), so no slot starts
inside it; and a new slot is free only if it and its own buffer overlap nothing busy, so its buffer never runs
into the next appointment, calendar event or time off. The working hours bound the service itself: a buffer may
run past closing or into a break (the stylist cleans up then)."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import combinations
from uuid import UUID
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Interval:
    start: datetime
    end: datetime

    def overlaps(self, other: "Interval") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class StaffAgenda:
    """One staff member who can do the requested services, with the time already taken.

    `hours` are their own working intervals per weekday (0 = Monday) in local time; None means the business's
    opening hours, and a weekday missing from them is a day off. They only narrow the business's hours."""

    staff_id: UUID
    name: str
    busy: tuple[Interval, ...] = ()
    closed_days: frozenset[date] = frozenset()
    hours: Mapping[int, tuple[tuple[time, time], ...]] | None = None

    def works(self, day: date, candidate: Interval, tz: ZoneInfo) -> bool:
        if self.hours is None:
            return True
        return any(
            datetime.combine(day, starts, tzinfo=tz) <= candidate.start
            and candidate.end <= datetime.combine(day, ends, tzinfo=tz)
            for starts, ends in self.hours.get(day.weekday(), ())
        )


@dataclass(frozen=True)
class SearchRules:
    timezone: str
    # weekday (0 = Monday) -> opening intervals in local time
    opening_hours: dict[int, tuple[tuple[time, time], ...]]
    business_closed_days: frozenset[date]
    slot_minutes: int
    min_lead_minutes: int


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime
    staff_ids: tuple[UUID, ...]
    staff_names: tuple[str, ...]


@dataclass
class DaySlots:
    day: date
    slots: list[Slot] = field(default_factory=list)


def _candidate_starts(day: date, rules: SearchRules, duration: timedelta) -> list[datetime]:
    """Starts on the slot grid of every opening interval of `day` that leave room for `duration`."""
    tz = ZoneInfo(rules.timezone)
    starts: list[datetime] = []
    for opens, closes in rules.opening_hours.get(day.weekday(), ()):
        cursor = datetime.combine(day, opens, tzinfo=tz)
        closing = datetime.combine(day, closes, tzinfo=tz)
        while cursor + duration <= closing:
            starts.append(cursor.astimezone(UTC))
            cursor += timedelta(minutes=rules.slot_minutes)
    return starts


def _is_free(agenda: StaffAgenda, occupied: Interval) -> bool:
    return not any(occupied.overlaps(b) for b in agenda.busy)


def _booked_minutes(agenda: StaffAgenda, day: date, tz: ZoneInfo) -> float:
    return sum((b.end - b.start).total_seconds() / 60 for b in agenda.busy if b.start.astimezone(tz).date() == day)


def slots_for_day(
    day: date,
    *,
    rules: SearchRules,
    staff: Sequence[StaffAgenda],
    duration_minutes: int,
    now: datetime,
    party_size: int = 1,
    preferred_staff_id: UUID | None = None,
    buffer_minutes: int = 0,
) -> list[Slot]:
    """Every free start of `day` for `party_size` distinct staff starting together, best first."""
    if day in rules.business_closed_days:
        return []
    tz = ZoneInfo(rules.timezone)
    duration = timedelta(minutes=duration_minutes)
    earliest = now + timedelta(minutes=rules.min_lead_minutes)
    working = [a for a in staff if day not in a.closed_days]
    load = {a.staff_id: _booked_minutes(a, day, tz) for a in working}
    slots: list[Slot] = []
    for index, start in enumerate(_candidate_starts(day, rules, duration)):
        if start < earliest:
            continue
        candidate = Interval(start, start + duration)
        occupied = Interval(start, candidate.end + timedelta(minutes=buffer_minutes))
        free = [a for a in working if a.works(day, candidate, tz) and _is_free(a, occupied)]
        team = _best_team(free, party_size, load, preferred_staff_id, rotation=index)
        if team is not None:
            slots.append(
                Slot(
                    start=candidate.start,
                    end=candidate.end,
                    staff_ids=tuple(a.staff_id for a in team),
                    staff_names=tuple(a.name for a in team),
                )
            )
    return slots


def _best_team(
    free: Sequence[StaffAgenda], size: int, load: dict[UUID, float], preferred: UUID | None, rotation: int
) -> tuple[StaffAgenda, ...] | None:
    """The preferred staff member if free, then the least-loaded ones.

    Equally loaded staff take turns from one start to the next (by name order, rotated by the start's
    position), so the slots offered on a quiet day show several stylists, not the first name every time."""
    if len(free) < size:
        return None
    by_name = {a.staff_id: i for i, a in enumerate(sorted(free, key=lambda a: a.name))}
    ranked = sorted(
        free,
        key=lambda a: (a.staff_id != preferred, load[a.staff_id], (by_name[a.staff_id] - rotation) % len(free)),
    )
    return next(iter(combinations(ranked, size)))


def rank_slots(slots: Iterable[Slot], preferred_staff_id: UUID | None) -> list[Slot]:
    """Preferred staff first, then earliest; within a start the least-loaded team was already chosen."""
    return sorted(slots, key=lambda s: (preferred_staff_id not in s.staff_ids, s.start))


def search(
    *,
    first_day: date,
    days: int,
    rules: SearchRules,
    staff: Sequence[StaffAgenda],
    duration_minutes: int,
    now: datetime,
    party_size: int = 1,
    preferred_staff_id: UUID | None = None,
    buffer_minutes: int = 0,
) -> list[DaySlots]:
    """Slots day by day from `first_day`, skipping closed or full days (so callers offer the next open ones)."""
    found: list[DaySlots] = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        slots = slots_for_day(
            day,
            rules=rules,
            staff=staff,
            duration_minutes=duration_minutes,
            now=now,
            party_size=party_size,
            preferred_staff_id=preferred_staff_id,
            buffer_minutes=buffer_minutes,
        )
        if slots:
            found.append(DaySlots(day, rank_slots(slots, preferred_staff_id)))
    return found
