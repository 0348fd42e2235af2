"""The customer's answer to the reminder that asked "¿Vienes?": a plain yes goes to the booking waiting for it."""

from typing import Any

from activities.understanding.schema import Intent, Understanding
from workflows.dialogue import change_texts as change_say
from workflows.dialogue import texts as say
from workflows.dialogue.actions import AttendanceAnswer, ConfirmAttendance
from workflows.dialogue.state import BookingFacts, Resume, Step
from workflows.dialogue.turn_context import TurnContext

# What a yes to "¿Vienes?" can come as: a new request ("sí, pero cámbiamela") is that request instead.
REPLIES = (Intent.ANSWER, Intent.SMALL_TALK, Intent.GREETING)


def awaiting(t: TurnContext) -> BookingFacts | None:
    return next((b for b in t.upcoming_bookings() if b.awaiting_confirmation), None)


def answers_reminder(t: TurnContext, u: Understanding) -> bool:
    """A yes, with no question open, while a reminded booking waits for one: it is that booking's answer."""
    if u.yes is not True or u.intent not in REPLIES or t.memory.step != Step.IDLE:
        return False
    booking = awaiting(t)
    if booking is None:
        return False
    t.request(ConfirmAttendance(booking_id=booking.booking_id, request_id=t.state["message_id"]), Resume.ATTENDANCE)
    return True


def after_confirm(t: TurnContext, result: dict[str, Any]) -> None:
    booking = awaiting(t)
    if AttendanceAnswer.model_validate(result).confirmed and booking is not None:
        t.reply(change_say.attendance_thanks(booking, t.tz))
    else:
        # Cancelled or moved meanwhile: nothing to confirm, so the usual offer of help.
        t.reply(say.how_can_i_help())
