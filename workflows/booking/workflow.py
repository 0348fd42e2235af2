"""BookingWorkflow: hold -> deposit -> wait for payment (durable timers) -> confirm -> remind -> complete.

One workflow per booking (`booking:{id}`), owning one appointment or a group starting together. While it
waits it accepts payment signals, cancel and reschedule updates and staff actions; every side effect is an
activity with an idempotency key, so replays and retries never double-send, double-charge or double-book.
"""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from decimal import Decimal

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from activities.booking.context import BookingContextInput, BookingContextLoader
    from models.enums import AppointmentStatus, PaymentStatus
    from models.pricing import deposit_shares

from workflows import metrics
from workflows.booking import changes as booking_changes
from workflows.booking import details, texts
from workflows.booking.deposit import DepositCollector, give_back
from workflows.booking.effects import BookingEffects
from workflows.booking.state import BookingState
from workflows.booking.types import (
    BookingInput,
    BookingStatus,
    BookingView,
    CancelRequest,
    CancelResult,
    PaymentEvent,
    RescheduleRequest,
    RescheduleResult,
)
from workflows.booking.waitlist import offer_freed_slot
from workflows.options import DATABASE, described
from workflows.refusals import Refusal, attempt
from workflows.team import Team
from workflows.timers import sleep_until


# A booking finishes on the build it started on (Worker Versioning), so its code changes need no
# `workflow.patched` branches. Pinned by the versioned worker's default behaviour, not named here: a Temporal
# server refuses every task of a workflow that names one when its worker is unversioned (tests, the fault rig).
@workflow.defn
class BookingWorkflow:
    """The lifecycle of DESIGN §4; all numbers come from the business's policy rows."""

    def __init__(self) -> None:
        self._s = BookingState()
        self._lock = asyncio.Lock()
        self._effects: BookingEffects | None = None

    # -- messages from outside ------------------------------------------------------------------------
    @workflow.signal
    async def payment_succeeded(self, event: PaymentEvent) -> None:
        """Stripe (or the simulated pay page) says the deposit was paid; duplicates are ignored. A payment that
        is not this booking's deposit is given back and the team told."""
        await workflow.wait_condition(lambda: self._effects is not None)
        strays = len(self._s.payment.strays)
        self._s.payment.succeeded(event, self._fx.deposit, self._fx.ctx.stripe_account_id)
        if len(self._s.payment.strays) > strays:
            await give_back(self._fx, event)

    @workflow.signal
    def payment_failed(self, event: PaymentEvent) -> None:
        self._s.payment.failed(event)

    @workflow.signal
    async def deposit_refunded(self, event: PaymentEvent) -> None:
        """Stripe says the charge was refunded (by us, or by hand in the Dashboard): the rows say so too."""
        if event.event_id in self._s.payment.seen_events:
            return
        self._s.payment.seen_events.add(event.event_id)
        await workflow.wait_condition(lambda: self._effects is not None and bool(self._effects.appointment_ids))
        async with self._lock:
            await self._fx.update(
                "anticipo devuelto (Stripe)", payment_status=PaymentStatus.REFUNDED, only_from=list(AppointmentStatus)
            )

    @workflow.signal
    def payment_link_expired(self, event: PaymentEvent) -> None:
        """Stripe expired the Checkout Session: if it is the unpaid current link, the hold is released now."""
        self._s.payment.expired(event)

    @workflow.update
    async def cancel(self, request: CancelRequest) -> CancelResult:
        """Cancel with the refund policy; inside the cut-off it answers NO_REFUND_OFFER_RESCHEDULE first."""
        await workflow.wait_condition(lambda: self._effects is not None)
        async with self._lock:
            unpaid_link = self._s.payment.link if self._s.payment.paid is None else None
            result = await booking_changes.cancel(self._fx, request, self._s.status, self._s.payment.paid)
            if result.outcome.value.startswith("cancelled"):
                if unpaid_link is not None:
                    await self._fx.close_link(unpaid_link.session_id)
                self._s.become(
                    BookingStatus.CANCELLED, self._fx, note=details.cancelled_by(request, result.refunded_amount)
                )
                self._s.changed = True
                await offer_freed_slot(self._fx)
            return result

    @workflow.update
    async def reschedule(self, request: RescheduleRequest) -> RescheduleResult:
        """Move a confirmed booking: the new slot is held before the old one is let go; the deposit stays."""
        await workflow.wait_condition(lambda: self._effects is not None)
        async with self._lock:
            if self._s.status != BookingStatus.CONFIRMED:
                return RescheduleResult(moved=False, reason="not_confirmed")
            result = await booking_changes.reschedule(self._fx, request)
            self._s.changed = True
            return result

    @workflow.update
    async def confirm_attendance(self) -> bool:
        """The customer answered the reminder: they are coming. False when the booking is not confirmed."""
        await workflow.wait_condition(lambda: self._effects is not None)
        async with self._lock:
            if self._s.status != BookingStatus.CONFIRMED:
                return False
            if self._s.attendance_confirmed_for != self._fx.start:
                self._s.attendance_confirmed_for = self._fx.start
                await self._fx.update("anota que el cliente confirma", attendance_confirmed_at=workflow.now())
            return True

    @workflow.signal
    async def mark_no_show(self) -> None:
        """Staff: the customer did not come; the deposit is kept."""
        await self._closed_by_staff(BookingEffects.no_show, BookingStatus.NO_SHOW, details.NO_SHOW_BY_STAFF)

    @workflow.signal
    async def mark_completed(self) -> None:
        """Staff: the appointment is done (a walk-in finished early, say), before its end time closes it."""
        await self._closed_by_staff(BookingEffects.complete, BookingStatus.COMPLETED, details.COMPLETED_BY_STAFF)

    async def _closed_by_staff(
        self, effect: Callable[[BookingEffects], Awaitable[None]], status: BookingStatus, note: str
    ) -> None:
        await workflow.wait_condition(lambda: self._effects is not None)
        async with self._lock:
            if self._s.status == BookingStatus.CONFIRMED:
                await effect(self._fx)
                self._s.become(status, self._fx, note=note)
                self._s.changed = True

    @workflow.update
    async def held(self) -> BookingStatus:
        """Answers once the hold is decided (slot taken, or held and past it), so the conversation can re-offer."""
        await workflow.wait_condition(lambda: self._s.status != BookingStatus.HOLDING)
        return self._s.status

    @workflow.query
    def view(self) -> BookingView:
        """Answers from the first moment; deposit and rows are known once the hold is taken."""
        fx = self._effects
        return BookingView(
            booking_id=workflow.info().workflow_id.removeprefix("booking:"),
            status=self._s.status,
            start=fx.start if fx else None,
            deposit=fx.deposit if fx else None,
            payment_url=self._s.payment.link.url if self._s.payment.link else None,
            hold_expires_at=self._s.payment.expires_at,
            appointment_ids=list(fx.appointment_ids) if fx else [],
            payment_failures=len(self._s.payment.failures),
        )

    # -- the lifecycle ---------------------------------------------------------------------------------
    @workflow.run
    async def run(self, input: BookingInput) -> BookingStatus:
        status = await self._lifecycle(input)
        # A stray payment's refund or a Stripe refund notice may still be on its way: finish it first.
        await workflow.wait_condition(workflow.all_handlers_finished)
        return status

    async def _lifecycle(self, input: BookingInput) -> BookingStatus:
        ctx = await attempt(
            BookingContextLoader.load_booking_context,
            BookingContextInput(input.business, input.booked_by_id),
            described(DATABASE, "lee políticas del negocio"),
        )
        if isinstance(ctx, Refusal):
            self._s.status = BookingStatus.NOT_STARTED
            await Team(input.business, input.customer_phone).tell(
                f"🔔 No he podido empezar la reserva de {input.customer_phone} ({input.start:%d/%m %H:%M} UTC).",
                f"{workflow.info().workflow_id}:not-started",
                reason=ctx.reason,
            )
            return self._s.status
        deposits = deposit_shares(input.items, ctx.policies.deposit_percent)
        self._effects = BookingEffects(input, ctx, sum(deposits, Decimal("0.00")))
        self._fx.publish(self._s.status)
        held = await self._fx.hold("reserva provisional del hueco")
        if isinstance(held, Refusal):
            await self._fx.flag("not-started", "No he podido reservar el hueco", [held])
            self._s.become(BookingStatus.NOT_STARTED, self._fx)
            return self._s.status
        if not held.held:
            self._s.become(BookingStatus.SLOT_TAKEN, self._fx)
            return self._s.status
        await self._fx.adopt_hold(held.appointment_ids)
        if self._fx.deposit == 0 or input.paid_at_desk:
            await self._fx.confirm(payment=None)
            self._s.become(BookingStatus.CONFIRMED, self._fx)
        elif not await DepositCollector(self._fx, self._s, self._lock).collect():
            await self._tell_conversation_settled()
            return self._s.status
        await self._tell_conversation_settled()
        await self._attend()
        return self._s.status

    async def _attend(self) -> None:
        """Confirmed: 48 h reminder, then completed at the end; reschedules move the timers."""
        fx = self._fx
        reminded_start: datetime | None = None
        warned_start: datetime | None = None
        confirmed_at = workflow.now()
        while self._s.status == BookingStatus.CONFIRMED:
            self._s.changed = False
            remind_at = fx.start - timedelta(hours=fx.ctx.policies.reminder_before_hours)
            # Booked inside the reminder window: the confirmation itself is the reminder.
            needs_reminder = reminded_start != fx.start and remind_at > confirmed_at
            if needs_reminder and workflow.now() < remind_at:
                if not await sleep_until(remind_at, lambda: self._s.changed, "recordatorio 48 h"):
                    reminded_start = fx.start
                    await self._remind()
                continue
            if reminded_start == fx.start and warned_start != fx.start:
                warned_start = fx.start
                await self._await_attendance()
                continue
            if not await sleep_until(fx.end, lambda: self._s.changed, "fin de la cita"):
                async with self._lock:
                    if self._s.status == BookingStatus.CONFIRMED:
                        await fx.complete()
                        self._s.become(BookingStatus.COMPLETED, self._fx)

    async def _remind(self) -> None:
        fx = self._fx
        await fx.send(
            f"reminder-{fx.start.isoformat()}",
            texts.reminder(
                what=fx.said_what,
                at=fx.said_at,
                language=fx.language,
                template_params=[fx.at, fx.what],
            ),
        )
        metrics.reminder("appointment")
        # What the conversation reads to take the customer's next "sí" as this answer.
        await fx.update("anota el recordatorio", reminded_at=workflow.now())

    async def _await_attendance(self) -> None:
        """The customer's yes, or by the policy's deadline the salon hears they have not answered."""
        fx = self._fx
        deadline = fx.start - timedelta(hours=fx.ctx.policies.attendance_confirm_by_hours)
        start = fx.start

        def answered() -> bool:
            return self._s.changed or self._s.attendance_confirmed_for == start

        if answered() or workflow.now() >= deadline:
            return
        if not await sleep_until(deadline, answered, "espera la confirmación del cliente"):
            await fx.team.tell(
                texts.attendance_unconfirmed(
                    customer=fx.customer, phone=fx.input.customer_phone, what=fx.what, at=fx.at
                ),
                f"{workflow.info().workflow_id}:unconfirmed-{start.isoformat()}",
            )

    async def _tell_conversation_settled(self) -> None:
        """The conversation shows 'waiting_payment' to operators until it hears the deposit is settled."""
        conversation = self._fx.input.conversation_workflow_id
        if conversation:
            try:
                await workflow.get_external_workflow_handle(conversation).signal(
                    "booking_settled", self._fx.input.booking_id
                )
            except ApplicationError:
                workflow.logger.warning("conversation %s not found to tell the booking settled", conversation)

    # -- helpers -------------------------------------------------------------------------------------------
    @property
    def _fx(self) -> BookingEffects:
        assert self._effects is not None
        return self._effects
