"""The side effects of a booking, each one an activity: rows, calendar events, payments, messages.

BookingWorkflow decides *when*; this class knows *how*, and which idempotency key each effect uses.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import UUID

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.booking.context import BookingContext
    from activities.booking.store import (
        BookingItem,
        BookingStore,
        HoldInput,
        HoldResult,
        UpdateAppointmentsInput,
    )
    from activities.calendar.port import CalendarPort
    from activities.messaging.port import MessagePurpose, MessagingPort, SendMessageInput
    from models.enums import AppointmentStatus, PaymentStatus
    from models.pricing import deposit_shares, euros

from workflows import conversation_pseudonym
from workflows.booking import calendar as booking_calendar
from workflows.booking import details, texts
from workflows.booking.payments import DepositPayments
from workflows.booking.types import (
    BookingInput,
    BookingStatus,
    PaymentEvent,
)
from workflows.options import DATABASE, MESSAGING, described
from workflows.refusals import Refusal, attempt
from workflows.search_attributes import BOOKING_STATUS, BUSINESS, CUSTOMER, STAFF_MEMBER, START_TIME
from workflows.team import Team

# The payment reference of a deposit paid at the salon's desk (no provider holds it; /admin shows it as such).
DESK_REFERENCE = "mostrador"

LIVE = [AppointmentStatus.PROVISIONAL, AppointmentStatus.CONFIRMED]


class BookingEffects:
    def __init__(self, input: BookingInput, ctx: BookingContext, deposit: Decimal) -> None:
        self.input = input
        self.ctx = ctx
        self.deposit = deposit
        self.start = input.start
        self.appointment_ids: list[UUID] = []
        self.hold_number = 1
        self.payments = DepositPayments(input.booking_id, input.business, deposit, self.what, input.customer_phone)
        self.team = Team(input.business, input.customer_phone)

    # -- facts ---------------------------------------------------------------------------------------
    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=max(i.duration_minutes for i in self.input.items))

    @property
    def what(self) -> str:
        return texts.services_with_staff([(i.service_names, i.staff_name) for i in self.input.items])

    @property
    def at(self) -> str:
        return texts.spoken_datetime(self.start, self.ctx.timezone)

    # What and when in the customer's language (`what` and `at` are the team's, in Spanish).
    @property
    def language(self) -> str:
        return self.input.language

    @property
    def said_what(self) -> str:
        return texts.services_with_staff([(i.service_names, i.staff_name) for i in self.input.items], self.language)

    @property
    def said_at(self) -> str:
        return texts.spoken_datetime(self.start, self.ctx.timezone, self.language)

    @property
    def paid_at_desk(self) -> bool:
        return self.input.paid_at_desk and self.deposit > 0

    @property
    def desk_reference(self) -> str | None:
        return DESK_REFERENCE if self.paid_at_desk else None

    @property
    def customer(self) -> str:
        """Who the booking is for, as the team knows them."""
        return self.ctx.customer_name or self.input.customer_phone

    def is_same_day(self, now: datetime) -> bool:
        return texts.local_date(now, self.ctx.timezone) == texts.local_date(self.start, self.ctx.timezone)

    def publish(self, status: BookingStatus, note: str = "") -> None:
        """Search attributes and current details, so an operator finds and reads the booking in the UI; `note`
        says who ended it and how ("por el equipo, sin devolución")."""
        conversation = self.input.conversation_workflow_id
        # A booking made from a conversation is found with it by the customer's pseudonym (never the phone).
        customer = [CUSTOMER.value_set(conversation_pseudonym(conversation))] if conversation else []
        workflow.upsert_search_attributes(
            [
                BUSINESS.value_set(self.input.business),
                *customer,
                BOOKING_STATUS.value_set(status.value),
                STAFF_MEMBER.value_set([i.staff_name for i in self.input.items]),
                START_TIME.value_set(self.start.astimezone(UTC)),
            ]
        )
        workflow.set_current_details(
            details.current_details(
                status,
                note=note,
                what=self.what,
                at=self.at,
                deposit=self.deposit,
                customer=self.ctx.customer_name,
            )
        )

    # -- effects ---------------------------------------------------------------------------------------
    async def send(
        self, purpose: str, text: str | texts.Notice, phone: str | None = None, *, to_whom: str | None = None
    ) -> bool:
        """True once the channel took it; a refusal goes to the team with the text and the channel's reason.
        `to_whom` names a recipient other than the customer in the Web UI (the purpose is an id, not a name)."""
        wf_id = workflow.info().workflow_id
        to = phone or self.input.customer_phone
        notice = text if isinstance(text, texts.Notice) else texts.Notice(MessagePurpose.REPLY, text)
        sent = await attempt(
            MessagingPort.send_message,
            SendMessageInput(
                self.input.business,
                to,
                notice.text,
                f"{wf_id}:{purpose}",
                wf_id,
                notice.purpose,
                notice.template_params,
            ),
            described(MESSAGING, f"aviso a {to_whom}" if to_whom else f"mensaje: {purpose}"),
        )
        if isinstance(sent, Refusal):
            await self.team.tell(
                f"🔔 El canal no ha entregado este mensaje a {to} ({self.what}, {self.at}):\n{notice.text}",
                f"{wf_id}:{purpose}:undelivered",
                reason=sent.reason,
            )
            return False
        return True

    async def alert_team(self, purpose: str, text: str) -> None:
        """Tell the team about this booking's customer and hand their conversation to a person."""
        await self.team.tell(text, f"{workflow.info().workflow_id}:{purpose}", hand_over=True)

    async def flag(self, purpose: str, text: str, refusals: list[Refusal]) -> None:
        """Something the booking did not manage to do (a calendar, a database write): staff fix it by hand."""
        if refusals:
            reasons = "; ".join(f"{r.what}: {r.reason}" for r in refusals)
            await self.team.tell(
                f"🔔 {text} ({self.what}, {self.at}, cliente {self.input.customer_phone}). Hazlo a mano, por favor.",
                f"{workflow.info().workflow_id}:{purpose}",
                reason=reasons,
            )

    async def adopt_hold(self, appointment_ids: list[UUID]) -> None:
        self.appointment_ids = appointment_ids
        await self.write_events(CalendarPort.create_calendar_event, provisional=True)

    async def write_events(self, write: booking_calendar.EventWrite, *, provisional: bool) -> None:
        refused = await booking_calendar.write_events(
            write,
            self.appointment_ids,
            self.input.items,
            start=self.start,
            who=self.input.customer_phone,
            booking_id=self.input.booking_id,
            provisional=provisional,
        )
        await self.flag(
            f"calendar-{write.__name__}-{self.start.isoformat()}", "El calendario no ha anotado la cita", refused
        )

    async def update(self, summary: str, **changes: object) -> list[UUID]:
        only_from = changes.pop("only_from", LIVE)
        result = await attempt(
            BookingStore.update_appointments,
            UpdateAppointmentsInput(self.appointment_ids, only_from=only_from, **changes),  # type: ignore[arg-type]
            described(DATABASE, summary),
        )
        if isinstance(result, Refusal):
            await self.flag(f"db-{summary}", f"La base de datos no ha guardado «{summary}»", [result])
            return []
        return result.changed

    async def delete_events(self) -> None:
        refused = await booking_calendar.delete_events(self.appointment_ids, self.input.items)
        await self.flag(f"calendar-delete-{self.start.isoformat()}", "El calendario no ha borrado la cita", refused)

    async def confirm(self, payment: PaymentEvent | None) -> None:
        confirmed = await attempt(
            BookingStore.confirm_appointments,
            UpdateAppointmentsInput(
                self.appointment_ids,
                only_from=[AppointmentStatus.PROVISIONAL],
                payment_status=PaymentStatus.PAID if payment or self.paid_at_desk else PaymentStatus.NOT_REQUIRED,
                payment_reference=payment.payment_intent_id or payment.session_id if payment else self.desk_reference,
            ),
            described(DATABASE, "confirma la cita"),
        )
        if isinstance(confirmed, Refusal):
            await self.flag("db-confirm", "La base de datos no ha guardado la cita como confirmada", [confirmed])
        await self.write_events(CalendarPort.update_calendar_event, provisional=False)
        await self.send(
            "confirmation",
            texts.confirmation(
                what=self.said_what,
                at=self.said_at,
                deposit=self.deposit,
                cutoff_hours=self.ctx.policies.refund_cutoff_hours,
                language=self.language,
            ),
        )
        await self.tell_stylists("staff-notice", self.new_appointment_notice)

    def new_appointment_notice(self, item: BookingItem) -> texts.Notice:
        return texts.staff_notice(
            urgent=self.is_same_day(workflow.now()),
            customer=self.customer,
            what=" + ".join(item.service_names),
            at=self.at,
        )

    async def tell_stylists(
        self, purpose: str, notice: Callable[[BookingItem], texts.Notice], items: list[BookingItem] | None = None
    ) -> None:
        """Each stylist of `items` (the booking's own by default) with a phone to tell, on that phone."""
        for item in items if items is not None else self.input.items:
            phone = self.ctx.staff_phones.get(str(item.staff_id))
            if phone:
                await self.send(f"{purpose}-{item.staff_id}", notice(item), phone=phone, to_whom=item.staff_name)

    async def release(self, session_id: str | None) -> None:
        await self.update(
            "libera el hueco", status=AppointmentStatus.EXPIRED, only_from=[AppointmentStatus.PROVISIONAL]
        )
        await self.delete_events()
        if session_id is not None:
            await self.close_link(session_id)

    async def close_link(self, session_id: str) -> None:
        refused = await self.payments.expire_link(session_id)
        if refused is not None:
            await self.flag(
                f"link-open-{session_id}", "Stripe no ha cerrado el enlace de pago: ciérralo en el Dashboard", [refused]
            )

    async def refund(self, payment: PaymentEvent, reason: str) -> bool:
        """True once refunded; a refusal is flagged for the team (the caller records the rows as pending)."""
        refused = await self.payments.refund(payment.session_id, payment.payment_intent_id, reason)
        if refused is not None:
            await self.flag(
                f"refund-{reason}",
                f"Stripe no ha devuelto el anticipo de {euros(self.deposit)}; devuélvelo desde /admin",
                [refused],
            )
        return refused is None

    async def record_payment_retries(self, retries: int) -> None:
        await self.update("anota el reintento de pago", payment_retries=retries)

    async def hold(self, summary: str) -> HoldResult | Refusal:
        return await attempt(
            BookingStore.hold_appointments,
            HoldInput(
                self.input.booking_id,
                self.input.business,
                self.input.booked_by_id,
                self.start,
                self.input.items,
                deposit_shares(self.input.items, self.ctx.policies.deposit_percent),
                self.hold_number,
                workflow.info().workflow_id,
            ),
            described(DATABASE, summary),
        )

    async def rehold_and_confirm(self, payment: PaymentEvent) -> bool:
        """After expiry: a new hold of the same slot; if someone else has it, refund automatically."""
        self.hold_number += 1
        held = await self.hold("vuelve a reservar tras pago tardío")
        if not isinstance(held, Refusal) and held.held:
            await self.adopt_hold(held.appointment_ids)
            await self.confirm(payment)
            return True
        refunded = await self.refund(payment, "late-payment")
        # The released rows say what happened to the money that came in after all.
        await self.update(
            "anota el pago tardío y su devolución",
            payment_status=PaymentStatus.REFUNDED if refunded else PaymentStatus.REFUND_PENDING,
            payment_reference=payment.payment_intent_id or payment.session_id,
            only_from=[AppointmentStatus.EXPIRED],
        )
        if refunded:
            await self.send(
                "late-payment-refund", texts.late_payment_refunded(amount=self.deposit, language=self.language)
            )
        return False

    async def no_show(self) -> None:
        await self.update(
            "no se presentó",
            status=AppointmentStatus.NO_SHOW,
            payment_status=PaymentStatus.FORFEITED,
            only_from=[AppointmentStatus.CONFIRMED],
        )

    async def complete(self) -> None:
        await self.update(
            "cita completada", status=AppointmentStatus.COMPLETED, only_from=[AppointmentStatus.CONFIRMED]
        )
