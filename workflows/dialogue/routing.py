"""Where a message goes once the customer is known: the answer to the last question, else its intent."""

from typing import Any

from activities.understanding.schema import Intent, Understanding
from workflows.dialogue import attendance, booking_steps, change_steps, names, questions, slots, waitlist
from workflows.dialogue import change_texts as change_say
from workflows.dialogue import texts as say
from workflows.dialogue.actions import (
    Faq,
    FaqAnswers,
)
from workflows.dialogue.state import Draft, Resume, Step
from workflows.dialogue.turn_context import TurnContext

CONSULTATION = "Consulta gratuita"


def handle(t: TurnContext, u: Understanding) -> None:
    t.memory.unclear_in_a_row = 0 if u.intent != Intent.UNCLEAR else t.memory.unclear_in_a_row
    if waitlist.joins(t, u) or answer_to_step(t, u) or attendance.answers_reminder(t, u):
        return
    match u.intent:
        case Intent.BOOKING:
            booking_steps.book(t, u, fresh=True)
        case Intent.USUAL:
            booking_steps.book_usual(t, u)
        case Intent.INDECISION:
            t.memory.step = Step.CONSULT
            t.reply(say.offer_consultation())
        case Intent.FAQ:
            t.request(Faq(topics=u.faq_topics), Resume.FAQ)
        case Intent.CATALOGUE:
            questions.prices(t, u)
        case Intent.MY_BOOKINGS:
            questions.my_bookings(t, u)
        case Intent.CANCEL:
            change_steps.ask_cancel(t, u)
        case Intent.MODIFY:
            t.memory.booking = None  # a new request: the booking of an earlier one is not assumed
            change_steps.move(t, u)
        case Intent.RUNNING_LATE:
            change_steps.running_late(t, u)
        case Intent.PAYMENT_PROBLEM:
            change_steps.payment_problem(t)
        case Intent.SMALL_TALK:
            t.reply(say.small_talk(closing=u.yes is False))
        case Intent.GREETING | Intent.ANSWER:
            t.reply(say.how_can_i_help())
        case _:
            unclear(t)


def answer_to_step(t: TurnContext, u: Understanding) -> bool:
    """Answers read in the light of the last question; a new request (another intent) wins over them."""
    step, draft = t.memory.step, t.memory.draft
    contextual = u.intent in (Intent.ANSWER, Intent.UNCLEAR, Intent.SMALL_TALK, Intent.GREETING, Intent.BOOKING)
    if step == Step.SLOT:
        slot = slots.chosen(draft.offered, timezone=t.tz, option=u.option, time=u.time, staff=u.staff, day=u.day)
        if slot is not None:
            booking_steps.take(t, slot)
            return True
        if u.day or u.part_of_day or (u.time and not u.option):
            if u.time:
                booking_steps.hold_when_free(t, u)
            booking_steps.book(t, u, fresh=False)
            return True
        if contextual and not u.services:
            t.reply(say.slot_not_understood(len(draft.offered)))
            return True
    elif step == Step.PACK and (u.intent in (Intent.ANSWER, Intent.SMALL_TALK, Intent.BOOKING) or _says_when(u)):
        if u.yes is True or u.pack_accepted or (u.services and set(u.services) >= set(draft.pack_services)):
            draft.services, draft.pack = draft.pack_services, draft.pack_offer
        if _says_when(u):
            # "a las 11 me viene bien": the time they gave is the one searched (and no pack without a yes).
            booking_steps.when(draft, u)
        booking_steps.search(t, draft)
        return True
    elif step == Step.CONSULT and u.yes is not None:
        if u.yes:
            t.memory.draft = Draft(services=[CONSULTATION], day=u.day, time=u.time, part_of_day=u.part_of_day)
            booking_steps.search(t, t.memory.draft)
        else:
            t.memory.step = Step.SERVICES
            t.reply(say.consultation_declined())
        return True
    elif step == Step.SPLIT and u.yes is not None:
        if u.yes:
            booking_steps.search(t, draft)
        else:
            t.memory.step = Step.SERVICES
            t.memory.draft = Draft()
            t.reply(say.ask_services())
        return True
    elif step == Step.PERSON_NAME and u.intent in (Intent.ANSWER, Intent.UNCLEAR):
        names.name_person(t, u)
        return True
    elif step == Step.CANCEL_CONFIRM and u.yes is not None:
        if u.yes:
            change_steps.cancel(t, accept_no_refund=False)
        else:
            t.memory.step = Step.IDLE
            t.reply(change_say.cancel_kept())
        return True
    elif step == Step.NO_REFUND and (u.yes is not None or u.intent == Intent.CANCEL):
        if u.yes and u.intent != Intent.CANCEL:
            change_steps.move(t, u)
        else:
            change_steps.cancel(t, accept_no_refund=True)
        return True
    elif step == Step.MOVE_WHEN and (u.day or u.time or u.part_of_day):
        change_steps.move(t, u)
        return True
    elif step == Step.WHICH_BOOKING and t.memory.choosing is not None and contextual:
        change_steps.booking_chosen(t, u)
        return True
    elif step == Step.SERVICES and u.services and contextual:
        booking_steps.book(t, u, fresh=True)
        return True
    return False


def _says_when(u: Understanding) -> bool:
    return bool(u.day or u.time or u.part_of_day)


def unclear(t: TurnContext) -> None:
    t.memory.unclear_in_a_row += 1
    if t.memory.unclear_in_a_row >= t.customer.max_clarifications:
        t.memory.unclear_in_a_row = 0
        t.escalate("Tres mensajes seguidos que no he entendido.", say.unclear_handover())
    else:
        t.reply(say.unclear(t.memory.unclear_in_a_row))


def after_faq(t: TurnContext, result: dict[str, Any]) -> None:
    answers = FaqAnswers.model_validate(result).answers
    prices = questions.price_answer(t, result)
    if prices is not None:
        t.reply("\n\n".join([*answers, prices]))
    elif not answers:
        unclear(t)
    else:
        t.reply("\n\n".join(answers) + f"\n\n{say.anything_else()}")
