"""BookingWorkflow: hold -> deposit -> wait for payment (durable timers) -> confirm -> remind -> complete.

One workflow per booking (`booking:{id}`), owning one appointment or a group starting together. While it
waits it accepts payment signals, cancel and reschedule updates and staff actions; every side effect is an
activity with an idempotency key, so replays and retries never double-send, double-charge or double-book.
"""

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.booking_context import BookingContext, BookingContextInput
    from activities.booking_store import HoldInput, HoldResult
    from activities.payment_port import DepositLink
    from models.pricing import deposit_shares

from workflows import booking_changes
from workflows import booking_texts as texts
from workflows.activity_calls import DATABASE, call
from workflows.booking_effects import BookingEffects
from workflows.booking_types import (
    BookingInput,
    BookingStatus,
    BookingView,
    CancelRequest,
    CancelResult,
    PaymentEvent,
    RescheduleRequest,
    RescheduleResult,
)
from workflows.timers import sleep_until


@workflow.defn
class BookingWorkflow:
    """The lifecycle of DESIGN §4; all numbers come from the business's policy rows."""

    def __init__(self) -> None:
        self._status = BookingStatus.HOLDING
        self._paid: PaymentEvent | None = None
        self._failures: list[PaymentEvent] = []
        self._seen_events: set[str] = set()
        self._expires_at: datetime | None = None
        self._link: DepositLink | None = None
        self._changed = False
        self._lock = asyncio.Lock()
        self._effects: BookingEffects | None = None

    # -- messages from outside ------------------------------------------------------------------------
    @workflow.signal
    def payment_succeeded(self, event: PaymentEvent) -> None:
        """Stripe (or the simulated pay page) says the deposit was paid; duplicates are ignored."""
        if event.event_id not in self._seen_events and self._paid is None:
            self._seen_events.add(event.event_id)
            self._paid = event

    @workflow.signal
    def payment_failed(self, event: PaymentEvent) -> None:
        if event.event_id not in self._seen_events:
            self._seen_events.add(event.event_id)
            self._failures.append(event)

    @workflow.update
    async def cancel(self, request: CancelRequest) -> CancelResult:
        """Cancel with the refund policy; inside the cut-off it answers NO_REFUND_OFFER_RESCHEDULE first."""
        await workflow.wait_condition(lambda: self._effects is not None)
        async with self._lock:
            unpaid_link = self._link if self._paid is None else None
            result = await booking_changes.cancel(self._fx, request, self._status, self._paid)
            if result.outcome.value.startswith("cancelled"):
                if unpaid_link is not None:
                    await self._fx.expire_link(unpaid_link.session_id)
                self._set_status(BookingStatus.CANCELLED)
                self._changed = True
            return result

    @workflow.update
    async def reschedule(self, request: RescheduleRequest) -> RescheduleResult:
        """Move a confirmed booking: the new slot is held before the old one is let go; the deposit stays."""
        await workflow.wait_condition(lambda: self._effects is not None)
        async with self._lock:
            if self._status != BookingStatus.CONFIRMED:
                return RescheduleResult(moved=False, reason="not_confirmed")
            result = await booking_changes.reschedule(self._fx, request)
            self._changed = True
            return result

    @workflow.signal
    async def mark_no_show(self) -> None:
        """Staff: the customer did not come; the deposit is kept."""
        await workflow.wait_condition(lambda: self._effects is not None)
        async with self._lock:
            if self._status == BookingStatus.CONFIRMED:
                await self._fx.no_show()
                self._set_status(BookingStatus.NO_SHOW)
                self._changed = True

    @workflow.query
    def view(self) -> BookingView:
        """Answers from the first moment; deposit and rows are known once the hold is taken."""
        fx = self._effects
        return BookingView(
            booking_id=workflow.info().workflow_id.removeprefix("booking:"),
            status=self._status,
            start=fx.start if fx else None,
            deposit=fx.deposit if fx else None,
            payment_url=self._link.url if self._link else None,
            hold_expires_at=self._expires_at,
            appointment_ids=list(fx.appointment_ids) if fx else [],
            payment_failures=len(self._failures),
        )

    # -- the lifecycle ---------------------------------------------------------------------------------
    @workflow.run
    async def run(self, input: BookingInput) -> BookingStatus:
        ctx = await call(
            DATABASE,
            "load_booking_context",
            BookingContextInput(input.business, [i.staff_id for i in input.items], input.booked_by_id),
            BookingContext,
            "lee políticas del negocio",
        )
        deposits = deposit_shares(input.items, ctx.policies.deposit_percent)
        self._effects = BookingEffects(input, ctx, sum(deposits, Decimal("0.00")))
        self._fx.publish(self._status)
        held = await call(
            DATABASE,
            "hold_appointments",
            HoldInput(
                input.booking_id,
                input.business,
                input.booked_by_id,
                input.start,
                input.items,
                deposits,
                1,
                workflow.info().workflow_id,
            ),
            HoldResult,
            "reserva provisional del hueco",
        )
        if not held.held:
            self._set_status(BookingStatus.SLOT_TAKEN)
            return self._status
        await self._fx.adopt_hold(held.appointment_ids)
        if self._fx.deposit == 0:
            await self._fx.confirm(payment=None)
            self._set_status(BookingStatus.CONFIRMED)
        elif not await self._collect_deposit():
            return self._status
        await self._attend()
        return self._status

    async def _collect_deposit(self) -> bool:
        """Wait for the deposit with durable timers; True once confirmed, False when released or cancelled."""
        fx = self._fx
        policies = fx.ctx.policies
        self._link = await fx.new_link(attempt=1)
        hold = policies.hold_minutes_same_day if fx.is_same_day(workflow.now()) else policies.hold_minutes
        self._expires_at = workflow.now() + timedelta(minutes=hold)
        await fx.send(
            "link",
            texts.deposit_request(what=fx.what, at=fx.at, deposit=fx.deposit, url=self._link.url, hold_minutes=hold),
        )
        self._set_status(BookingStatus.AWAITING_PAYMENT)
        reminded_for: datetime | None = None
        handled_failures = 0
        while True:
            if self._status == BookingStatus.CANCELLED:
                return False
            if self._paid is not None:
                async with self._lock:
                    await fx.confirm(payment=self._paid)
                    self._set_status(BookingStatus.CONFIRMED)
                return True
            if len(self._failures) > handled_failures:
                handled_failures = len(self._failures)
                await self._on_payment_failure(handled_failures)
                continue
            if self._expires_at is None:  # escalated: the team keeps the hold until someone acts
                await workflow.wait_condition(self._payment_news(handled_failures))
                continue
            remind_at = self._expires_at - timedelta(minutes=policies.hold_reminder_before_minutes)
            if reminded_for != self._expires_at and workflow.now() < remind_at:
                if not await sleep_until(remind_at, self._payment_news(handled_failures), "recordatorio de pago"):
                    reminded_for = self._expires_at
                    await fx.send(
                        f"hold-reminder-{handled_failures}",
                        texts.hold_reminder(url=self._link.url, minutes_left=policies.hold_reminder_before_minutes),
                    )
                continue
            if not await sleep_until(self._expires_at, self._payment_news(handled_failures), "caduca la reserva"):
                async with self._lock:
                    await self._release_unpaid()
                return await self._await_late_payment()

    async def _on_payment_failure(self, failures: int) -> None:
        fx = self._fx
        if failures < fx.ctx.policies.max_payment_failures:
            extra = fx.ctx.policies.payment_failure_extension_minutes
            assert self._expires_at is not None
            self._expires_at += timedelta(minutes=extra)
            self._link = await fx.new_link(attempt=failures + 1)
            await fx.send(
                f"payment-failed-{failures}", texts.payment_failed_new_link(url=self._link.url, extra_minutes=extra)
            )
            await fx.record_payment_retries(failures)
            return
        self._expires_at = None
        self._set_status(BookingStatus.ESCALATED)
        await fx.send("payment-failed-final", texts.payment_failed_again())
        await fx.escalate("El pago del anticipo ha fallado dos veces; la reserva sigue retenida.")

    async def _release_unpaid(self) -> None:
        assert self._link is not None
        await self._fx.release(self._link.session_id)
        self._expires_at = None
        self._set_status(BookingStatus.EXPIRED)
        await self._fx.send("released", texts.hold_released(at=self._fx.at))

    async def _await_late_payment(self) -> bool:
        """A payment that crosses the expiry is confirmed if the slot is still free, else refunded."""
        wait = max(self._fx.start - workflow.now(), timedelta(0))
        paid = await sleep_until(workflow.now() + wait, lambda: self._paid is not None, "espera pago tardío")
        if not paid or self._paid is None:
            return False
        async with self._lock:
            if await self._fx.rehold_and_confirm(self._paid):
                self._set_status(BookingStatus.CONFIRMED)
                return True
        return False

    async def _attend(self) -> None:
        """Confirmed: 48 h reminder, then completed at the end; reschedules move the timers."""
        fx = self._fx
        reminded_start: datetime | None = None
        confirmed_at = workflow.now()
        while self._status == BookingStatus.CONFIRMED:
            self._changed = False
            remind_at = fx.start - timedelta(hours=fx.ctx.policies.reminder_before_hours)
            # Booked inside the reminder window: the confirmation itself is the reminder.
            needs_reminder = reminded_start != fx.start and remind_at > confirmed_at
            if needs_reminder and workflow.now() < remind_at:
                if not await sleep_until(remind_at, lambda: self._changed, "recordatorio 48 h"):
                    reminded_start = fx.start
                    await fx.send(f"reminder-{fx.start.isoformat()}", texts.reminder(what=fx.what, at=fx.at))
                continue
            if not await sleep_until(fx.end, lambda: self._changed, "fin de la cita"):
                async with self._lock:
                    if self._status == BookingStatus.CONFIRMED:
                        await fx.complete()
                        self._set_status(BookingStatus.COMPLETED)

    # -- helpers -------------------------------------------------------------------------------------------
    @property
    def _fx(self) -> BookingEffects:
        assert self._effects is not None
        return self._effects

    def _payment_news(self, handled_failures: int) -> Callable[[], bool]:
        return lambda: (
            self._paid is not None or len(self._failures) > handled_failures or self._status == BookingStatus.CANCELLED
        )

    def _set_status(self, status: BookingStatus) -> None:
        self._status = status
        self._fx.publish(status)
