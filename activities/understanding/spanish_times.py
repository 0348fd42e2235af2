"""Times and parts of the day as people in Spain write them: "a las 5 y media", "las 6 menos cuarto", "sobre
las 6", "6 y pico", "17h", "5pm", "a mediodía"; "por la tarde", "antes de comer", "a última hora"."""

import re

from activities.understanding.schema import PartOfDay
from activities.understanding.spanish_numbers import NUMBER, number

# A salon opens 10:00-20:00: "a las 5" means 17:00, "a las 11" means 11:00.
FIRST_MORNING_HOUR = 9
MINUTE_WORDS = {"media": 30, "cuarto": 15, "pico": 0}
TIME = (
    # Not the parts of an address or a date: "192.0.2.50", "12/12".
    rf"(?<![\d.:/])\b(?P<hour>{NUMBER})(?:[:.h](?P<minutes>[0-5]\d))?"
    rf"(?: y (?P<past>media|cuarto|pico|{NUMBER})| menos (?P<to>cuarto|{NUMBER}))?"
    r"(?: ?(?P<unit>h|hs|horas?|am|pm|a\.m|p\.m)\b)?"
    r"(?: (?:de|por) la (?P<part>manana|tarde|noche))?"
)
# What makes a bare number an hour: "a las 5", "sobre las 6", "a eso de las 6", "a partir de las 4", "tipo 6",
# "las 5" answering "¿a qué hora?" ("la 1" there is a choice of slot).
WITH_ARTICLE = r"(?:^las|\b(?:a|(?<!antes )de|sobre|hacia|desde|entre|como|pasadas|para|eso de|partir de) las?) $"
WITHOUT_ARTICLE = r"\b(?:tipo|sobre|hacia|at) $"
# "un peinado para las dos", "las dos queremos corte": the two of them (as rules.py reads it), not at two.
PARTY = r"(?:^|\bpara |\b(?:cualquiera|ninguna|alguna|una|ambas) de )las $"
PRICE_AFTER = r" ?(?:euros?|eur|e|pavos)\b"
FIXED_TIMES = (
    (r"(?<!antes del )(?<!despues del )\bmediodia\b", "13:00"),
    (r"\bhora de (?:comer|la comida)\b", "14:00"),
)

PARTS = (
    (
        PartOfDay.MORNING,
        r"\b(?:por|de|a|en|toda) las? mananas?\b|\bmananita\b|\besta manana\b|\ba primera hora\b"
        r"|\bantes (?:de comer|del mediodia)\b|\btempran(?:o|ito)\b|\ba media manana\b|\bprimerisima hora\b"
        r"|\bantes de las (?:1[0-3]|diez|once|doce|una)\b|\bla manana del\b",
    ),
    (
        PartOfDay.AFTERNOON,
        r"\b(?:por|de|a|en|toda) las? (?:tardes?|noches?)\b|\btardecita\b|\besta (?:tarde|noche)\b"
        r"|\ba ultima hora\b|\bdespues (?:de comer|del mediodia)\b|\bla tarde del\b"
        r"|\b(?:salgo|salga|salir) del? (?:curro|trabajo|trabajar|currar|clase|la oficina)\b",
    ),
)
# "en vez de por la mañana", "no puedo ir por la mañana", "mejor por la tarde que por la mañana"
TURNED_DOWN_BEFORE = (
    r"(?:\b(?:en vez de|en lugar de|no puedo|no me viene|no me va|que no sea|excepto|salvo)\b[^,.;]{0,15}"
    r"|\b(?:mejor|prefiero|antes)\b[^,.;]*\bque (?:no )?)$"
)
# "por la mañana no puedo", "por la mañana imposible"
TURNED_DOWN_AFTER = (
    r"\s*(?:no\b|ya no\b|imposible|me es imposible|fatal|tampoco|trabajo|curro|estoy trabajando|tengo (?:clase|cole))"
)


def find_time(text: str) -> str | None:
    """The first time `text` (normalised) names, as "HH:MM" (24 h)."""
    found = [(match.start(), time) for pattern, time in FIXED_TIMES for match in re.finditer(pattern, text)]
    morning = find_part_of_day(text) == PartOfDay.MORNING
    for match in re.finditer(TIME, text):
        time = _clock(match, morning) if _is_time(match, text) else None
        if time:
            found.append((match.start(), time))
    return min(found)[1] if found else None


def _is_time(match: re.Match[str], text: str) -> bool:
    before, hour = text[: match.start()], match["hour"]
    if re.match(PRICE_AFTER, text[match.end() :]):
        return False
    if match["minutes"] or match["unit"] in ("h", "hs", "am", "pm", "a.m", "p.m"):
        return True
    if match["to"] or match["past"] in MINUTE_WORDS:
        return True
    if re.search(WITHOUT_ARTICLE, before):
        return hour.isdigit()
    return bool(re.search(WITH_ARTICLE, before)) and not (re.search(PARTY, before) and hour in ("dos", "tres"))


def _clock(match: re.Match[str], morning: bool) -> str | None:
    """ "5 y media" -> "17:30"; "6 menos cuarto" -> "17:45"; "10 de la mañana" -> "10:00"."""
    hour = number(match["hour"])
    evening = match["unit"] in ("pm", "p.m") or match["part"] in ("tarde", "noche")
    morning = morning or match["unit"] in ("am", "a.m") or match["part"] == "manana"
    # "a las 8" is in the evening unless the morning is said; "08:30" is written on a 24-hour clock.
    if hour < 12 and not match["hour"].startswith("0") and (evening or (hour < FIRST_MORNING_HOUR and not morning)):
        hour += 12
    minutes = hour * 60 + int(match["minutes"] or 0)
    if match["past"]:
        minutes += _minutes(match["past"])
    if match["to"]:
        minutes -= _minutes(match["to"])
    return f"{minutes // 60:02d}:{minutes % 60:02d}" if 0 <= minutes < 24 * 60 else None


def _minutes(word: str) -> int:
    return MINUTE_WORDS[word] if word in MINUTE_WORDS else number(word)


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
