"""A message's first stop: opting out, greetings, attachments, medical questions and people asked for, and the
name of a customer who is new; the rest goes to routing."""

import re
from typing import Any

from activities.understanding.schema import Intent, Understanding
from workflows.dialogue import booking_steps, names, routing
from workflows.dialogue import question_texts as question_say
from workflows.dialogue import texts as say
from workflows.dialogue.actions import (
    CustomerSaved,
    SaveCustomer,
)
from workflows.dialogue.state import Resume, Step
from workflows.dialogue.turn_context import UNDERSTANDING, TurnContext

# Intents that are a request worth answering after the name is confirmed.
REQUESTS = {
    Intent.BOOKING,
    Intent.FAQ,
    Intent.MODIFY,
    Intent.CANCEL,
    Intent.USUAL,
    Intent.RUNNING_LATE,
    Intent.PAYMENT_PROBLEM,
    Intent.INDECISION,
    Intent.CATALOGUE,
    Intent.MY_BOOKINGS,
}
# Messages that say nothing of their language: an answer ("ok", "2", "Laura") or one not understood.
LANGUAGE_NEUTRAL = {Intent.ANSWER, Intent.UNCLEAR}
# What channels deliver for a photo, audio or file without a caption ("[image]", "[audio]", "[adjunto]").
ATTACHMENT_ONLY = re.compile(r"(\[[\w ]+\]\s*)+")


def start(t: TurnContext) -> None:
    u = t.understanding
    t.memory.remember("cliente", t.state["text"])
    if u.language != "es" or u.intent not in LANGUAGE_NEUTRAL:
        # This turn's replies already follow: texts read the memory's language (workflows/language.py).
        t.memory.language = u.language
    if t.customer.opted_out:
        # They asked us to stay silent: recorded, never answered, until they ask to come back ("ALTA").
        if u.intent == Intent.OPT_IN:
            t.request(SaveCustomer(opt_in=True), Resume.OPTED_IN)
        return
    if u.intent == Intent.OPT_OUT:
        t.request(SaveCustomer(opt_out=True), Resume.OPTED_OUT)
        return
    if t.customer.first_name is not None and not t.memory.greeted:
        t.memory.greeted = True
        if u.intent == Intent.GREETING:
            t.reply(
                say.greeting_returning_customer(assistant=t.customer.assistant_name, first_name=t.customer.first_name)
            )
            return
        t.prefix = say.hello(t.customer.first_name)
    new_customer = t.customer.first_name is None
    if new_customer and not t.memory.greeted:
        # The first reply introduces Maite and answers what was asked; the name waits until a booking needs it.
        t.memory.greeted = True
        t.prefix = question_say.introduction(assistant=t.customer.assistant_name, business=t.customer.business_name)
    if not t.state["text"].strip():
        # A blank message (spaces, or only control characters we removed) answers nothing and counts for nothing.
        t.reply(say.empty_message())
    elif ATTACHMENT_ONLY.fullmatch(t.state["text"].strip()):
        t.reply(say.attachment_received())
    elif u.intent == Intent.MEDICAL or u.medical:
        t.escalate("Consulta médica: necesita que le responda una persona del equipo.", say.medical())
    elif u.intent == Intent.HUMAN:
        t.escalate("Pide hablar con una persona.", say.handover())
    elif t.customer.first_name is None and (t.memory.step == Step.NAME or not new_customer):
        identify_new_customer(t, u)
    elif new_customer and t.memory.step == Step.IDLE and u.intent == Intent.ANSWER and _introduced(u):
        # "Me llamo Inés" before asking for anything: kept, so she is greeted by name from now on.
        t.request(SaveCustomer(first_name=names.as_name(u.names[0])), Resume.NAME_SAVED)
    elif u.intent == Intent.OPT_IN:
        t.reply(say.how_can_i_help())
    else:
        routing.handle(t, u)


def identify_new_customer(t: TurnContext, u: Understanding) -> None:
    if t.memory.step != Step.NAME:
        t.reply(
            say.greeting_new_customer(
                assistant=t.customer.assistant_name,
                business=t.customer.business_name,
                profile_name=t.state.get("profile_name"),
            )
        )
        t.memory.step = Step.NAME
        t.memory.greeted = True
        if u.intent in REQUESTS:
            t.memory.pending_request = UNDERSTANDING.dump_python(u, mode="json")
        return
    name = name_in_answer(t, u)
    if name:
        t.request(SaveCustomer(first_name=name), Resume.NAME_SAVED)
        return
    if u.intent in REQUESTS and t.memory.pending_slot is not None:
        # Asked something instead of their name: answered now, at the offer; the name waits for a slot again.
        t.memory.pending_slot = None
        t.memory.step = Step.SLOT
        routing.handle(t, u)
        return
    if u.intent in REQUESTS:
        # They went straight to what they want: keep it for after the name, which is still asked.
        t.memory.pending_request = UNDERSTANDING.dump_python(u, mode="json")
        t.reply(say.ask_name_again())
        return
    t.memory.name_attempts += 1
    if t.memory.name_attempts >= t.customer.max_name_attempts:
        t.escalate("No consigo confirmar el nombre de una clienta nueva.", say.name_handover())
    else:
        t.reply(say.ask_name_again())


def _introduced(u: Understanding) -> bool:
    return bool(u.names) and names.is_name(" ".join(u.names))


def name_in_answer(t: TurnContext, u: Understanding) -> str | None:
    if u.names and _introduced(u):
        return " ".join(u.names[:1]).title()
    profile = t.state.get("profile_name")
    if u.yes is True and profile:
        return profile.split()[0].title()
    text = t.state["text"]
    words = text.strip(" .!¡").split()
    if names.is_name(text) and u.yes is None and u.intent in (Intent.ANSWER, Intent.UNCLEAR):
        return words[0].title()
    return None


def after_name_saved(t: TurnContext, result: dict[str, Any]) -> None:
    CustomerSaved.model_validate(result)
    name = t.action_payload()["first_name"]
    t.customer.first_name = name
    t.memory.step = Step.IDLE
    slot, t.memory.pending_slot = t.memory.pending_slot, None
    if slot is not None:
        # The booking's own message (the deposit link, or the confirmation) is the answer: a welcome sent after
        # the turn would arrive after it.
        booking_steps.take(t, slot)
        return
    t.reply(say.name_confirmed(name))
    pending = t.memory.pending_request
    t.memory.pending_request = None
    if pending is None:
        t.reply(say.how_can_i_help())
        return
    t.understanding = UNDERSTANDING.validate_python(pending)
    routing.handle(t, t.understanding)


def after_opt_out(t: TurnContext, result: dict[str, Any]) -> None:
    CustomerSaved.model_validate(result)
    t.opted_out = True
    t.reply(say.opted_out())


def after_opt_in(t: TurnContext, result: dict[str, Any]) -> None:
    CustomerSaved.model_validate(result)
    t.opted_in = True
    t.reply(question_say.opted_in())
