"""Deterministic Spanish understanding (no API key needed): keyword families, the business's words, dates.

Messages are normalised first (text.normalise), so one pattern covers the ways people actually type.
"""

import re
from datetime import date

from activities.understanding import english, people
from activities.understanding.business_words import faq_topics, find_services, find_staff
from activities.understanding.intents import WAITLIST, intent_of, yes_or_no
from activities.understanding.schema import Catalog, Intent, Understanding
from activities.understanding.spanish_dates import find_part_of_day, find_time, wanted_days
from activities.understanding.text import normalise

ORDINALS = {"primer": 1, "1": 1, "segund": 2, "2": 2, "tercer": 3, "3": 3, "cuart": 4, "4": 4, "ultim": -1}
# Intents whose own words may also be an FAQ keyword ("me rechaza la tarjeta" is not a payment question).
NOT_QUESTIONS = {Intent.PAYMENT_PROBLEM, Intent.MEDICAL, Intent.HUMAN, Intent.OPT_OUT}

__all__ = ["find_services", "normalise", "understand"]


def understand(text: str, *, today: date, catalog: Catalog) -> Understanding:
    """The intent and everything the message says, from rules alone (English ones for a message in English)."""
    if english.is_english(text):
        return english.understand(text, today=today, catalog=catalog)
    clean = normalise(text)
    topics, rest = faq_topics(clean, catalog)
    services = find_services(rest, catalog)
    # A time said is the time wanted: "a las 5 de la tarde" needs no part of the day besides.
    days, time = wanted_days(clean, today), find_time(clean)
    part = None if time else find_part_of_day(clean)
    day, other_days = (days[0], days[1:]) if days else (None, [])
    option = _option(clean)
    intent = intent_of(
        clean,
        rest,
        services=bool(services),
        topics=bool(topics),
        when=bool(days or time or part),
        picks=bool(option or people.names_only(clean)),
    )
    result = Understanding(
        intent=intent, services=services, day=day, other_days=other_days, time=time, part_of_day=part, option=option
    )
    result.staff = find_staff(clean, catalog.staff)
    result.faq_topics = [] if intent in NOT_QUESTIONS else topics
    result.medical = intent == Intent.MEDICAL
    result.yes = yes_or_no(clean)
    result.waitlist = re.search(WAITLIST, clean) is not None
    result.names = people.names(text)
    result.party_size, result.companions = people.party(clean)
    result.beneficiary = next(iter(result.companions), None)
    result.delay_minutes = people.delay(clean) if intent == Intent.RUNNING_LATE else None
    if intent == Intent.BOOKING and re.search(r"\bpack\b", clean):
        result.pack_accepted = result.yes is not False
    return result


def _option(clean: str) -> int | None:
    if re.fullmatch(r"[1-4]", clean):
        return int(clean)
    # "la 1" but not "a la 1" (a time), "el 2 de enero" (a day) or "la última vez".
    match = re.search(
        r"(?<!\ba )(?<!sobre )\b(?:la|el|opcion|numero) ?(primer\w*|segund\w*|tercer\w*|cuart\w*|ultim\w*|[1234])\b"
        r"(?! de| vez| semana| hora)",
        clean,
    )
    if not match:
        return None
    word = match.group(1)
    return next((n for prefix, n in ORDINALS.items() if word.startswith(prefix)), None)
