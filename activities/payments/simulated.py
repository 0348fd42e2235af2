"""The simulated payments adapter: deposit links open our own pay page instead of Stripe Checkout.

The link carries the booking and amount, signed with the Stripe webhook secret, so the pay page can
build a genuine Stripe-format event for exactly that booking and nobody can forge one for another.
"""

import hashlib
from urllib.parse import urlencode

from pydantic import SecretStr
from temporalio import activity

from activities.payments.port import (
    CreateDepositLinkInput,
    DepositLink,
    ExpireDepositLinkInput,
    PaymentPort,
    RefundDepositInput,
    RefundResult,
)
from models.pay_link import link_signature


def _digest(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode()).hexdigest()[:24]


class SimulatedPayments(PaymentPort):
    """Registers the payments port's activities without any payment provider."""

    def __init__(self, *, public_base_url: str, secret: SecretStr) -> None:
        self._base = public_base_url.rstrip("/")
        self._secret = secret

    @activity.defn(name="create_deposit_link")
    async def create_deposit_link(self, input: CreateDepositLinkInput) -> DepositLink:
        """A pay-page URL; the same booking and attempt always give the same session (idempotent)."""
        session_id = f"cs_sim_{_digest(input.booking_id, str(input.attempt))}"
        amount = f"{input.amount:.2f}"
        query = urlencode(
            {
                "booking": input.booking_id,
                "amount": amount,
                "concept": input.description,
                "sig": link_signature(self._secret, session_id, input.booking_id, amount, input.description),
            }
        )
        return DepositLink(session_id=session_id, url=f"{self._base}/pay/{session_id}?{query}")

    @activity.defn(name="expire_deposit_link")
    async def expire_deposit_link(self, input: ExpireDepositLinkInput) -> ExpireDepositLinkInput:
        """Nothing to expire remotely: the booking workflow already ignores payments for a released hold."""
        return input

    @activity.defn(name="refund_deposit")
    async def refund_deposit(self, input: RefundDepositInput) -> RefundResult:
        """A refund id derived from booking and reason, as Stripe's idempotency key would make it."""
        return RefundResult(refund_id=f"re_sim_{_digest(input.booking_id, input.reason)}", status="succeeded")
