"""The payments port: what the booking workflow asks of any payment adapter (simulated or Stripe).

Every adapter registers activities with these names and types, so the workflow never knows which runs.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from temporalio import activity


@dataclass
class CreateDepositLinkInput:
    booking_id: str
    business: str
    amount: Decimal
    description: str
    customer_phone: str
    # 1 for the first link, 2 after a failed payment: part of the idempotency key, so a new link is new.
    attempt: int


@dataclass
class DepositLink:
    session_id: str
    url: str


@dataclass
class ExpireDepositLinkInput:
    session_id: str
    # Whose payment account the link is on (a Stripe Connect account per business). None in the histories of
    # bookings started before there was more than one business: the platform's own account.
    business: str | None = None


@dataclass
class RefundDepositInput:
    booking_id: str
    session_id: str
    payment_intent_id: str | None
    amount: Decimal
    # Why, for the idempotency key: one refund per booking and reason, however often it is retried.
    reason: str
    business: str | None = None


@dataclass
class RefundResult:
    refund_id: str
    status: str


class PaymentPort(Protocol):
    """The activities every payment adapter registers; workflows schedule them through these references."""

    @activity.defn(name="create_deposit_link")
    async def create_deposit_link(self, input: CreateDepositLinkInput) -> DepositLink: ...

    # Answers with what it was given: there is nothing more to know about an expired link.
    @activity.defn(name="expire_deposit_link")
    async def expire_deposit_link(self, input: ExpireDepositLinkInput) -> ExpireDepositLinkInput: ...

    @activity.defn(name="refund_deposit")
    async def refund_deposit(self, input: RefundDepositInput) -> RefundResult: ...
