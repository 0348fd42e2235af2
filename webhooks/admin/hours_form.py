"""The "Horario" form read and checked: each weekday has its opening intervals (a day left blank is closed),
each closing after it opens and none overlapping another; a day that is not right is refused with its reason."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import time
from itertools import pairwise

from models.localtime import WEEKDAYS
from models.rule_changes import Interval

# Morning and afternoon: the page offers two intervals a day (more are shown when a day already has them).
SPANS_SHOWN = 2
# Babel lists the week from Sunday; the salon's week (and the weekday column, 0 = Monday) starts on Monday.
MONDAY_TO_SUNDAY = range(7)


@dataclass(frozen=True)
class DayField:
    """A weekday as the page shows it: its name, the (opens, closes) text of each interval, why it was refused."""

    weekday: int
    name: str
    spans: list[tuple[str, str]]
    error: str | None

    @property
    def closed(self) -> bool:
        return not any(opens or closes for opens, closes in self.spans)


def field_name(weekday: int, n: int, end: str) -> str:
    return f"d{weekday}_{n}_{end}"


def read_hours(form: Mapping[str, str]) -> tuple[dict[int, list[Interval]] | None, dict[int, str]]:
    """Every weekday's intervals, or None and the reason each refused day was refused."""
    days: dict[int, list[Interval]] = {}
    errors: dict[int, str] = {}
    for weekday in MONDAY_TO_SUNDAY:
        try:
            days[weekday] = _day(_typed(form, weekday))
        except ValueError as exc:
            errors[weekday] = str(exc)
    return (None, errors) if errors else (days, {})


def day_fields(form: Mapping[str, str], errors: Mapping[int, str]) -> list[DayField]:
    """Monday to Sunday with the intervals to show: what staff typed (or what is saved), and two boxes at least."""
    return [
        DayField(weekday, WEEKDAYS[weekday].capitalize(), _padded(_typed(form, weekday)), errors.get(weekday))
        for weekday in MONDAY_TO_SUNDAY
    ]


def form_of(days: Mapping[int, Sequence[Interval]]) -> dict[str, str]:
    """Saved hours as the form's fields, so the page shows them the way staff type them."""
    return {
        field_name(weekday, n, end): f"{at:%H:%M}"
        for weekday, spans in days.items()
        for n, span in enumerate(sorted(spans))
        for end, at in zip(("opens", "closes"), span, strict=True)
    }


def _typed(form: Mapping[str, str], weekday: int) -> list[tuple[str, str]]:
    spans = []
    n = 0
    while field_name(weekday, n, "opens") in form or field_name(weekday, n, "closes") in form:
        spans.append(
            (
                form.get(field_name(weekday, n, "opens"), "").strip(),
                form.get(field_name(weekday, n, "closes"), "").strip(),
            )
        )
        n += 1
    return spans


def _padded(spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return spans + [("", "")] * (SPANS_SHOWN - len(spans))


def _day(typed: list[tuple[str, str]]) -> list[Interval]:
    spans = sorted(_span(opens, closes) for opens, closes in typed if opens or closes)
    for (_, closes), (opens, _) in pairwise(spans):
        if opens < closes:
            raise ValueError(
                f"Los tramos se solapan: uno cierra a las {closes:%H:%M} y el otro abre a las {opens:%H:%M}."
            )
    return spans


def _span(opens: str, closes: str) -> Interval:
    if not opens or not closes:
        raise ValueError("Falta la hora de abrir o la de cerrar de un tramo.")
    start, end = _time(opens), _time(closes)
    if end <= start:
        raise ValueError(f"Cierra a las {end:%H:%M}: tiene que ser después de abrir ({start:%H:%M}).")
    return start, end


def _time(text: str) -> time:
    try:
        return time.fromisoformat(text).replace(second=0, microsecond=0)
    except ValueError:
        raise ValueError(f"«{text}» no es una hora (escríbela como 09:30).") from None
