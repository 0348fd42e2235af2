"""The payment provider's side of one booking: deposit links, closing them, refunds (activities with keys)."""

from dataclasses import dataclass
from decimal import Decimal

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.payments.port import (
        CreateDepositLinkInput,
        DepositLink,
        ExpireDepositLinkInput,
        PaymentPort,
        RefundDepositInput,
    )

from workflows import metrics
from workflows.options import PAYMENTS, described
from workflows.refusals import Refusal, attempt


@dataclass(frozen=True)
class DepositPayments:
    booking_id: str
    business: str
    deposit: Decimal
    # What the customer pays for, as the pay page shows it.
    concept: str
    customer_phone: str

    async def new_link(self, attempt_number: int) -> DepositLink | Refusal:
        return await attempt(
            PaymentPort.create_deposit_link,
            CreateDepositLinkInput(
                self.booking_id, self.business, self.deposit, self.concept, self.customer_phone, attempt_number
            ),
            described(PAYMENTS, f"enlace de pago (intento {attempt_number})"),
        )

    async def expire_link(self, session_id: str) -> Refusal | None:
        """A link must not take money for a slot the booking no longer holds."""
        expired = await attempt(
            PaymentPort.expire_deposit_link,
            ExpireDepositLinkInput(session_id, self.business),
            described(PAYMENTS, "caduca el enlace de pago"),
        )
        return expired if isinstance(expired, Refusal) else None

    async def refund(
        self,
        session_id: str,
        payment_intent_id: str | None,
        reason: str,
        amount: Decimal | None = None,
        counted_as: str | None = None,
    ) -> Refusal | None:
        """None once refunded (the deposit, or `amount`); the provider's refusal otherwise (the caller records
        it as pending). `reason` is part of the idempotency key: one refund per booking and reason."""
        return await refund_payment(
            RefundDepositInput(
                self.booking_id, session_id, payment_intent_id, amount or self.deposit, reason, self.business
            ),
            "devuelve el anticipo",
            counted_as=counted_as or reason,
        )


async def refund_payment(refund: RefundDepositInput, summary: str, *, counted_as: str) -> Refusal | None:
    """One refund through the payment provider; None once done, its refusal otherwise (never raised)."""
    refunded = await attempt(PaymentPort.refund_deposit, refund, described(PAYMENTS, summary))
    if isinstance(refunded, Refusal):
        return refunded
    metrics.refund(counted_as)
    return None
