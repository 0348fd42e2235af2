"""Days and times as English-speaking customers write them ("tomorrow afternoon", "Saturday at 5pm", "on the
15th"), read from text normalised by english.normalise."""

import re
from datetime import date, timedelta

from activities.understanding.schema import PartOfDay

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Like the Spanish rule: a salon opens 10:00-20:00, so "at 5" means 17:00.
FIRST_MORNING_HOUR = 9


def find_day(clean: str, today: date) -> date | None:
    if "day after tomorrow" in clean:
        return today + timedelta(days=2)
    if re.search(r"\btomorrow\b", clean):
        return today + timedelta(days=1)
    if re.search(r"\btoday\b|\btonight\b|this (morning|afternoon|evening)", clean):
        return today
    if re.search(r"\b(this|the) weekend\b", clean):
        return _next_weekday(today, 5)
    if re.search(r"\bnext week\b", clean):
        return today + timedelta(days=7 - today.weekday())
    months = "|".join(MONTHS)
    named = re.search(
        rf"\b({months}) (\d{{1,2}})(?:st|nd|rd|th)?\b|\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({months})\b", clean
    )
    if named:
        month = MONTHS.index(named.group(1) or named.group(4)) + 1
        return _future(today, month, int(named.group(2) or named.group(3)))
    ordinal = re.search(r"\bthe (\d{1,2})(?:st|nd|rd|th)\b", clean)
    if ordinal:
        day = int(ordinal.group(1))
        # "on the 15th": this month's, or next month's once it has passed.
        month = today.month if day >= today.day else today.month % 12 + 1
        return _future(today, month, day)
    for index, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", clean):
            return _next_weekday(today, index)
    return None


def _next_weekday(today: date, weekday: int) -> date:
    # "on Thursday" said on a Thursday means next week's.
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _future(today: date, month: int, day: int) -> date | None:
    try:
        candidate = date(today.year, month, day)
    except ValueError:
        return None
    return candidate if candidate >= today else candidate.replace(year=today.year + 1)


def find_time(clean: str) -> str | None:
    """'5pm', '5:30', '17:30', 'at 5', 'half past 5', 'noon' -> 'HH:MM'."""
    if re.search(r"\b(noon|midday)\b", clean):
        return "12:00"
    meridiem = re.search(r"\b(\d{1,2})(?::([0-5]\d))? ?(am|pm|a\.m\.|p\.m\.)", clean)
    if meridiem:
        hour, minute = int(meridiem.group(1)) % 12, int(meridiem.group(2) or 0)
        hour += 12 if meridiem.group(3).startswith("p") else 0
        return f"{hour:02d}:{minute:02d}" if hour < 24 else None
    clock = re.search(r"\b([01]?\d|2[0-3])[:.]([0-5]\d)\b", clean)
    if clock:
        return _afternoon_if_early(int(clock.group(1)), int(clock.group(2)))
    half = re.search(r"\bhalf (?:past )?(\d{1,2})\b", clean)
    if half:
        return _afternoon_if_early(int(half.group(1)), 30)
    spoken = re.search(r"\b(?:at|around|about|after|before) (\d{1,2})(?: o'?clock)?\b(?! ?(minutes|mins|min))", clean)
    if spoken:
        return _afternoon_if_early(int(spoken.group(1)), 0)
    return None


def _afternoon_if_early(hour: int, minute: int) -> str | None:
    if hour < FIRST_MORNING_HOUR:
        hour += 12
    return f"{hour:02d}:{minute:02d}" if hour < 24 else None


def find_part_of_day(clean: str) -> PartOfDay | None:
    """The part of the day wanted; one turned down ("not in the morning") means the other."""
    morning = re.search(r"\bmornings?\b", clean)
    afternoon = re.search(r"\b(afternoons?|evenings?|after lunch)\b", clean)
    refused = r"(not|cannot do|except|rather than|instead of)( in)?( the)? $"
    if morning and re.search(refused, clean[: morning.start()]):
        return PartOfDay.AFTERNOON
    if afternoon and re.search(refused, clean[: afternoon.start()]):
        return PartOfDay.MORNING
    if afternoon:
        return PartOfDay.AFTERNOON
    return PartOfDay.MORNING if morning else None
