"""Days and times as Spanish speakers write them, relative to a business-local "today"."""

import re
from datetime import date, timedelta

import dateparser

from activities.understanding.schema import PartOfDay

WEEKDAYS = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")
MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
PARTS = (
    (PartOfDay.MORNING, r"\b(?:por|de|a|en) la manana\b|\ba primera hora\b|\bmananita\b"),
    (PartOfDay.AFTERNOON, r"\b(?:por|de|a|en) la tarde\b|\bdespues de comer\b|\bpor las tardes\b"),
)
# "en vez de por la mañana", "no puedo ir por la mañana", "mejor por la tarde que por la mañana"
TURNED_DOWN_BEFORE = (
    r"(?:\b(?:en vez de|en lugar de|no puedo|no me viene|no me va|que no sea|excepto|salvo)\b[^,.;]{0,15}"
    r"|\b(?:mejor|prefiero|antes)\b[^,.;]*\bque (?:no )?)$"
)
# "por la mañana no puedo", "por la mañana imposible"
TURNED_DOWN_AFTER = r"\s*(?:no\b|ya no\b|imposible|me es imposible|fatal|tampoco)"
# A salon opens 10:00-20:00: "a las 5" means 17:00, "a las 11" means 11:00.
FIRST_MORNING_HOUR = 9


def find_day(text: str, today: date) -> date | None:
    """`text` is normalised (lowercase, no accents). 'pasado manana' before 'manana'; 'por la manana' is a
    part of the day, not tomorrow."""
    if "pasado manana" in text:
        return today + timedelta(days=2)
    if re.search(r"(?<!por la )(?<!de la )(?<!a la )(?<!en la )\bmanana\b", text):
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
    """The part of the day wanted: "por la tarde en vez de por la mañana" and "por la mañana no puedo" both
    want the afternoon. The last part not turned down wins; one turned down alone means the other."""
    mentions = sorted(
        (match.start(), match.end(), part) for part, pattern in PARTS for match in re.finditer(pattern, text)
    )
    wanted = [part for start, end, part in mentions if not _turned_down(text, start, end)]
    if wanted:
        return wanted[-1]
    refused = {part for _, _, part in mentions}
    return next(iter(set(PartOfDay) - refused)) if len(refused) == 1 else None


def _turned_down(text: str, start: int, end: int) -> bool:
    before, after = text[:start], text[end:]
    return bool(re.search(TURNED_DOWN_BEFORE, before) or re.match(TURNED_DOWN_AFTER, after))
