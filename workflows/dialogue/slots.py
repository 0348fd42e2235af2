"""Which free slots to offer and which one the customer chose: pure functions of the search's answer."""

from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from workflows.dialogue.state import SlotOption

OFFERED = 3
# The salon's afternoon starts after lunch.
AFTERNOON_FROM_HOUR = 14


def to_offer(
    slots: Sequence[SlotOption], *, timezone: str, time: str | None, part_of_day: str | None
) -> list[SlotOption]:
    """Up to three slots, the asked time first, spread across staff so the customer sees who is free."""
    tz = ZoneInfo(timezone)
    candidates = list(slots)
    if part_of_day is not None:
        in_part = [
            s
            for s in candidates
            if (s.start.astimezone(tz).hour >= AFTERNOON_FROM_HOUR) == (part_of_day == "afternoon")
        ]
        candidates = in_part or candidates
    if time is not None:
        asked = _minutes(time)
        candidates.sort(key=lambda s: (abs(_minutes(f"{s.start.astimezone(tz):%H:%M}") - asked), s.start))
    chosen: list[SlotOption] = []
    seen_staff: set[tuple[str, ...]] = set()
    for slot in candidates:
        if tuple(slot.staff_names) not in seen_staff and len(chosen) < OFFERED:
            chosen.append(slot)
            seen_staff.add(tuple(slot.staff_names))
    for slot in candidates:
        if len(chosen) >= OFFERED:
            break
        if slot not in chosen:
            chosen.append(slot)
    return sorted(chosen, key=lambda s: s.start) if time is None else chosen


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def chosen(
    offered: Sequence[SlotOption],
    *,
    timezone: str,
    option: int | None,
    time: str | None,
    staff: str | None,
    day: date | None = None,
) -> SlotOption | None:
    """ "la segunda", "la última", "la de las 17:30", "con Marta": the one slot meant, or None. A day named with
    the time must be the slot's own ("el lunes a las 10" is not Thursday's 10:00: that is a new search)."""
    if option is not None:
        index = len(offered) - 1 if option == -1 else option - 1
        return offered[index] if 0 <= index < len(offered) else None
    tz = ZoneInfo(timezone)
    matches = list(offered)
    if time is not None:
        matches = [s for s in matches if f"{s.start.astimezone(tz):%H:%M}" == time]
    if staff is not None:
        matches = [s for s in matches if staff in s.staff_names]
    if day is not None:
        matches = [s for s in matches if s.start.astimezone(tz).date() == day]
    return matches[0] if len(matches) == 1 and (time or staff) else None
