"""What a customer's message means, as one typed result: the rules and Claude both produce it."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Intent(StrEnum):
    GREETING = "greeting"
    BOOKING = "booking"
    FAQ = "faq"
    MODIFY = "modify"
    CANCEL = "cancel"
    USUAL = "usual"  # "lo de siempre"
    RUNNING_LATE = "running_late"
    PAYMENT_PROBLEM = "payment_problem"
    MEDICAL = "medical"
    HUMAN = "human"
    OPT_OUT = "opt_out"  # STOP / BAJA
    OPT_IN = "opt_in"  # ALTA: messages again after a STOP
    INDECISION = "indecision"
    CATALOGUE = "catalogue"  # what the salon does and what it costs
    MY_BOOKINGS = "my_bookings"  # "¿cuándo es mi cita?"
    ANSWER = "answer"  # a yes/no, a choice or a name, meaningful in the conversation's current step
    SMALL_TALK = "small_talk"
    UNCLEAR = "unclear"


class PartOfDay(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"


@dataclass
class Understanding:
    intent: Intent
    services: list[str] = field(default_factory=list)
    pack_accepted: bool | None = None
    day: date | None = None
    # "el viernes o el sábado": the other days the customer would also take.
    other_days: list[date] = field(default_factory=list)
    time: str | None = None  # "17:30", business-local
    part_of_day: PartOfDay | None = None
    staff: str | None = None
    option: int | None = None  # 1-based: "la segunda" -> 2
    names: list[str] = field(default_factory=list)
    party_size: int = 1
    beneficiary: str | None = None  # "mi madre"
    # Everyone named the booking is also for: "para mí, mi hija y mi madre" -> ["mi hija", "mi madre"].
    companions: list[str] = field(default_factory=list)
    delay_minutes: int | None = None
    faq_topics: list[str] = field(default_factory=list)
    medical: bool = False
    yes: bool | None = None
    # "apúntame en la lista de espera": to be offered a slot on a full day if one is freed.
    waitlist: bool = False
    language: str = "es"  # "en": the customer writes in English and is answered in English


@dataclass
class Catalog:
    """What the business offers, so the understanding can name services and staff exactly."""

    services: list[str]
    staff: list[str]
    # service name -> what this business's customers also call it ("reflejos" for Mechas).
    aliases: dict[str, list[str]] = field(default_factory=dict)
    # FAQ topic -> the words that ask about it ("aparcar", "parking"), the business's own.
    faq_keywords: dict[str, list[str]] = field(default_factory=dict)
