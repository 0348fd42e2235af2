"""What the dialogue graph carries: JSON-simple state between nodes, validated into typed models inside them.

The LangGraph plugin hands activity nodes plain JSON (dates become strings), so every node reads its part of
the state through these pydantic models and writes it back with `model_dump(mode="json")`.
"""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal, TypedDict
from uuid import UUID

from pydantic import BaseModel, Field

from models.enums import AppointmentStatus

# Recent messages kept word for word; older ones are summarised.
RECENT_MESSAGES = 10


class Step(StrEnum):
    """What Maite is waiting for: how the next answer ("sí", "la segunda", "Laura") is read."""

    IDLE = "idle"
    NAME = "name"
    SERVICES = "services"
    CONSULT = "consult"
    PACK = "pack"
    SPLIT = "split"
    PERSON_NAME = "person_name"
    SLOT = "slot"
    CANCEL_CONFIRM = "cancel_confirm"
    NO_REFUND = "no_refund"
    MOVE_WHEN = "move_when"
    WHICH_BOOKING = "which_booking"


class Line(BaseModel):
    who: Literal["cliente", "maite"]
    text: str


class SlotOption(BaseModel):
    start: datetime
    staff_ids: list[UUID]
    staff_names: list[str]


class Person(BaseModel):
    """Someone the booking is for: the booker (`relation` None) or "mi madre", "mi hija"..."""

    relation: str | None = None
    name: str | None = None


class Draft(BaseModel):
    """The booking being put together, or the booking being moved (`moving`)."""

    services: list[str] = Field(default_factory=list)
    # Aesthetics and hairdressing asked together: the second booking, made after the first.
    later: list[str] = Field(default_factory=list)
    pack: str | None = None
    pack_offered: bool = False
    # The pack offered and what it contains, until the customer answers.
    pack_offer: str | None = None
    pack_services: list[str] = Field(default_factory=list)
    day: date | None = None
    time: str | None = None
    part_of_day: str | None = None
    staff: str | None = None
    # The staff member asked for had no time: the offer says so and shows the others.
    staff_busy: bool = False
    usual: bool = False
    people: list[Person] = Field(default_factory=lambda: [Person()])
    offered: list[SlotOption] = Field(default_factory=list)
    # A time the customer chose at an offer that was not among the slots shown: held at once if it is free.
    exact: bool = False
    moving: str | None = None  # booking id


class Choosing(BaseModel):
    """Several bookings match a cancel or move request: which one, asked before doing it."""

    booking_ids: list[str]
    # The request (an Understanding as JSON), done on the booking the customer picks.
    request: dict[str, Any]


class Memory(BaseModel):
    """The conversation's state between turns, carried across continue-as-new."""

    step: Step = Step.IDLE
    name_attempts: int = 0
    unclear_in_a_row: int = 0
    greeted: bool = False
    # A request made before the name was confirmed, answered right after (an Understanding as JSON).
    pending_request: dict[str, Any] | None = None
    draft: Draft = Field(default_factory=Draft)
    recent: list[Line] = Field(default_factory=list)
    # Lines that left `recent`, waiting to be folded into the summary by the summarize node.
    older: list[Line] = Field(default_factory=list)
    summary: str = ""
    # The booking being cancelled or the one the customer complains about (id).
    booking: str | None = None
    # A new customer chose this slot: it is taken once their name is known (the name is asked only then).
    pending_slot: SlotOption | None = None
    choosing: Choosing | None = None
    # What Maite answers in: the language of the customer's last message that clearly had one.
    language: str = "es"

    def remember(self, who: Literal["cliente", "maite"], text: str) -> None:
        self.recent.append(Line(who=who, text=text))
        while len(self.recent) > RECENT_MESSAGES:
            self.older.append(self.recent.pop(0))

    def needs_summary(self) -> bool:
        return len(self.older) >= SUMMARY_BATCH


# Lines summarised at once: one summarising call every few turns, not every turn.
SUMMARY_BATCH = 10


class BookingFacts(BaseModel):
    """An upcoming booking of the customer, as the appointments table shows it."""

    booking_id: str
    start: datetime
    services: list[str]
    staff: list[str]
    status: AppointmentStatus
    deposit: Decimal
    payment_url: str | None = None
    payment_failures: int = 0
    # Reminded with a question ("¿Vienes?") that the customer has not answered yet.
    awaiting_confirmation: bool = False


class CustomerFacts(BaseModel):
    """What the identify node found: the business persona, the customer, their bookings and habits."""

    business_name: str
    assistant_name: str
    timezone: str
    customer_id: UUID | None = None
    first_name: str | None = None
    opted_out: bool = False
    bookings: list[BookingFacts] = Field(default_factory=list)
    usual_services: list[str] = Field(default_factory=list)
    usual_staff: str | None = None
    # From the business's policies (DESIGN §6).
    cancellation_hours: int
    max_clarifications: int
    max_name_attempts: int
    human_mode_hours: int


class ActionKind(StrEnum):
    """Work the decide node asks an activity node to do before it decides again."""

    SEARCH_SLOTS = "search_slots"
    FAQ = "faq"
    SAVE_CUSTOMER = "save_customer"
    START_BOOKING = "start_booking"
    CANCEL_BOOKING = "cancel_booking"
    RESCHEDULE_BOOKING = "reschedule_booking"
    CONFIRM_ATTENDANCE = "confirm_attendance"
    JOIN_WAITLIST = "join_waitlist"


class Resume(StrEnum):
    """Where decide resumes once an action's result is back. Recorded with the action in the graph's state: the
    values are those of the histories."""

    OPTED_OUT = "opted_out"
    OPTED_IN = "opted_in"
    NAME_SAVED = "name_saved"
    FAQ = "faq"
    OFFER = "offer"
    BOOKED = "booked"
    CANCELLED = "cancelled"
    MOVED = "moved"
    ATTENDANCE = "attendance"
    WAITLISTED = "waitlisted"


class TurnState(TypedDict, total=False):
    """The graph's state for one turn; every value is JSON."""

    business: str
    phone: str
    conversation_id: str
    message_id: str
    text: str
    profile_name: str | None
    now: str  # the workflow's clock, ISO
    memory: dict[str, Any]
    customer: dict[str, Any]
    understanding: dict[str, Any]
    # "claude", "rules" or "rules_fallback": which understanding answered this turn (kept in the history).
    understood_by: str
    action: dict[str, Any] | None
    result: dict[str, Any] | None
    replies: list[str]
    prefix: str | None
    team_alert: str | None
    escalated: bool
    opted_out: bool
    opted_in: bool
    booking_started: str | None
