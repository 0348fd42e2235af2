"""A booking let go (cancelled, or its hold expired unpaid) offers its slot to the waitlist."""

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.booking.waitlist import FreedSlot, Waitlist

from workflows.booking.effects import BookingEffects
from workflows.options import DATABASE, described
from workflows.refusals import Refusal, attempt


async def offer_freed_slot(fx: BookingEffects) -> None:
    """Whoever waits for this day gets the slot held; a refusal (the database down past its retries) only
    means nobody is offered it, which the team can still do by hand."""
    if workflow.now() >= fx.start:
        return
    items = fx.input.items
    freed = FreedSlot(
        fx.input.business,
        fx.start,
        [i.staff_id for i in items],
        [i.duration_minutes for i in items],
        fx.input.booking_id,
    )
    offered = await attempt(
        Waitlist.offer_freed_slot, freed, described(DATABASE, "ofrece el hueco a la lista de espera")
    )
    if isinstance(offered, Refusal):
        workflow.logger.warning("freed slot not offered to the waitlist: %s", offered.reason)
