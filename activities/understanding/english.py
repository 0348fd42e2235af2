"""Deterministic English understanding, for customers who write in English: the same `Understanding` as the
Spanish rules, with `language="en"` so the conversation answers in English.

`is_english` decides first. Spanish customers drop English words into Spanish ("ok", "please", "bye", "nails",
brand names), so a message is English only when English words clearly outnumber Spanish ones, or when it is
one of the few short messages no Spanish speaker writes ("hello", "thanks a lot"). Service names come from the
business's catalogue and its aliases (data, shared with the Spanish rules through `rules.find_services`).
"""

import re
import unicodedata
from datetime import date

# A module, not names: rules dispatches here and this module reuses its matcher (a cycle Python resolves for
# module imports).
from activities.understanding import rules
from activities.understanding.business_words import faq_topics
from activities.understanding.english_dates import find_day, find_part_of_day, find_time
from activities.understanding.intents import reply_intent
from activities.understanding.schema import Catalog, Intent, Understanding


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SHORTHAND = {
    "u": "you",
    "ur": "your",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "ty": "thank you",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tomoz": "tomorrow",
    "appt": "appointment",
    "im": "i am",
    "i'm": "i am",
    "i'd": "i would",
    "i'll": "i will",
    "can't": "cannot",
    "won't": "will not",
    "don't": "do not",
    "doesn't": "does not",
    "what's": "what is",
    "when's": "when is",
    "where's": "where is",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
}

# Words only an English sentence has; "ok", "bye", "nails" are left out (Spanish customers use them), and
# "please" alone is never enough: English takes two English words, more than twice the Spanish ones.
ENGLISH_WORDS = _words(
    "i you your my we the an is are am was be do does did have can could would will should want need "
    "like book booking appointment appointments tomorrow today tonight morning afternoon evening week weekend "
    "next this that all what when where which how much many any there here it its with for to of at on in from "
    "and or but not yes yeah yep sure thanks thank hello some free time slot slots please available "
    "haircut trim highlights cancel late running soon minutes pay paid payment card open close closed "
    "monday tuesday wednesday thursday friday saturday sunday one two three first second third last "
    "help someone person talk speak human mum mom daughter husband wife friend sister mother"
)
# Words only a Spanish sentence has (accents stripped).
SPANISH_WORDS = _words(
    "de la el que y en un una para por mi te es con quiero hola cita gracias vale si los las tengo puedo hay "
    "manana hoy tarde hora cuando donde como quien cual buenas buenos dias me lo le se del al muy tambien "
    "porque pero estoy esta este eso mas nos os su sus tu yo ya bien favor semana lunes martes miercoles "
    "jueves viernes sabado domingo reservar cancelar cambiar pelo unas unos mis"
)
# Short messages that are English on their own.
CLEARLY_ENGLISH = (
    r"^(hello|hello there|hey there|good (morning|afternoon|evening)|thanks a lot|thank you|thank you so much"
    r"|many thanks|thanks|yes|yes please|yeah|yep|sure|no thanks|no thank you|see you|cheers"
    r"|start|unstop|unsubscribe|stop (messaging|texting) me)\W*$"
)

FAMILIES: tuple[tuple[Intent, str], ...] = (
    (Intent.OPT_OUT, r"^(stop|unsubscribe|stop messaging me|stop texting me|do not (message|text) me)\W*$"),
    (Intent.OPT_IN, r"^(start|unstop|subscribe|resume messages)\W*$"),
    (
        Intent.MEDICAL,
        r"pregnan|allerg|dermatitis|psoriasis|eczema|medication|chemo|breastfeeding|wound|infection"
        r"|sensitive skin|reaction|cancer|diabet|surgery|rash",
    ),
    (
        Intent.HUMAN,
        r"(talk|speak) (to|with) (a (real )?person|someone|a human|the manager|the salon|a member of staff)"
        r"|real person|\bhuman\b|(can|could) someone call me|call me back",
    ),
    (
        Intent.RUNNING_LATE,
        r"running late|i am late|be late|\blate\b.*\b(minutes|min|mins)\b|stuck in traffic|be there in \d+"
        r"|\d+ (minutes|min|mins) late|a (bit|little) late",
    ),
    (
        Intent.PAYMENT_PROBLEM,
        r"(cannot|can not|could not|unable to|not able to) pay|payment (failed|fails|did not|is not|not)"
        r"|link (does not|is not|not) (work|open)|card (was )?(declined|rejected)|(did not|never) (get|receive) "
        r"the (payment )?link|error (with|in) (the )?payment",
    ),
    (Intent.CANCEL, r"\bcancel|will not (be able to )?make it|cannot (make it|come)|call off"),
    (
        Intent.MODIFY,
        r"\b(change|move|reschedule|postpone|bring forward)\b.*\b(appointment|booking|it|time|day)\b"
        r"|another (day|time)|different (day|time)|\breschedule\b",
    ),
    (
        Intent.MY_BOOKINGS,
        r"when is my (appointment|booking)|what time is my|do i have (an|a|any) (appointment|booking)",
    ),
    (Intent.USUAL, r"the usual|same as (last time|always)|same again"),
    (
        Intent.INDECISION,
        r"(do not|not) know (what|which)|not sure (what|which)|what (do|would) you (recommend|suggest)"
        r"|can you (recommend|advise|help me (choose|decide))|undecided|need (some )?advice",
    ),
    (
        Intent.CATALOGUE,
        r"how much (is|are|does|do|for)|what (is|are) (the|your) prices|price list|prices|\bcost\b"
        r"|what services|which services|what do you (do|offer)",
    ),
)
BOOKING = (
    r"\bbook|appointment|reserv|\bslot|availab|\bfree\b|can i (come|get|have)|i would like|i want|i need"
    r"|looking for|do you have (time|space|anything)|fit me in"
)
GREETING = r"^(hello|hi|hey|good (morning|afternoon|evening)|hiya|greetings)\b"
SMALL_TALK = r"\bthanks\b|\bthank you\b|how are you|great|awesome|lovely|\blol\b|bye|see you|cheers"
# "put me on the waiting list", "let me know if something frees up".
WAITLIST = (
    r"\bwait(ing)? ?list\b|\blet me know if (something|anything|a slot|a spot|someone)\b.{0,20}"
    r"\b(frees? up|opens? up|cancels?|becomes? available)"
)
YES = r"^(yes|yeah|yep|yup|sure|ok|okay|perfect|great|fine|that works|sounds good|correct|exactly|of course)\b"
NO = r"^(no|nope|no thanks|not really|none)\b"
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "last": -1}
RELATIVES = (
    "mum",
    "mom",
    "mother",
    "dad",
    "father",
    "daughter",
    "son",
    "sister",
    "brother",
    "grandma",
    "grandmother",
    "husband",
    "wife",
    "partner",
    "girlfriend",
    "boyfriend",
    "friend",
    "niece",
    "aunt",
    "cousin",
)
NUMBERS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}


def normalise(text: str) -> str:
    """Lowercase, no accents, emojis and symbols gone, curly apostrophes straight, shorthand expanded."""
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s:/.?!,']", " ", text)
    words = [SHORTHAND.get(w, w) for w in re.findall(r"[\w:/.']+|[?!,]", text)]
    # Apostrophes left after the contractions go, as the Spanish normalising does to catalogue aliases ("kid's").
    clean = " ".join(words).replace("n't", " not").replace("'", "")
    return re.sub(r"\s+([?!,.])", r"\1", clean).strip(" .")


def is_english(text: str) -> bool:
    """True for a message written in English; Spanish with a few English words, and short messages that could
    be either ("ok", "hi", "no"), are not."""
    clean = normalise(text)
    if re.search(CLEARLY_ENGLISH, clean):
        return True
    words = re.findall(r"[a-z']+", clean)
    english = sum(w in ENGLISH_WORDS for w in words)
    spanish = sum(w in SPANISH_WORDS for w in words)
    return english >= 2 and english > 2 * spanish


def understand(text: str, *, today: date, catalog: Catalog) -> Understanding:
    """The intent and everything an English message says, as the Spanish rules would tell it."""
    clean = normalise(text)
    # The business's FAQ keywords (data, English ones too); the words that asked are not read as a request:
    # "if I cancel, do I get a refund?" asks about the policy.
    topics, rest = faq_topics(clean, catalog)
    result = Understanding(intent=_intent(clean, rest, bool(topics), catalog), language="en")
    result.services = rules.find_services(clean, catalog)
    result.staff = next((n for n in catalog.staff if re.search(rf"\b{rules.normalise(n)}\b", clean)), None)
    result.day, result.time, result.part_of_day = find_day(clean, today), find_time(clean), find_part_of_day(clean)
    result.faq_topics = [] if result.intent in rules.NOT_QUESTIONS else topics
    result.medical = result.intent == Intent.MEDICAL
    result.yes = True if re.search(YES, clean) else False if re.search(NO, clean) else None
    result.waitlist = re.search(WAITLIST, clean) is not None
    result.option = _option(clean)
    result.names = _names(text)
    result.party_size, result.beneficiary = _party(clean)
    delay = re.search(r"(\d+) ?(minutes|mins|min|m)\b", clean)
    result.delay_minutes = int(delay.group(1)) if delay and result.intent == Intent.RUNNING_LATE else None
    if result.intent == Intent.BOOKING and re.search(r"\bpack(age)?\b", clean):
        result.pack_accepted = result.yes is not False
    return result


def _intent(clean: str, rest: str, topics: bool, catalog: Catalog) -> Intent:
    for intent, pattern in FAMILIES:
        # Cancel and move are read without the FAQ's words: "if I cancel, do I get my deposit back?".
        if re.search(pattern, rest if intent in (Intent.CANCEL, Intent.MODIFY) else clean):
            return intent
    if re.search(BOOKING, rest) or rules.find_services(rest, catalog):
        return Intent.BOOKING
    if topics:
        return Intent.FAQ
    if (
        _option(clean)
        or re.search(r"^the [\w:]+ one\b", clean)
        or re.match(r"^(my name is|i am|this is|her name is|his name is)\b", clean)
    ):
        return Intent.ANSWER
    answers = bool(re.search(YES, clean) or re.search(NO, clean))
    return reply_intent(
        clean, thanks=r"\bthanks\b|\bthank you\b", answers=answers, greeting=GREETING, small_talk=SMALL_TALK
    )


def _option(clean: str) -> int | None:
    match = re.search(
        r"\b(first|1st|second|2nd|third|3rd|last)\b(?! (time|week|day))|\b(?:option|number) ([123])\b", clean
    )
    if match and match.group(1):
        return ORDINALS[match.group(1)]
    if match:
        return int(match.group(3))
    return 1 if re.fullmatch(r"(the )?one", clean) else None


def _names(original: str) -> list[str]:
    # "my name is laura" names in any case; after "I'm" / "this is" only a capital says so ("I'm late" is not).
    match = re.search(
        r"(?i:\b(?:my name is|her name is|his name is|she is called|he is called)\s+)([^\W\d_]+)", original
    )
    match = match or re.search(r"(?i:\b(?:i am|i'm|this is)\s+)([A-ZÁÉÍÓÚÑ][^\W\d_]+)", original)
    return [match.group(1).title()] if match else []


def _party(clean: str) -> tuple[int, str | None]:
    relative = next((r for r in RELATIVES if re.search(rf"\bmy {r}\b", clean)), None)
    together = re.search(
        r"\b(me and|and me|and i|and myself|both of us|the two of us|for (two|three|four)|we are (\w+))\b", clean
    )
    if together:
        size = next((n for word, n in NUMBERS.items() if re.search(rf"\b{word}\b", together.group(0))), 2)
        return size, relative
    return 1, (f"my {relative}" if relative else None)
