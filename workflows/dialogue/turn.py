"""The decide node: one customer message in, Maite's replies and the next piece of work out. Pure.

It runs in the workflow (no I/O, no clock but the `now` the workflow put in the state). When it needs the
world (free slots, FAQ answers, a booking started or changed) it returns an action; the graph runs that
activity node and calls it again with the result, resuming where `then` says.
"""

import re
from typing import Any

from activities.understanding import Intent, Understanding
from workflows.dialogue import texts as say
from workflows.dialogue.actions import (
    CustomerSaved,
    SaveCustomer,
)
from workflows.dialogue.routing import Routing
from workflows.dialogue.state import Step, TurnState
from workflows.dialogue.turn_base import UNDERSTANDING

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
}
# What channels deliver for a photo, audio or file without a caption ("[image]", "[audio]", "[adjunto]").
ATTACHMENT_ONLY = re.compile(r"(\[[\w ]+\]\s*)+")


class Turn(Routing):
    """Where a message goes: the identity questions, the answer to the last question, or its intent."""

    # -- entry points ---------------------------------------------------------------------------------------
    def start(self) -> None:
        u = self.understanding
        self.memory.remember("cliente", self.state["text"])
        if self.customer.opted_out:
            return  # they asked us to stay silent: recorded, never answered
        if u.intent == Intent.OPT_OUT:
            self.request(SaveCustomer(opt_out=True), "opted_out")
            return
        if self.customer.first_name is not None and not self.memory.greeted:
            self.memory.greeted = True
            if u.intent == Intent.GREETING:
                self.reply(
                    say.greeting_returning_customer(
                        assistant=self.customer.assistant_name, first_name=self.customer.first_name
                    )
                )
                return
            self.prefix = say.hello(self.customer.first_name)
        if ATTACHMENT_ONLY.fullmatch(self.state["text"].strip()):
            self.reply(say.attachment_received())
        elif u.intent == Intent.MEDICAL or u.medical:
            self.escalate("Consulta médica: necesita que le responda una persona del equipo.", say.medical())
        elif u.intent == Intent.HUMAN:
            self.escalate("Pide hablar con una persona.", say.handover())
        elif self.customer.first_name is None:
            self.identify_new_customer(u)
        else:
            self.handle(u)

    def resume(self, action: dict[str, Any], result: dict[str, Any]) -> None:
        then = action["then"]
        handlers = {
            "opted_out": self.after_opt_out,
            "name_saved": self.after_name_saved,
            "faq": self.after_faq,
            "offer": self.after_search,
            "booked": self.after_booking_started,
            "cancelled": self.after_cancel,
            "moved": self.after_move,
        }
        handlers[then](result)

    # -- who is writing --------------------------------------------------------------------------------------
    def identify_new_customer(self, u: Understanding) -> None:
        if self.memory.step != Step.NAME:
            self.reply(
                say.greeting_new_customer(
                    assistant=self.customer.assistant_name,
                    business=self.customer.business_name,
                    profile_name=self.state.get("profile_name"),
                )
            )
            self.memory.step = Step.NAME
            self.memory.greeted = True
            if u.intent in REQUESTS:
                self.memory.pending_request = UNDERSTANDING.dump_python(u, mode="json")
            return
        name = self.name_in_answer(u)
        if name:
            self.request(SaveCustomer(first_name=name), "name_saved")
            return
        if u.intent in REQUESTS:
            # They went straight to what they want: keep it for after the name, which is still asked.
            self.memory.pending_request = UNDERSTANDING.dump_python(u, mode="json")
            self.reply(say.ask_name_again())
            return
        self.memory.name_attempts += 1
        if self.memory.name_attempts >= self.customer.max_name_attempts:
            self.escalate("No consigo confirmar el nombre de una clienta nueva.", say.name_handover())
        else:
            self.reply(say.ask_name_again())

    def name_in_answer(self, u: Understanding) -> str | None:
        if u.names:
            return " ".join(u.names[:1]).title()
        profile = self.state.get("profile_name")
        if u.yes is True and profile:
            return profile.split()[0].title()
        words = self.state["text"].strip(" .!¡").split()
        if (
            1 <= len(words) <= 2
            and all(w.isalpha() for w in words)
            and u.yes is None
            and u.intent
            in (
                Intent.ANSWER,
                Intent.UNCLEAR,
            )
        ):
            return words[0].title()
        return None

    def after_name_saved(self, result: dict[str, Any]) -> None:
        CustomerSaved.model_validate(result)
        name = self.action_payload()["first_name"]
        self.customer.first_name = name
        self.memory.step = Step.IDLE
        self.reply(say.name_confirmed(name))
        pending = self.memory.pending_request
        self.memory.pending_request = None
        if pending is None:
            self.reply(say.how_can_i_help())
            return
        self.understanding = UNDERSTANDING.validate_python(pending)
        self.handle(self.understanding)

    def after_opt_out(self, result: dict[str, Any]) -> None:
        self.opted_out = True
        self.reply(say.opted_out())

    def action_payload(self) -> dict[str, Any]:
        action = self.state.get("action")
        assert action is not None
        return action


def decide_turn(state: TurnState) -> dict[str, Any]:
    turn = Turn(state)
    action, result = state.get("action"), state.get("result")
    if action is not None and result is not None:
        turn.resume(action, result)
    else:
        turn.start()
    return turn.to_state()
