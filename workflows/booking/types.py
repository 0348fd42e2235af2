"""The BookingWorkflow's interface: its input, the signals and updates it accepts, and what it answers."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    # The hold activity's item is the booking's: one type from the bottom layer, both sides import it.
    from activities.booking.store import BookingItem as BookingItem


@dataclass
class BookingInput:
    """A booking of one or more appointments starting together (a group shares one deposit)."""

    booking_id: str
    business: str
    # The person who books and pays; every message goes to this phone.
    customer_phone: str
    booked_by_id: UUID
    start: datetime
    items: list[BookingItem]
    conversation_workflow_id: str | None = None
    # Whoever books, by name, so the input an operator reads in the Web UI needs no lookup of `booked_by_id`.
    customer_name: str | None = None
    # The conversation's language: the customer's messages about this booking are in it.
    language: str = "es"
    # Booked by staff in /admin with the deposit paid at the desk: confirmed at once, refunded at the desk.
    paid_at_desk: bool = False
    # A slot freed for a customer on the waitlist: the deposit request says so.
    from_waitlist: bool = False


class BookingStatus(StrEnum):
    """The search-attribute value an operator filters on (BookingStatus="awaiting_payment")."""

    HOLDING = "holding"
    AWAITING_PAYMENT = "awaiting_payment"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    SLOT_TAKEN = "slot_taken"
    NO_SHOW = "no_show"
    ESCALATED = "escalated"
    # The booking could not begin (no hold, no payment link, the link undeliverable): nothing is held, the
    # team was told; the conversation tells the customer a person will finish it.
    NOT_STARTED = "not_started"


@dataclass
class PaymentEvent:
    """A payment provider event routed to this booking; `event_id` makes redelivery harmless."""

    event_id: str
    session_id: str
    payment_intent_id: str | None = None
    amount: Decimal | None = None
    # ISO code in lower case, as Stripe writes it ("eur"), and the Connect account the event came from.
    currency: str | None = None
    account: str | None = None


@dataclass
class CancelRequest:
    # A customer who was told there is no refund and still wants to cancel sets this.
    accept_no_refund: bool = False
    # Staff decide the refund themselves from the admin.
    by_staff: bool = False
    staff_refund: bool = False


class CancelOutcome(StrEnum):
    CANCELLED_REFUNDED = "cancelled_refunded"
    CANCELLED_NO_REFUND = "cancelled_no_refund"
    CANCELLED_NOTHING_PAID = "cancelled_nothing_paid"
    # Within the refund cut-off: nothing changed; the conversation offers to move the appointment.
    NO_REFUND_OFFER_RESCHEDULE = "no_refund_offer_reschedule"
    NOT_CANCELLABLE = "not_cancellable"


@dataclass
class CancelResult:
    outcome: CancelOutcome
    refunded_amount: Decimal = Decimal("0.00")


@dataclass
class RescheduleRequest:
    start: datetime
    # Same staff as before unless the customer chose others (one per item, in order).
    staff_ids: list[UUID] = field(default_factory=list)
    staff_names: list[str] = field(default_factory=list)


@dataclass
class RescheduleResult:
    moved: bool
    reason: str = ""


@dataclass
class BookingView:
    """What a query returns: enough for the conversation and the admin to explain the booking."""

    booking_id: str
    status: BookingStatus
    start: datetime | None
    deposit: Decimal | None
    payment_url: str | None
    hold_expires_at: datetime | None
    appointment_ids: list[UUID]
    payment_failures: int
