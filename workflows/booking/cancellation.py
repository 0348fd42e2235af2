"""Who gets their deposit back: the cancellation rule as a pure function of the facts."""

from dataclasses import dataclass
from decimal import Decimal

from workflows.booking.types import CancelOutcome, CancelRequest


@dataclass(frozen=True)
class CancelDecision:
    outcome: CancelOutcome
    refund: bool


def decide_cancellation(
    request: CancelRequest, *, hours_left: float, refund_cutoff_hours: int, deposit_paid: Decimal
) -> CancelDecision:
    """More than the cut-off ahead: refund. Inside it: first say so (the conversation offers to move the
    appointment); cancel without refund only once the customer accepts. Staff choose the refund themselves."""
    if deposit_paid <= 0:
        return CancelDecision(CancelOutcome.CANCELLED_NOTHING_PAID, refund=False)
    if request.by_staff:
        if request.staff_refund:
            return CancelDecision(CancelOutcome.CANCELLED_REFUNDED, refund=True)
        return CancelDecision(CancelOutcome.CANCELLED_NO_REFUND, refund=False)
    if hours_left > refund_cutoff_hours:
        return CancelDecision(CancelOutcome.CANCELLED_REFUNDED, refund=True)
    if request.accept_no_refund:
        return CancelDecision(CancelOutcome.CANCELLED_NO_REFUND, refund=False)
    return CancelDecision(CancelOutcome.NO_REFUND_OFFER_RESCHEDULE, refund=False)
