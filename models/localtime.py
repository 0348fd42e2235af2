"""Business-local dates and times in Spanish words.

Workflows import this module through the sandbox's passthrough: inside the sandbox `zoneinfo.ZoneInfo` is a
restricted proxy that datetime rejects, while here it is the real class (tz data lookups are deterministic).
Babel's Spanish names are read once at import, because the sandbox forbids the file reads babel does lazily.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import Locale

_SPANISH = Locale.parse("es")
WEEKDAYS: dict[int, str] = dict(_SPANISH.days["format"]["wide"].items())
MONTHS: dict[int, str] = dict(_SPANISH.months["format"]["wide"].items())


def local_date(instant: datetime, timezone: str) -> date:
    return instant.astimezone(ZoneInfo(timezone)).date()


def spoken_date(day: date) -> str:
    """'martes 8 de diciembre'."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} de {MONTHS[day.month]}"


def of_(phrase: str) -> str:
    """'de' before a spoken date, contracted as Spanish requires: 'del martes…', never 'de el martes…'."""
    return f"del {phrase[3:]}" if phrase.startswith("el ") else f"de {phrase}"


def spoken_datetime(instant: datetime, timezone: str) -> str:
    """'el martes 8 de diciembre a las 17:30' in the business's local time."""
    local = instant.astimezone(ZoneInfo(timezone))
    return f"el {spoken_date(local.date())} a las {local:%H:%M}"
