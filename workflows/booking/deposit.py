"""Collecting the deposit: durable timers for the reminder and the release, payment failures, late payments.

The booking workflow's signals write into its `BookingState`; `DepositCollector` waits on it.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    pass

from models.pricing import euros
from workflows import metrics
from workflows.booking import texts
from workflows.booking.effects import BookingEffects
from workflows.booking.state import BookingState, PaymentState
from workflows.booking.types import BookingStatus, PaymentEvent
from workflows.booking.waitlist import offer_freed_slot
from workflows.refusals import Refusal
from workflows.timers import sleep_until


@dataclass
class DepositCollector:
    fx: BookingEffects
    booking: BookingState
    lock: asyncio.Lock

    @property
    def state(self) -> PaymentState:
        return self.booking.payment

    async def collect(self) -> bool:
        """Wait for the deposit; True once confirmed, False when released (and not paid late) or cancelled."""
        fx, state, policies = self.fx, self.state, self.fx.ctx.policies
        link = await fx.payments.new_link(1)
        if isinstance(link, Refusal):
            await fx.flag("no-link", "No he podido crear el enlace de pago: la reserva no ha empezado", [link])
            return await self._not_started(None)
        state.new_link(link)
        hold = policies.hold_minutes_same_day if fx.is_same_day(workflow.now()) else policies.hold_minutes
        state.expires_at = workflow.now() + timedelta(minutes=hold)
        if not await fx.send(
            "link",
            texts.deposit_request(
                what=fx.said_what,
                at=fx.said_at,
                deposit=fx.deposit,
                url=link.url,
                hold_minutes=hold,
                language=fx.language,
                from_waitlist=fx.input.from_waitlist,
            ),
        ):
            return await self._not_started(link.session_id)
        self.booking.become(BookingStatus.AWAITING_PAYMENT, self.fx)
        reminded_for: datetime | None = None
        handled_failures = 0
        while True:
            if self.booking.status == BookingStatus.CANCELLED:
                return False
            if state.paid is not None:
                async with self.lock:
                    await fx.confirm(payment=state.paid)
                    self.booking.become(BookingStatus.CONFIRMED, self.fx)
                return True
            if len(state.failures) > handled_failures:
                handled_failures = len(state.failures)
                await self._on_failure(handled_failures)
                continue
            if state.link_expired and state.expires_at is not None:
                # Nobody can pay that link any more: keeping the slot held would only block it.
                async with self.lock:
                    await self._release()
                return await self._late_payment()
            if state.expires_at is None:  # escalated: the team keeps the hold until someone acts
                await workflow.wait_condition(self._news(handled_failures))
                continue
            remind_at = state.expires_at - timedelta(minutes=policies.hold_reminder_before_minutes)
            if reminded_for != state.expires_at and workflow.now() < remind_at:
                if not await sleep_until(remind_at, self._news(handled_failures), "recordatorio de pago"):
                    reminded_for = state.expires_at
                    assert state.link is not None  # collecting means a link was made
                    await fx.send(
                        f"hold-reminder-{handled_failures}",
                        texts.hold_reminder(
                            url=state.link.url,
                            minutes_left=policies.hold_reminder_before_minutes,
                            language=fx.language,
                        ),
                    )
                    metrics.reminder("payment")
                continue
            if not await sleep_until(state.expires_at, self._news(handled_failures), "caduca la reserva"):
                async with self.lock:
                    await self._release()
                return await self._late_payment()

    def _news(self, handled_failures: int) -> Callable[[], bool]:
        state = self.state
        return lambda: (
            state.paid is not None
            or len(state.failures) > handled_failures
            or state.link_expired
            or self.booking.status == BookingStatus.CANCELLED
        )

    async def _not_started(self, session_id: str | None) -> bool:
        """No link reached the customer: the slot is let go at once (the team already knows why)."""
        async with self.lock:
            await self.fx.release(session_id)
            self.state.expires_at = None
            self.booking.become(BookingStatus.NOT_STARTED, self.fx)
        return False

    async def _on_failure(self, failures: int) -> None:
        fx, state = self.fx, self.state
        link = await fx.payments.new_link(failures + 1) if failures < fx.ctx.policies.max_payment_failures else None
        if link is not None and not isinstance(link, Refusal):
            extra = fx.ctx.policies.payment_failure_extension_minutes
            assert state.expires_at is not None
            state.expires_at += timedelta(minutes=extra)
            state.new_link(link)
            await fx.send(
                f"payment-failed-{failures}",
                texts.payment_failed_new_link(url=link.url, extra_minutes=extra, language=fx.language),
            )
            await fx.record_payment_retries(failures)
            return
        state.expires_at = None
        self.booking.become(BookingStatus.ESCALATED, self.fx)
        await fx.send("payment-failed-final", texts.payment_failed_again(language=fx.language))
        why = "ha fallado dos veces" if link is None else "ha fallado y Stripe no ha dado un enlace nuevo"
        await self._escalate(f"El pago del anticipo {why}; la reserva sigue retenida.")

    async def _escalate(self, reason: str) -> None:
        """The team hears about it, and the customer's conversation goes to a person."""
        fx = self.fx
        text = f"🔔 {reason} Cliente {fx.input.customer_phone}: {fx.what}, {fx.at}."
        metrics.escalation("payment")
        # Through the channel's `alert_team`: Chatwoot opens the conversation to agents.
        await fx.alert_team("team-alert", text)
        conversation = fx.input.conversation_workflow_id
        if conversation:
            try:
                await workflow.get_external_workflow_handle(conversation).signal("escalate", reason)
            except ApplicationError:
                workflow.logger.warning("conversation %s not found to escalate", conversation)

    async def _release(self) -> None:
        assert self.state.link is not None
        await self.fx.release(self.state.link.session_id)
        self.state.expires_at = None
        self.booking.become(BookingStatus.EXPIRED, self.fx)
        await self.fx.send("released", texts.hold_released(at=self.fx.said_at, language=self.fx.language))
        await offer_freed_slot(self.fx)

    async def _late_payment(self) -> bool:
        """A payment that crosses the expiry is confirmed if the slot is still free, else refunded."""
        wait = max(self.fx.start - workflow.now(), timedelta(0))
        paid = await sleep_until(workflow.now() + wait, lambda: self.state.paid is not None, "espera pago tardío")
        if not paid or self.state.paid is None:
            return False
        async with self.lock:
            if await self.fx.rehold_and_confirm(self.state.paid):
                self.booking.become(BookingStatus.CONFIRMED, self.fx)
                return True
        return False


async def give_back(fx: BookingEffects, payment: PaymentEvent) -> None:
    """A payment that named this booking but is not its deposit (another session, amount, currency or
    account): it goes back to whoever paid it, and the team hears of it either way."""
    refused = await fx.payments.refund(
        payment.session_id, payment.payment_intent_id, f"stray-{payment.event_id}", payment.amount, "stray"
    )
    amount = euros(payment.amount) if payment.amount is not None else "un importe desconocido"
    done = "lo he devuelto" if refused is None else "no he podido devolverlo: devuélvelo desde Stripe"
    await fx.team.tell(
        f"🔔 Ha llegado un pago de {amount} ({payment.session_id}) que no es el anticipo de esta reserva "
        f"({fx.what}, {fx.at}); {done}.",
        f"{workflow.info().workflow_id}:stray-{payment.event_id}",
        reason=refused.reason if refused else "pago que no corresponde a la reserva",
    )
