"""Business-local dates and times in words: Spanish, or English for a customer who writes in English.

Workflows import this module through the sandbox's passthrough: inside the sandbox `zoneinfo.ZoneInfo` is a
restricted proxy that datetime rejects, while here it is the real class (tz data lookups are deterministic).
Babel's day and month names are read once at import, because the sandbox forbids the file reads babel does
lazily.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import Locale

_SPANISH = Locale.parse("es")
WEEKDAYS: dict[int, str] = dict(_SPANISH.days["format"]["wide"].items())
MONTHS: dict[int, str] = dict(_SPANISH.months["format"]["wide"].items())
_ENGLISH = Locale.parse("en")
ENGLISH_WEEKDAYS: dict[int, str] = dict(_ENGLISH.days["format"]["wide"].items())
ENGLISH_MONTHS: dict[int, str] = dict(_ENGLISH.months["format"]["wide"].items())


def local_date(instant: datetime, timezone: str) -> date:
    return instant.astimezone(ZoneInfo(timezone)).date()


def spoken_date(day: date, language: str = "es") -> str:
    """'martes 8 de diciembre'; in English 'Tuesday 8 December'."""
    if language == "en":
        return f"{ENGLISH_WEEKDAYS[day.weekday()]} {day.day} {ENGLISH_MONTHS[day.month]}"
    return f"{WEEKDAYS[day.weekday()]} {day.day} de {MONTHS[day.month]}"


def of_(phrase: str, language: str = "es") -> str:
    """'de' before a spoken date, contracted as Spanish requires: 'del martes…', never 'de el martes…'. English
    needs nothing ('your appointment on Tuesday…')."""
    if language == "en":
        return phrase
    return f"del {phrase[3:]}" if phrase.startswith("el ") else f"de {phrase}"


def spoken_datetime(instant: datetime, timezone: str, language: str = "es") -> str:
    """'el martes 8 de diciembre a las 17:30' in the business's local time; 'on Tuesday 8 December at 17:30'."""
    local = instant.astimezone(ZoneInfo(timezone))
    if language == "en":
        return f"on {spoken_date(local.date(), language)} at {local:%H:%M}"
    return f"el {spoken_date(local.date())} a las {local:%H:%M}"
