"""An existing booking: cancel (with the booking's refund policy), move, running late, payment trouble."""

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from activities.understanding import Understanding
from workflows.dialogue import change_texts as change_say
from workflows.dialogue.actions import (
    CancelAnswer,
    CancelBooking,
    RescheduleAnswer,
)
from workflows.dialogue.booking_steps import BookingSteps
from workflows.dialogue.state import Draft, Person, Step

# A delay announced this close to the start, or this long, needs the team's decision, not a note (story 5.4).
LATE_ESCALATION_WITHIN = timedelta(hours=1)
LATE_ESCALATION_DELAY_MINUTES = 30


class ChangeSteps(BookingSteps):
    # -- changes to an existing booking ------------------------------------------------------------------------
    def ask_cancel(self) -> None:
        booking = self.next_booking()
        if booking is None:
            self.reply(change_say.no_booking())
            return
        self.memory.booking = booking.booking_id
        self.memory.step = Step.CANCEL_CONFIRM
        self.reply(change_say.confirm_cancel(booking, self.tz))

    def cancel(self, *, accept_no_refund: bool) -> None:
        booking_id = self.memory.booking or (b.booking_id if (b := self.next_booking()) else None)
        if booking_id is None:
            self.memory.step = Step.IDLE
            self.reply(change_say.no_booking())
            return
        self.request(
            CancelBooking(
                booking_id=booking_id, accept_no_refund=accept_no_refund, request_id=self.state["message_id"]
            ),
            "cancelled",
        )

    def after_cancel(self, result: dict[str, Any]) -> None:
        answer = CancelAnswer.model_validate(result)
        self.memory.step = Step.IDLE
        if answer.outcome == "no_refund_offer_reschedule":
            booking = next((b for b in self.customer.bookings if b.booking_id == self.memory.booking), None)
            self.memory.step = Step.NO_REFUND
            self.reply(
                change_say.no_refund_offer(
                    deposit=booking.deposit if booking else answer.refunded, hours=self.customer.cancellation_hours
                )
            )
        elif answer.outcome == "not_cancellable":
            self.escalate(
                "Quiere cancelar una cita que ya no se puede cancelar desde el chat.", change_say.not_cancellable()
            )
        # Cancelled: the booking workflow tells the customer, with the refund if any.

    def move(self, u: Understanding) -> None:
        booking = (
            next((b for b in self.customer.bookings if b.booking_id == self.memory.booking), None)
            or self.next_booking()
        )
        if booking is None:
            self.reply(change_say.no_booking())
            return
        self.memory.booking = booking.booking_id
        if not (u.day or u.time or u.part_of_day):
            self.memory.step = Step.MOVE_WHEN
            self.reply(change_say.ask_new_time())
            return
        self.memory.draft = Draft(
            services=booking.services,
            moving=booking.booking_id,
            day=u.day,
            time=u.time,
            part_of_day=u.part_of_day.value if u.part_of_day else None,
            staff=u.staff,
            people=[Person() for _ in booking.staff],
            pack_offered=True,
        )
        self.search(self.memory.draft)

    def after_move(self, result: dict[str, Any]) -> None:
        answer = RescheduleAnswer.model_validate(result)
        if answer.moved:
            # The booking workflow confirms the new time to the customer.
            self.memory.step = Step.IDLE
            self.memory.draft = Draft()
            return
        self.reply(change_say.move_failed())
        self.search(self.memory.draft)

    def running_late(self, u: Understanding) -> None:
        """Within the hour (or very late) the team decides what can still be done; otherwise a note is enough."""
        booking = self.next_booking()
        if booking is None:
            self.reply(change_say.no_booking())
            return
        minutes = u.delay_minutes
        if booking.start - self.now <= LATE_ESCALATION_WITHIN or (minutes or 0) > LATE_ESCALATION_DELAY_MINUTES:
            delay = f"{minutes} min" if minutes else "un rato"
            self.escalate(
                f"Llega tarde ({delay}) a su cita; decidid si se puede mantener.", change_say.running_late_soon(minutes)
            )
            return
        name = self.customer.first_name or self.state["phone"]
        at = f"{booking.start.astimezone(ZoneInfo(self.tz)):%H:%M}"
        delay = f"{minutes} min" if minutes else "un poco"
        self.team_alert = f"ℹ️ {name} llegará {delay} tarde a su cita de las {at} con {' y '.join(booking.staff)}."
        self.reply(change_say.running_late_noted(minutes))

    def payment_problem(self) -> None:
        booking = next((b for b in self.customer.bookings if b.payment_url and b.status == "provisional"), None)
        if booking is None or booking.payment_url is None:
            self.reply(change_say.no_booking())
            return
        self.reply(change_say.payment_help(booking.payment_url))
        self.alert_team("Problema con el pago del anticipo.", booking)
