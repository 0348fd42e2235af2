"""What customers ask besides booking: their appointments, prices, and which booking a change is about."""

from typing import Any

from activities.understanding.schema import Understanding
from workflows.dialogue import question_texts as say
from workflows.dialogue.actions import Faq, FaqAnswers
from workflows.dialogue.state import BookingFacts, Choosing, Resume, Step
from workflows.dialogue.turn_context import UNDERSTANDING, TurnContext


def my_bookings(t: TurnContext, u: Understanding) -> None:
    upcoming = t.upcoming_bookings()
    on_day = [b for b in upcoming if u.day and t.day_of(b.start) == u.day]
    if upcoming:
        t.reply(say.your_bookings(on_day or upcoming, t.tz))
    else:
        t.reply(say.no_bookings())


def prices(t: TurnContext, u: Understanding) -> None:
    t.request(Faq(topics=u.faq_topics, services=u.services, catalogue=True), Resume.FAQ)


def price_answer(t: TurnContext, result: dict[str, Any]) -> str | None:
    """The prices asked, when the FAQ request asked for them."""
    if not t.action_payload().get("catalogue"):
        return None
    return say.prices(FaqAnswers.model_validate(result).prices)


def booking_meant(t: TurnContext, u: Understanding, *, cancelling: bool) -> BookingFacts | None:
    """The booking a cancel or move request is about: the only one that matches its day, service or stylist.
    With several, the customer is asked which (None); with none either, the caller says so."""
    upcoming = t.upcoming_bookings()
    matching = [b for b in upcoming if _matches(t, b, u)] or upcoming
    if len(matching) <= 1:
        return matching[0] if matching else None
    t.memory.choosing = Choosing(
        booking_ids=[b.booking_id for b in matching], request=UNDERSTANDING.dump_python(u, mode="json")
    )
    t.memory.step = Step.WHICH_BOOKING
    t.reply(say.which_booking(matching, t.tz, cancelling=cancelling))
    return None


def chosen_booking(t: TurnContext, u: Understanding) -> BookingFacts | None:
    """The booking picked from those listed: by number, day, service or stylist."""
    choosing = t.memory.choosing
    assert choosing is not None
    listed = [b for b in t.customer.bookings if b.booking_id in choosing.booking_ids]
    if u.option:
        index = u.option - 1 if u.option > 0 else len(listed) - 1
        return listed[index] if 0 <= index < len(listed) else None
    matching = [b for b in listed if _matches(t, b, u)]
    return matching[0] if len(matching) == 1 else None


def _matches(t: TurnContext, booking: BookingFacts, u: Understanding) -> bool:
    said = [
        u.day is None or t.day_of(booking.start) == u.day,
        not u.services or bool(set(u.services) & set(booking.services)),
        u.staff is None or u.staff in booking.staff,
    ]
    return all(said) and (u.day is not None or bool(u.services) or u.staff is not None)
