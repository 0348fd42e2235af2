"""Days as people in Spain write them, relative to a business-local "today": "mañana", "el finde", "el 15",
"el lunes que viene", "dentro de 3 días", "9 dic", "12/12", weekdays with typos ("miercoels")."""

import difflib
import re
from collections.abc import Callable
from datetime import date, timedelta

from activities.understanding.spanish_numbers import NUMBER, number

WEEKDAYS = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")
WEEKDAY = "|".join(WEEKDAYS)
WEEKEND = r"finde|fin de semana"
# Ordinary words as close to a weekday as its typos are ("viene" to "viernes", "mates" to "martes").
LOOKALIKES = frozenset({"viene", "vienes", "mates", "marte", "lunas", "jueces", "nueves", "domino", "dominio", "lines"})
MONTH_NAMES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
MONTHS = {name: n for n, full in enumerate(MONTH_NAMES, 1) for name in (full, full[:3])} | {"sept": 9, "setiembre": 9}
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# "el lunes que viene", "el próximo sábado", "el martes de la semana que viene": next week's, not this one's.
NEXT_WEEK = (
    rf"\b(?:semana|{WEEKEND}|{WEEKDAY}) (?:que viene|proxim[oa]|siguiente)\b"
    rf"|\bproxim[oa] (?:semana|{WEEKEND}|{WEEKDAY})\b"
)
NEXT_WEEK_ALONE = r"\b(?:semana (?:que viene|proxima|siguiente)|proxima semana)\b"
# "a las 15", "15 min", "el de 15 euros", "el 2 personas" are not the 15th.
NOT_A_DAY_AFTER = r"(?! ?(?:h|hs|horas?|min\w*|euros?|eur|e|personas?|am|pm|por ciento)\b|[:.]\d)"
# A day in a clause that refuses it, or the day of the appointment being changed, is left, not wanted.
CLAUSES = r"[,.;?!¿]| pero | asi que | y de paso "
REFUSED = r"\bno (?:puedo|podre|voy a poder)\b|\bme viene (?:fatal|mal)\b|\bimposible\b"
ORIGIN = r"\b(?:cita|lo) del? ([^,.;?!]*?)(?= (?:lo|la|me|para|al|a las)\b|$)"
# "el martes 8 de diciembre", "viernes, 12/12": one day, named twice.
WEEKDAY_BEFORE = rf"(?:(?:{WEEKDAY}),? (?:dia )?)?"

Resolve = Callable[[re.Match[str], date, bool], date | None]


def find_days(text: str, today: date) -> list[date]:
    """The days `text` (normalised) offers, in the order it names them: "el viernes o el sábado" is two."""
    text = _spell_weekdays(text)
    next_week = re.search(NEXT_WEEK, text) is not None
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, date]] = []
    # The longer expressions claim their words first: "pasado mañana" is not also "mañana", "el 9 de
    # diciembre" not also "el 9".
    for pattern, resolve in DAYS:
        for match in re.finditer(pattern, text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            day = resolve(match, today, next_week)
            if day:
                found.append((match.start(), day))
    alone = re.search(NEXT_WEEK_ALONE, text)
    if alone and not re.search(rf"\b(?:{WEEKEND}|{WEEKDAY})", text):
        found.append((alone.start(), _weekday(0, today, next_week=True)))
    return list(dict.fromkeys(day for _, day in sorted(found)))


def find_day(text: str, today: date) -> date | None:
    return next(iter(find_days(text, today)), None)


def wanted_days(text: str, today: date) -> list[date]:
    """The days `text` offers without those it leaves: "el jueves no puedo, ¿el viernes?", "cambiar mi cita del
    lunes al martes", "lo de mañana, ¿lo dejamos para el lunes?" want the second day only."""
    days = find_days(text, today)
    if len(days) < 2:
        return days
    left: set[date] = set()
    for clause in re.split(CLAUSES, text):
        if re.search(REFUSED, clause):
            left.update(find_days(clause, today))
        for origin in re.finditer(ORIGIN, clause):
            left.update(find_days(origin.group(1), today))
    return [day for day in days if day not in left] or days


def _spell_weekdays(text: str) -> str:
    # "el mates que viene" is a Tuesday typed fast; "mates" alone is maths.
    text = re.sub(r"\bel mates\b", "el martes", text)
    return re.sub(r"\b[a-z]{4,}\b", lambda word: _as_weekday(word.group()), text)


def _as_weekday(word: str) -> str:
    # "los sábados" is every Saturday, not a day.
    if word in LOOKALIKES or word[:-1] in WEEKDAYS:
        return word
    best = max(WEEKDAYS, key=lambda day: _similarity(day, word))
    return best if _similarity(best, word) >= 0.8 else word


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _weekday(index: int, today: date, next_week: bool) -> date:
    if next_week:
        return today + timedelta(days=7 - today.weekday() + index)
    # "el jueves" said on a Thursday means next week's.
    return today + timedelta(days=(index - today.weekday()) % 7 or 7)


def _on(day: int, month: int, year: int | None, today: date) -> date | None:
    """A day of a month, the next one to come when the year is not said."""
    try:
        candidate = date(year or today.year, month, day)
        return candidate if year or candidate >= today else candidate.replace(year=today.year + 1)
    except ValueError:
        return None


def _numeric(match: re.Match[str], today: date, _next_week: bool) -> date | None:
    day, month, year = match.groups()
    full_year = int(year) + (2000 if len(year) == 2 else 0) if year else None
    return _on(int(day), int(month), full_year, today)


def _this_month_or_next(match: re.Match[str], today: date, _next_week: bool) -> date | None:
    """ "el 15": this month's while it is still to come, else next month's."""
    day = int(match.group(1))
    month = today.replace(day=1) if day >= today.day else (today.replace(day=1) + timedelta(days=31)).replace(day=1)
    return _on(day, month.month, month.year, today)


def _in_days(match: re.Match[str], today: date, _next_week: bool) -> date:
    count = 2 if match.group(1) == "un par de" else number(match.group(1))
    return today + timedelta(days=count * (7 if match.group(2).startswith("semana") else 1))


def _day_of_month(match: re.Match[str], today: date, _next_week: bool) -> date | None:
    return _on(int(match.group(1)), MONTHS[match.group(2)], None, today)


def _named(match: re.Match[str], today: date, next_week: bool) -> date:
    """A weekday, or Saturday for the weekend."""
    return _weekday(WEEKDAYS.index(match.group(1)) if match.group(1) else 5, today, next_week)


def _days_ahead(count: int) -> Resolve:
    return lambda _match, today, _next_week: today + timedelta(days=count)


DAYS: tuple[tuple[str, Resolve], ...] = (
    (rf"\b{WEEKDAY_BEFORE}(\d{{1,2}})[/-](\d{{1,2}})(?:[/-](\d{{4}}|\d{{2}}))?\b{NOT_A_DAY_AFTER}", _numeric),
    (rf"\b{WEEKDAY_BEFORE}(\d{{1,2}}) (?:de )?({MONTH})\b", _day_of_month),
    (rf"\b(?:(?:el|del|al|dia|{WEEKDAY}),? )+(\d{{1,2}})\b{NOT_A_DAY_AFTER}", _this_month_or_next),
    (r"\bpasado manana\b|(?<=manana o )pasado\b", _days_ahead(2)),
    # "por la mañana", "de la mañana", "esta mañana" are a part of the day.
    (r"(?<!la )(?<!esta )\bmanana\b", _days_ahead(1)),
    (r"\bde hoy en ocho\b", _days_ahead(7)),
    (r"\bhoy\b|\besta (?:manana|tarde|tardecita|noche)\b", _days_ahead(0)),
    (rf"\b(?:dentro de|en|de aqui a) (un par de|{NUMBER}) (dias?|semanas?|semanitas?)\b", _in_days),
    (rf"(?<!los )\b(?:{WEEKEND}|({WEEKDAY}))\b", _named),
)
