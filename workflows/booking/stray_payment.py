"""StrayPaymentWorkflow: money that arrived for a booking that is closed or unknown goes back to whoever paid
it, and the team hears of it; never only a log line."""

from dataclasses import dataclass

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.payments.port import RefundDepositInput

from models.pricing import euros
from workflows.booking.payments import refund_payment
from workflows.booking.types import PaymentEvent
from workflows.refusals import Refusal
from workflows.team import Team


@dataclass
class StrayPaymentInput:
    # What the payment's metadata named (a booking whose workflow is closed, or none we know).
    booking_id: str
    payment: PaymentEvent
    # Whose alert list hears of it: the business the payment's account belongs to, else the default one.
    business: str


def stray_payment_workflow_id(event_id: str) -> str:
    return f"stray-payment:{event_id}"


@workflow.defn
class StrayPaymentWorkflow:
    @workflow.run
    async def run(self, input: StrayPaymentInput) -> bool:
        """True once the money went back."""
        payment = input.payment
        refused: Refusal | None = Refusal("refund_deposit", "Stripe no dijo el importe")
        if payment.amount is not None:
            refused = await refund_payment(
                RefundDepositInput(
                    input.booking_id, payment.session_id, payment.payment_intent_id, payment.amount, "stray", None
                ),
                "devuelve un pago sin reserva abierta",
                counted_as="stray",
            )
        amount = euros(payment.amount) if payment.amount is not None else "importe desconocido"
        outcome = "lo he devuelto" if refused is None else "no he podido devolverlo: devuélvelo desde Stripe"
        await Team(input.business, "").tell(
            f"🔔 Ha llegado un pago de {amount} para la reserva {input.booking_id}, que ya no está abierta "
            f"({payment.session_id}); {outcome}.",
            workflow.info().workflow_id,
            reason=refused.reason if refused else "pago para una reserva cerrada o desconocida",
        )
        return refused is None
