"""Where a message goes once the customer is known: the answer to the last question, else its intent."""

from typing import Any

from activities.understanding import Intent, Understanding
from workflows.dialogue import change_texts as change_say
from workflows.dialogue import slots
from workflows.dialogue import texts as say
from workflows.dialogue.actions import (
    Faq,
    FaqAnswers,
)
from workflows.dialogue.change_steps import ChangeSteps
from workflows.dialogue.state import Draft, Step

CONSULTATION = "Consulta gratuita"


class Routing(ChangeSteps):
    # -- routing ------------------------------------------------------------------------------------------------
    def handle(self, u: Understanding) -> None:
        self.memory.unclear_in_a_row = 0 if u.intent != Intent.UNCLEAR else self.memory.unclear_in_a_row
        if self.answer_to_step(u):
            return
        match u.intent:
            case Intent.BOOKING:
                self.book(u, fresh=True)
            case Intent.USUAL:
                self.book_usual(u)
            case Intent.INDECISION:
                self.memory.step = Step.CONSULT
                self.reply(say.offer_consultation())
            case Intent.FAQ:
                self.request(Faq(topics=u.faq_topics), "faq")
            case Intent.CANCEL:
                self.ask_cancel()
            case Intent.MODIFY:
                self.move(u)
            case Intent.RUNNING_LATE:
                self.running_late(u)
            case Intent.PAYMENT_PROBLEM:
                self.payment_problem()
            case Intent.SMALL_TALK:
                self.reply(say.small_talk(closing=u.yes is False))
            case Intent.GREETING | Intent.ANSWER:
                self.reply(say.how_can_i_help())
            case _:
                self.unclear()

    def answer_to_step(self, u: Understanding) -> bool:
        """Answers read in the light of the last question; a new request (another intent) wins over them."""
        step, draft = self.memory.step, self.memory.draft
        contextual = u.intent in (Intent.ANSWER, Intent.UNCLEAR, Intent.SMALL_TALK, Intent.GREETING, Intent.BOOKING)
        if step == Step.SLOT:
            slot = slots.chosen(draft.offered, timezone=self.tz, option=u.option, time=u.time, staff=u.staff)
            if slot is not None:
                self.take(slot)
                return True
            if u.day or u.part_of_day or (u.time and not u.option):
                self.book(u, fresh=False)
                return True
            if contextual and not u.services:
                self.reply(say.slot_not_understood(len(draft.offered)))
                return True
        elif step == Step.PACK and u.intent in (Intent.ANSWER, Intent.SMALL_TALK, Intent.BOOKING):
            if u.yes is True or u.pack_accepted or (u.services and set(u.services) >= set(draft.pack_services)):
                draft.services, draft.pack = draft.pack_services, draft.pack_offer
            self.search(draft)
            return True
        elif step == Step.CONSULT and u.yes is not None:
            if u.yes:
                self.memory.draft = Draft(services=[CONSULTATION], day=u.day, time=u.time, part_of_day=u.part_of_day)
                self.search(self.memory.draft)
            else:
                self.memory.step = Step.SERVICES
                self.reply(say.consultation_declined())
            return True
        elif step == Step.SPLIT and u.yes is not None:
            if u.yes:
                self.search(draft)
            else:
                self.memory.step = Step.SERVICES
                self.memory.draft = Draft()
                self.reply(say.ask_services())
            return True
        elif step == Step.PERSON_NAME and u.intent in (Intent.ANSWER, Intent.UNCLEAR):
            person = next(p for p in draft.people if p.relation and not p.name)
            words = self.state["text"].strip(" .!¡").split()
            person.name = (u.names[0] if u.names else words[-1] if words else "").title() or None
            self.continue_booking(draft)
            return True
        elif step == Step.CANCEL_CONFIRM and u.yes is not None:
            if u.yes:
                self.cancel(accept_no_refund=False)
            else:
                self.memory.step = Step.IDLE
                self.reply(change_say.cancel_kept())
            return True
        elif step == Step.NO_REFUND and (u.yes is not None or u.intent == Intent.CANCEL):
            if u.yes and u.intent != Intent.CANCEL:
                self.move(u)
            else:
                self.cancel(accept_no_refund=True)
            return True
        elif step == Step.MOVE_WHEN and (u.day or u.time or u.part_of_day):
            self.move(u)
            return True
        elif step == Step.SERVICES and u.services and contextual:
            self.book(u, fresh=True)
            return True
        return False

    def unclear(self) -> None:
        self.memory.unclear_in_a_row += 1
        if self.memory.unclear_in_a_row >= self.customer.max_clarifications:
            self.memory.unclear_in_a_row = 0
            self.escalate("Tres mensajes seguidos que no he entendido.", say.unclear_handover())
        else:
            self.reply(say.unclear(self.memory.unclear_in_a_row))

    def after_faq(self, result: dict[str, Any]) -> None:
        answers = FaqAnswers.model_validate(result).answers
        if not answers:
            self.unclear()
            return
        self.reply("\n\n".join(answers) + f"\n\n{say.ANYTHING_ELSE}")
