"""The payment provider's side of one booking: deposit links, closing them, refunds (activities with keys)."""

from dataclasses import dataclass
from decimal import Decimal

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.payment_port import (
        CreateDepositLinkInput,
        DepositLink,
        ExpireDepositLinkInput,
        RefundDepositInput,
        RefundResult,
    )

from workflows import metrics
from workflows.activity_calls import PAYMENTS, call


@dataclass(frozen=True)
class DepositPayments:
    booking_id: str
    business: str
    deposit: Decimal
    # What the customer pays for, as the pay page shows it.
    concept: str
    customer_phone: str

    async def new_link(self, attempt: int) -> DepositLink:
        return await call(
            PAYMENTS,
            "create_deposit_link",
            CreateDepositLinkInput(
                self.booking_id, self.business, self.deposit, self.concept, self.customer_phone, attempt
            ),
            DepositLink,
            f"enlace de pago (intento {attempt})",
        )

    async def expire_link(self, session_id: str) -> None:
        """A link must not take money for a slot the booking no longer holds."""
        await call(
            PAYMENTS,
            "expire_deposit_link",
            ExpireDepositLinkInput(session_id, self.business),
            ExpireDepositLinkInput,
            "caduca el enlace de pago",
        )

    async def refund(self, session_id: str, payment_intent_id: str | None, reason: str) -> None:
        await call(
            PAYMENTS,
            "refund_deposit",
            RefundDepositInput(self.booking_id, session_id, payment_intent_id, self.deposit, reason, self.business),
            RefundResult,
            "devuelve el anticipo",
        )
        metrics.refund(reason)
