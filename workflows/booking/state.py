"""What a BookingWorkflow knows between its handlers, in one object: its status, its payment, and whether a
change (reschedule, cancellation, no-show) means the timers must be set again."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.payments.port import DepositLink

from workflows import metrics
from workflows.booking.effects import BookingEffects
from workflows.booking.types import BookingStatus, PaymentEvent


@dataclass
class PaymentState:
    paid: PaymentEvent | None = None
    failures: list[PaymentEvent] = field(default_factory=list)
    seen_events: set[str] = field(default_factory=set)
    expires_at: datetime | None = None
    link: DepositLink | None = None
    # The provider expired the link the customer has (a session expired in the Dashboard, or by Stripe).
    link_expired: bool = False
    # Every Checkout Session this booking made: a payment of any other is not its deposit.
    sessions: list[str] = field(default_factory=list)
    # Payments that named this booking but were not its deposit (another session, amount, currency, account).
    strays: list[PaymentEvent] = field(default_factory=list)

    def succeeded(self, event: PaymentEvent, deposit: Decimal, account: str | None) -> None:
        """Providers redeliver: an event id counts once, and only the first payment counts. A payment that is
        not exactly this booking's deposit is set aside for the team, never taken as paid."""
        if event.event_id in self.seen_events:
            return
        self.seen_events.add(event.event_id)
        if not self._is_the_deposit(event, deposit, account):
            self.strays.append(event)
        elif self.paid is None:
            self.paid = event

    def _is_the_deposit(self, event: PaymentEvent, deposit: Decimal, account: str | None) -> bool:
        # Older events carried only the session; what an event does not say is not held against it.
        return (
            (not self.sessions or event.session_id in self.sessions)
            and event.amount in (None, deposit)
            and event.currency in (None, "eur")
            and (event.account is None or event.account == account)
        )

    def new_link(self, link: DepositLink) -> None:
        self.link = link
        self.sessions.append(link.session_id)

    def expired(self, event: PaymentEvent) -> None:
        """Only the current link matters: older ones were replaced on purpose."""
        if self.link is not None and event.session_id == self.link.session_id and self.paid is None:
            self.link_expired = True

    def failed(self, event: PaymentEvent) -> None:
        if event.event_id not in self.seen_events:
            self.seen_events.add(event.event_id)
            self.failures.append(event)


@dataclass
class BookingState:
    status: BookingStatus = BookingStatus.HOLDING
    payment: PaymentState = field(default_factory=PaymentState)
    # Set by a change since the reminder and end timers were set: they are set again.
    changed: bool = False
    # The start time the customer said yes to after the reminder (a move asks again).
    attendance_confirmed_for: datetime | None = None

    def become(self, status: BookingStatus, fx: BookingEffects, note: str = "") -> None:
        """The new status, counted and shown to operators (search attribute and current details, with `note`)."""
        self.status = status
        metrics.booking_status(status.value)
        fx.publish(status, note)
