"""An existing booking: cancel (with the booking's refund policy), move, running late, payment trouble."""

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from activities.understanding.schema import Intent, Understanding
from models.enums import AppointmentStatus
from workflows.booking.types import CancelOutcome
from workflows.dialogue import booking_steps, questions
from workflows.dialogue import change_texts as change_say
from workflows.dialogue import question_texts as question_say
from workflows.dialogue.actions import (
    CancelAnswer,
    CancelBooking,
    RescheduleAnswer,
)
from workflows.dialogue.state import BookingFacts, Draft, Person, Resume, Step
from workflows.dialogue.turn_context import UNDERSTANDING, TurnContext

# A delay announced this close to the start, or this long, needs the team's decision, not a note (story 5.4).
LATE_ESCALATION_WITHIN = timedelta(hours=1)
LATE_ESCALATION_DELAY_MINUTES = 30


def ask_cancel(t: TurnContext, u: Understanding, chosen: BookingFacts | None = None) -> None:
    if chosen is None:
        chosen = questions.booking_meant(t, u, cancelling=True)
        if t.memory.step == Step.WHICH_BOOKING:
            return
    booking = chosen or t.next_booking()
    if booking is None:
        t.reply(change_say.no_booking())
        return
    t.memory.booking = booking.booking_id
    t.memory.step = Step.CANCEL_CONFIRM
    t.reply(change_say.confirm_cancel(booking, t.tz))


def cancel(t: TurnContext, *, accept_no_refund: bool) -> None:
    booking_id = t.memory.booking or (b.booking_id if (b := t.next_booking()) else None)
    if booking_id is None:
        t.memory.step = Step.IDLE
        t.reply(change_say.no_booking())
        return
    t.request(
        CancelBooking(booking_id=booking_id, accept_no_refund=accept_no_refund, request_id=t.state["message_id"]),
        Resume.CANCELLED,
    )


def after_cancel(t: TurnContext, result: dict[str, Any]) -> None:
    answer = CancelAnswer.model_validate(result)
    t.memory.step = Step.IDLE
    if answer.outcome == CancelOutcome.NO_REFUND_OFFER_RESCHEDULE:
        booking = next((b for b in t.customer.bookings if b.booking_id == t.memory.booking), None)
        t.memory.step = Step.NO_REFUND
        t.reply(
            change_say.no_refund_offer(
                deposit=booking.deposit if booking else answer.refunded, hours=t.customer.cancellation_hours
            )
        )
    elif answer.outcome == CancelOutcome.NOT_CANCELLABLE:
        t.escalate("Quiere cancelar una cita que ya no se puede cancelar desde el chat.", change_say.not_cancellable())
    # Cancelled: the booking workflow tells the customer, with the refund if any.


def move(t: TurnContext, u: Understanding, chosen: BookingFacts | None = None) -> None:
    # After a cancellation without refund the booking is known; otherwise the one the request is about.
    known = next((b for b in t.customer.bookings if b.booking_id == t.memory.booking), None)
    if chosen is None and known is None:
        chosen = questions.booking_meant(t, u, cancelling=False)
        if t.memory.step == Step.WHICH_BOOKING:
            return
    booking = chosen or known or t.next_booking()
    if booking is None:
        t.reply(change_say.no_booking())
        return
    t.memory.booking = booking.booking_id
    if not (u.day or u.time or u.part_of_day):
        t.memory.step = Step.MOVE_WHEN
        t.reply(change_say.ask_new_time())
        return
    # "a la tarde en vez de por la mañana", "a las 12": a time without a day is a time of the same day.
    day = u.day or t.day_of(booking.start)
    t.memory.draft = Draft(
        services=booking.services,
        moving=booking.booking_id,
        day=day,
        time=u.time,
        part_of_day=u.part_of_day.value if u.part_of_day else None,
        staff=u.staff,
        people=[Person() for _ in booking.staff],
        pack_offered=True,
    )
    booking_steps.search(t, t.memory.draft)


def booking_chosen(t: TurnContext, u: Understanding) -> None:
    """The answer to "¿cuál?": the request waiting for it goes on with that booking."""
    choosing = t.memory.choosing
    assert choosing is not None
    booking = questions.chosen_booking(t, u)
    if booking is None:
        t.reply(question_say.which_booking_again(len(choosing.booking_ids)))
        return
    request = UNDERSTANDING.validate_python(choosing.request)
    t.memory.choosing = None
    t.memory.step = Step.IDLE
    if request.intent == Intent.CANCEL:
        ask_cancel(t, request, booking)
    else:
        move(t, request, booking)


def after_move(t: TurnContext, result: dict[str, Any]) -> None:
    answer = RescheduleAnswer.model_validate(result)
    if answer.moved:
        # The booking workflow confirms the new time to the customer.
        t.memory.step = Step.IDLE
        t.memory.draft = Draft()
        return
    t.reply(change_say.move_failed())
    booking_steps.search(t, t.memory.draft)


def running_late(t: TurnContext, u: Understanding) -> None:
    """Within the hour (or very late) the team decides what can still be done; otherwise a note is enough."""
    booking = t.next_booking()
    if booking is None:
        t.reply(change_say.no_booking())
        return
    minutes = u.delay_minutes
    if booking.start - t.now <= LATE_ESCALATION_WITHIN or (minutes or 0) > LATE_ESCALATION_DELAY_MINUTES:
        delay = f"{minutes} min" if minutes else "un rato"
        t.escalate(
            f"Llega tarde ({delay}) a su cita; decidid si se puede mantener.", change_say.running_late_soon(minutes)
        )
        return
    name = t.customer.first_name or t.state["phone"]
    at = f"{booking.start.astimezone(ZoneInfo(t.tz)):%H:%M}"
    delay = f"{minutes} min" if minutes else "un poco"
    t.team_alert = f"ℹ️ {name} llegará {delay} tarde a su cita de las {at} con {' y '.join(booking.staff)}."
    t.reply(change_say.running_late_noted(minutes))


def payment_problem(t: TurnContext) -> None:
    booking = next(
        (b for b in t.customer.bookings if b.payment_url and b.status == AppointmentStatus.PROVISIONAL), None
    )
    if booking is None or booking.payment_url is None:
        t.reply(change_say.no_booking())
        return
    t.reply(change_say.payment_help(booking.payment_url))
    t.alert_team("Problema con el pago del anticipo.", booking)
