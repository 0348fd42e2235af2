"""RefundRetryWorkflow: staff retry from /admin a refund Stripe refused (rows `refund_pending`). Refunded: the
rows say so; refused again: the team hears Stripe's reason and the rows stay pending for the next try."""

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.booking.store import BookingStore, UpdateAppointmentsInput
    from activities.payments.port import RefundDepositInput
    from models.enums import AppointmentStatus, PaymentStatus

from models.pricing import euros
from workflows.booking.payments import refund_payment
from workflows.options import DATABASE, described
from workflows.refusals import attempt
from workflows.team import Team


@dataclass
class RefundRetryInput:
    business: str
    booking_id: str
    customer_phone: str
    appointment_ids: list[UUID]
    # What the rows kept of the payment: its PaymentIntent (pi_…) or, for older rows, its Checkout Session.
    payment_reference: str
    amount: Decimal


def refund_retry_workflow_id(booking_id: str) -> str:
    return f"refund-retry:{booking_id}"


@workflow.defn
class RefundRetryWorkflow:
    @workflow.run
    async def run(self, input: RefundRetryInput) -> bool:
        reference = input.payment_reference
        is_intent = reference.startswith("pi_")
        refused = await refund_payment(
            RefundDepositInput(
                input.booking_id,
                "" if is_intent else reference,
                reference if is_intent else None,
                input.amount,
                # A new idempotency key per retry: Stripe answers a reused key with its earlier refusal.
                f"admin-retry-{workflow.info().run_id}",
                input.business,
            ),
            "reintenta la devolución",
            counted_as="admin-retry",
        )
        if refused is not None:
            await Team(input.business, input.customer_phone).tell(
                f"🔔 Stripe sigue sin devolver {euros(input.amount)} a {input.customer_phone}.",
                f"{workflow.info().workflow_id}:{workflow.info().run_id}",
                reason=refused.reason,
            )
            return False
        await attempt(
            BookingStore.update_appointments,
            UpdateAppointmentsInput(
                input.appointment_ids, only_from=list(AppointmentStatus), payment_status=PaymentStatus.REFUNDED
            ),
            described(DATABASE, "anota la devolución"),
        )
        return True
