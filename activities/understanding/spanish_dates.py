"""Days and times as Spanish speakers write them, relative to a business-local "today"."""

import re
from datetime import date, timedelta

import dateparser

from activities.understanding.schema import PartOfDay

WEEKDAYS = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")
MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
# A salon opens 10:00-20:00: "a las 5" means 17:00, "a las 11" means 11:00.
FIRST_MORNING_HOUR = 9


def find_day(text: str, today: date) -> date | None:
    """`text` is normalised (lowercase, no accents). 'pasado manana' before 'manana'; 'por la manana' is a
    part of the day, not tomorrow."""
    if "pasado manana" in text:
        return today + timedelta(days=2)
    if re.search(r"(?<!por la )(?<!de la )\bmanana\b", text):
        return today + timedelta(days=1)
    if re.search(r"\bhoy\b", text):
        return today
    explicit = re.search(rf"\b(\d{{1,2}}) de ({MONTHS})\b", text)
    if explicit:
        parsed = dateparser.parse(explicit.group(0), languages=["es"], settings={"PREFER_DATES_FROM": "future"})
        if parsed:
            return _future(parsed.date().replace(year=today.year), today)
    numeric = re.search(r"\b(\d{1,2})/(\d{1,2})\b", text)
    if numeric:
        day, month = int(numeric.group(1)), int(numeric.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            try:
                return _future(date(today.year, month, day), today)
            except ValueError:
                return None
    for index, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", text):
            # "el jueves" said on a Thursday means next week's.
            return today + timedelta(days=(index - today.weekday()) % 7 or 7)
    return None


def _future(candidate: date, today: date) -> date:
    return candidate if candidate >= today else candidate.replace(year=candidate.year + 1)


def find_time(text: str) -> str | None:
    """'17:30', '17h', 'a las 5', 'a las 5 y media', 'a las 11 y cuarto' -> 'HH:MM'."""
    clock = re.search(r"\b([01]?\d|2[0-3])[:.h]([0-5]\d)\b", text)
    if clock:
        return f"{int(clock.group(1)):02d}:{clock.group(2)}"
    spoken = re.search(r"\ba las? (\d{1,2})(?: ?h)?(?: y (media|cuarto))?\b", text)
    if not spoken:
        return None
    hour = int(spoken.group(1))
    minute = {"media": 30, "cuarto": 15}.get(spoken.group(2) or "", 0)
    if hour < FIRST_MORNING_HOUR and "manana" not in text.split("a las")[-1]:
        hour += 12
    return f"{hour:02d}:{minute:02d}" if hour < 24 else None


def find_part_of_day(text: str) -> PartOfDay | None:
    if re.search(r"\bpor la (manana|mñn)\b|\bde la manana\b|\ba primera hora\b", text):
        return PartOfDay.MORNING
    if re.search(r"\bpor la tarde\b|\bde la tarde\b|\bdespues de comer\b", text):
        return PartOfDay.AFTERNOON
    return None
