"""The requests the decide node makes to activity nodes, and their answers (JSON on the wire, typed here)."""

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field

from workflows.booking.types import BookingStatus, CancelOutcome
from workflows.dialogue.state import ActionKind, SlotOption


class SearchSlots(BaseModel):
    kind: ActionKind = ActionKind.SEARCH_SLOTS
    services: list[str]
    # An accepted pack is priced as the pack, not as its services apart.
    pack: str | None = None
    first_day: date | None = None
    # "a las 5", "por la tarde": the slots offered are picked around them.
    time: str | None = None
    part_of_day: str | None = None
    staff: str | None = None
    preferred_staff: str | None = None
    party_size: int = 1


class PackFacts(BaseModel):
    name: str
    price: Decimal
    saving: Decimal
    services: list[str]


class SlotsFound(BaseModel):
    problem: str | None = None
    price: Decimal = Decimal("0.00")
    pack: PackFacts | None = None
    # service name -> "hairdressing" / "aesthetics", to split a mixed request in two bookings
    categories: dict[str, str] = Field(default_factory=dict)
    slots: list[SlotOption] = Field(default_factory=list)
    closed_reason: str | None = None
    # The day asked for is open and has nothing left (availability's day_full).
    day_full: bool = False


class Faq(BaseModel):
    kind: ActionKind = ActionKind.FAQ
    topics: list[str]
    # Prices asked: of these services, or of the whole catalogue when `catalogue` and none is named.
    services: list[str] = Field(default_factory=list)
    catalogue: bool = False


class ServicePrice(BaseModel):
    name: str
    price: Decimal
    minutes: int
    description: str


class FaqAnswers(BaseModel):
    answers: list[str]
    prices: list[ServicePrice] = Field(default_factory=list)


class SaveCustomer(BaseModel):
    kind: ActionKind = ActionKind.SAVE_CUSTOMER
    first_name: str | None = None
    opt_out: bool = False
    opt_in: bool = False  # ALTA: messages again


class CustomerSaved(BaseModel):
    customer_id: UUID


class BookedPerson(BaseModel):
    name: str | None
    relation: str | None
    staff_id: UUID
    staff_name: str


class StartBooking(BaseModel):
    kind: ActionKind = ActionKind.START_BOOKING
    booking_id: str
    start: datetime
    services: list[str]
    pack: str | None = None
    people: list[BookedPerson]
    # The conversation's language, for the booking's own messages (payment link, confirmation, reminder).
    language: str = "es"


class BookingStarted(BaseModel):
    booking_id: str
    status: BookingStatus


class CancelBooking(BaseModel):
    kind: ActionKind = ActionKind.CANCEL_BOOKING
    booking_id: str
    accept_no_refund: bool = False
    # One customer message is one cancellation attempt, however often the activity is retried.
    request_id: str


class CancelAnswer(BaseModel):
    outcome: CancelOutcome
    refunded: Decimal = Decimal("0.00")


class RescheduleBooking(BaseModel):
    kind: ActionKind = ActionKind.RESCHEDULE_BOOKING
    booking_id: str
    start: datetime
    staff_ids: list[UUID]
    staff_names: list[str]
    request_id: str


class RescheduleAnswer(BaseModel):
    moved: bool
    reason: str = ""


class ConfirmAttendance(BaseModel):
    kind: ActionKind = ActionKind.CONFIRM_ATTENDANCE
    booking_id: str
    # The customer's message: a yes after a later reminder (the booking moved) is recorded again.
    request_id: str


class AttendanceAnswer(BaseModel):
    confirmed: bool


class JoinWaitlist(BaseModel):
    kind: ActionKind = ActionKind.JOIN_WAITLIST
    services: list[str]
    day: date
    staff: str | None = None
    part_of_day: str | None = None


class WaitlistJoined(BaseModel):
    joined: bool


Action = (
    SearchSlots
    | Faq
    | SaveCustomer
    | StartBooking
    | CancelBooking
    | RescheduleBooking
    | ConfirmAttendance
    | JoinWaitlist
)
