"""The business's days as instants: a day runs from its local midnight to the next one, so a day of a clock
change is 23 or 25 hours long, and an appointment belongs to the day its salon's clock shows."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), zone)


def days_span(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[first's local midnight, the local midnight after last): the instants of those days, both included."""
    return midnight(first, zone), midnight(last + timedelta(days=1), zone)


def days_from(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def parsed_day(text: str | None) -> date | None:
    """A date from a GET form's `<input type="date">` (YYYY-MM-DD), or None for anything else."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
