"""Changes a customer or the staff ask of a booking: cancel (with the refund rule) and reschedule."""

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.booking.store import BookingItem, BookingStore, MoveInput
    from activities.calendar.port import CalendarPort
    from models.enums import AppointmentStatus, PaymentStatus
    from models.pricing import euros

from workflows.booking import texts
from workflows.booking.cancellation import decide_cancellation
from workflows.booking.effects import BookingEffects
from workflows.booking.types import (
    BookingStatus,
    CancelOutcome,
    CancelRequest,
    CancelResult,
    PaymentEvent,
    RescheduleRequest,
    RescheduleResult,
)
from workflows.options import DATABASE, described

CANCELLABLE = (BookingStatus.AWAITING_PAYMENT, BookingStatus.CONFIRMED, BookingStatus.ESCALATED)
PAYMENT_AFTER = {
    CancelOutcome.CANCELLED_REFUNDED: PaymentStatus.REFUNDED,
    CancelOutcome.CANCELLED_NO_REFUND: PaymentStatus.FORFEITED,
}


async def cancel(
    fx: BookingEffects, request: CancelRequest, status: BookingStatus, paid: PaymentEvent | None
) -> CancelResult:
    if status not in CANCELLABLE:
        return CancelResult(CancelOutcome.NOT_CANCELLABLE)
    decision = decide_cancellation(
        request,
        hours_left=(fx.start - workflow.now()) / timedelta(hours=1),
        refund_cutoff_hours=fx.ctx.policies.refund_cutoff_hours,
        deposit_paid=fx.deposit if paid or fx.paid_at_desk else Decimal("0.00"),
    )
    if decision.outcome == CancelOutcome.NO_REFUND_OFFER_RESCHEDULE:
        return CancelResult(decision.outcome)
    refunded = Decimal("0.00")
    pending = False
    if decision.refund and paid is not None:
        # Stripe refusing the refund does not undo the cancellation: the rows say pending, the team retries.
        pending = not await fx.refund(paid, "cancellation")
        refunded = Decimal("0.00") if pending else fx.deposit
    elif decision.refund and fx.paid_at_desk:
        # Paid at the desk, given back there: no provider holds it, so the salon is told to do it.
        refunded = fx.deposit
        await fx.team.tell(
            f"💶 Devuelve en el mostrador el anticipo de {euros(refunded)} a {fx.customer}: ha cancelado {fx.what}, "
            f"{fx.at}.",
            f"{workflow.info().workflow_id}:desk-refund",
        )
    changes: dict[str, object] = {"status": AppointmentStatus.CANCELLED}
    if decision.outcome in PAYMENT_AFTER:
        changes["payment_status"] = PaymentStatus.REFUND_PENDING if pending else PAYMENT_AFTER[decision.outcome]
    await fx.update("cancela la cita", **changes)
    await fx.delete_events()
    await fx.send(
        "cancelled", texts.cancelled(at=fx.said_at, refunded=refunded, language=fx.language, refund_pending=pending)
    )
    await _tell_people(
        fx,
        "staff-cancelled",
        lambda item: texts.staff_cancelled(customer=fx.customer, what=" + ".join(item.service_names), at=fx.at),
    )
    return CancelResult(decision.outcome, refunded)


async def _tell_people(
    fx: BookingEffects,
    purpose: str,
    notice: Callable[[BookingItem], texts.Notice],
    items: list[BookingItem] | None = None,
) -> None:
    """The stylists of `items` (the booking's own by default) on their phones, and the salon's team when its
    rules ask for it."""
    told = items if items is not None else fx.input.items
    await fx.tell_stylists(purpose, notice, told)
    if fx.ctx.policies.owner_told_of_changes:
        said = "\n".join(notice(item).text for item in told)
        await fx.team.tell(said, f"{workflow.info().workflow_id}:{purpose}-team")


async def reschedule(fx: BookingEffects, request: RescheduleRequest) -> RescheduleResult:
    """The rows move in one statement each, so the new slot is held before the old one is let go."""
    items = fx.input.items
    staff_ids = request.staff_ids or [i.staff_id for i in items]
    names = request.staff_names or [i.staff_name for i in items]
    moved = await workflow.execute_activity_method(
        BookingStore.move_appointments,
        MoveInput(fx.appointment_ids, request.start, staff_ids, [i.duration_minutes for i in items]),
        **described(DATABASE, "mueve la cita (el hueco nuevo antes de soltar el viejo)"),
    )
    if not moved.held:
        return RescheduleResult(moved=False, reason="slot_taken")
    staff_changed = staff_ids != [i.staff_id for i in items]
    if staff_changed:  # the events live in the old staff member's calendar
        await fx.delete_events()
    before = fx.at
    fx.start = request.start
    fx.input.items = [replace(i, staff_id=s, staff_name=n) for i, s, n in zip(items, staff_ids, names, strict=True)]
    await fx.write_events(
        CalendarPort.create_calendar_event if staff_changed else CalendarPort.update_calendar_event, provisional=False
    )
    fx.publish(BookingStatus.CONFIRMED)
    await fx.send(
        f"rescheduled-{request.start.isoformat()}",
        texts.rescheduled(what=fx.said_what, at=fx.said_at, language=fx.language),
    )
    await _tell_moved(fx, items, before, f"{request.start.isoformat()}")
    return RescheduleResult(moved=True)


async def _tell_moved(fx: BookingEffects, old_items: list[BookingItem], before: str, when: str) -> None:
    """Each stylist who had it hears where it went; one who gets it from a colleague hears of a new appointment."""
    now_with = {old.staff_id: new for old, new in zip(old_items, fx.input.items, strict=True)}

    def moved(item: BookingItem) -> texts.Notice:
        new = now_with[item.staff_id]
        return texts.staff_moved(
            customer=fx.customer,
            what=" + ".join(item.service_names),
            before=before,
            after=fx.at,
            to_staff=new.staff_name if new.staff_id != item.staff_id else None,
        )

    await _tell_people(fx, f"staff-moved-{when}", moved, old_items)
    newcomers = [item for item in fx.input.items if item.staff_id not in now_with]
    await fx.tell_stylists(f"staff-notice-{when}", fx.new_appointment_notice, newcomers)
