"""The decide node: one customer message in, Maite's replies and the next piece of work out. Pure.

It runs in the workflow (no I/O, no clock but the `now` the workflow put in the state). When it needs the
world (free slots, FAQ answers, a booking started or changed) it returns an action; the graph runs that
activity node and calls it again with the result, resuming where `then` says.
"""

import re
import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter

from activities.understanding import Intent, Understanding
from workflows.dialogue import slots
from workflows.dialogue import texts as say
from workflows.dialogue.actions import (
    Action,
    BookedPerson,
    BookingStarted,
    CancelAnswer,
    CancelBooking,
    CustomerSaved,
    Faq,
    FaqAnswers,
    RescheduleAnswer,
    RescheduleBooking,
    SaveCustomer,
    SearchSlots,
    SlotsFound,
    StartBooking,
)
from workflows.dialogue.state import BookingFacts, CustomerFacts, Draft, Memory, Person, SlotOption, Step, TurnState

UNDERSTANDING = TypeAdapter(Understanding)
# A delay announced this close to the start, or this long, needs the team's decision, not a note (story 5.4).
LATE_ESCALATION_WITHIN = timedelta(hours=1)
LATE_ESCALATION_DELAY_MINUTES = 30
CONSULTATION = "Consulta gratuita"
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
# Booking namespace for ids derived from (conversation, message): a retried turn starts the same booking.
BOOKING_IDS = uuid.UUID("6f1c3a52-93a4-4d3e-9a55-0c2b0d6c7e10")


class Turn:
    def __init__(self, state: TurnState) -> None:
        self.state = state
        self.memory = Memory.model_validate(state["memory"])
        self.customer = CustomerFacts.model_validate(state["customer"])
        # Absent when the customer opted out: the graph skips understanding them.
        self.understanding = UNDERSTANDING.validate_python(state.get("understanding") or {"intent": "unclear"})
        self.now = datetime.fromisoformat(state["now"])
        self.tz = self.customer.timezone
        self.replies: list[str] = list(state.get("replies") or [])
        # "¡Hola, Lucía!" waits for the turn's first reply, which may come after an action.
        self.prefix: str | None = state.get("prefix")
        self.team_alert: str | None = state.get("team_alert")
        self.escalated = bool(state.get("escalated"))
        self.opted_out = bool(state.get("opted_out"))
        self.booking_started: str | None = state.get("booking_started")
        self.action: tuple[Action, str] | None = None

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

    def to_state(self) -> dict[str, Any]:
        replies = list(self.replies)
        for text in replies[len(self.state.get("replies") or []) :]:
            self.memory.remember("maite", text)
        action = None
        if self.action is not None:
            action = {**self.action[0].model_dump(mode="json"), "then": self.action[1]}
        return {
            "memory": self.memory.model_dump(mode="json"),
            "replies": replies,
            "prefix": self.prefix,
            "team_alert": self.team_alert,
            "escalated": self.escalated,
            "opted_out": self.opted_out,
            "booking_started": self.booking_started,
            "action": action,
            "result": None,
        }

    # -- building blocks -----------------------------------------------------------------------------------
    def reply(self, text: str) -> None:
        if self.prefix:
            text, self.prefix = f"{self.prefix} {text}", None
        self.replies.append(text)

    def request(self, action: Action, then: str) -> None:
        self.action = (action, then)

    def escalate(self, reason: str, reply: str) -> None:
        """The team gets the context; the bot goes silent until someone hands the conversation back."""
        self.reply(reply)
        name = self.customer.first_name or self.state.get("profile_name") or "sin nombre"
        self.team_alert = say.team_alert(
            reason=reason,
            customer=name,
            phone=self.state["phone"],
            recent=self.memory.recent,
            booking=self.next_booking(),
            timezone=self.tz,
        )
        self.escalated = True
        self.memory.step = Step.IDLE

    def next_booking(self) -> BookingFacts | None:
        upcoming = [b for b in self.customer.bookings if b.start >= self.now - timedelta(hours=1)]
        day = self.understanding.day
        on_day = [b for b in upcoming if day and b.start.astimezone(ZoneInfo(self.tz)).date() == day]
        candidates = on_day or upcoming
        return candidates[0] if candidates else None

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
                self.reply(say.cancel_kept())
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

    # -- booking ----------------------------------------------------------------------------------------------
    def book(self, u: Understanding, *, fresh: bool) -> None:
        draft = self.memory.draft
        if fresh and (u.services or self.memory.step in (Step.IDLE, Step.SERVICES)):
            draft = self.memory.draft = Draft(services=u.services)
        draft.day = u.day or draft.day
        draft.time = u.time or (None if u.day else draft.time)
        draft.part_of_day = u.part_of_day.value if u.part_of_day else (None if u.day else draft.part_of_day)
        draft.staff = u.staff or draft.staff
        if fresh and (u.party_size > 1 or u.beneficiary):
            relation = _yours(u.beneficiary) or "la otra persona"
            draft.people = [Person(), Person(relation=relation)] if u.party_size > 1 else [Person(relation=relation)]
        self.continue_booking(draft)

    def book_usual(self, u: Understanding) -> None:
        if not self.customer.usual_services:
            self.memory.step = Step.SERVICES
            self.reply(say.no_history())
            return
        self.memory.draft = Draft(
            services=self.customer.usual_services,
            staff=self.customer.usual_staff,
            usual=True,
            day=u.day,
            time=u.time,
            part_of_day=u.part_of_day.value if u.part_of_day else None,
            pack_offered=True,
        )
        self.continue_booking(self.memory.draft)

    def continue_booking(self, draft: Draft) -> None:
        if not draft.services:
            self.memory.step = Step.SERVICES
            self.reply(say.ask_services())
            return
        unnamed = next((p for p in draft.people if p.relation and not p.name), None)
        if unnamed is not None:
            self.memory.step = Step.PERSON_NAME
            self.reply(say.ask_person_name(unnamed.relation or ""))
            return
        self.search(draft)

    def search(self, draft: Draft) -> None:
        self.request(
            SearchSlots(
                services=draft.services,
                pack=draft.pack,
                first_day=draft.day,
                time=draft.time,
                part_of_day=draft.part_of_day,
                staff=None if draft.staff_busy else draft.staff,
                party_size=len(draft.people),
            ),
            "offer",
        )

    def after_search(self, result: dict[str, Any]) -> None:
        found = SlotsFound.model_validate(result)
        draft = self.memory.draft
        if found.problem == "mixed_categories":
            first_category = found.categories[draft.services[0]]
            draft.later = [s for s in draft.services if found.categories[s] != first_category]
            draft.services = [s for s in draft.services if found.categories[s] == first_category]
            self.memory.step = Step.SPLIT
            self.reply(say.mixed_categories(first=draft.services, second=draft.later))
            return
        if found.problem is not None:
            self.memory.step = Step.SERVICES
            self.reply(say.ask_services())
            return
        if found.pack and not draft.pack_offered and not draft.moving:
            draft.pack_offered = True
            draft.pack_services = found.pack.services
            draft.pack_offer = found.pack.name
            self.memory.step = Step.PACK
            self.reply(
                say.pack_offer(
                    pack=found.pack.name,
                    price=found.pack.price,
                    saving=found.pack.saving,
                    asked=say.joined(draft.services),
                    asked_price=found.price,
                )
            )
            return
        offer = slots.to_offer(found.slots, timezone=self.tz, time=draft.time, part_of_day=draft.part_of_day)
        on_asked_day = [
            s for s in offer if draft.day is None or s.start.astimezone(ZoneInfo(self.tz)).date() == draft.day
        ]
        if draft.staff and not draft.staff_busy and not on_asked_day:
            # The stylist asked for (or the usual one) has no time then: show who else has.
            draft.staff_busy = True
            self.search(draft)
            return
        intro = ""
        if draft.usual:
            intro += say.usual(services=draft.services, staff=draft.staff)
        if found.closed_reason and draft.day:
            intro += say.closed_day(day=draft.day, reason=found.closed_reason)
        if draft.staff_busy and draft.staff:
            intro += say.staff_busy(draft.staff)
        if self.booking_started and not draft.moving:
            intro = say.second_booking(draft.services) + intro
        what = draft.pack or say.joined(draft.services)
        if not offer:
            self.memory.step = Step.SERVICES if not draft.moving else Step.MOVE_WHEN
            self.reply(intro + say.no_slots(what))
            return
        draft.offered = offer
        self.memory.step = Step.SLOT
        self.reply(say.slots_offer(intro=intro, what=what, price=found.price, slots=offer, timezone=self.tz))

    def take(self, slot: SlotOption) -> None:
        draft = self.memory.draft
        if draft.moving:
            self.request(
                RescheduleBooking(
                    booking_id=draft.moving,
                    start=slot.start,
                    staff_ids=slot.staff_ids,
                    staff_names=slot.staff_names,
                    request_id=self.state["message_id"],
                ),
                "moved",
            )
            return
        booking_id = uuid.uuid5(BOOKING_IDS, f"{self.state['conversation_id']}:{self.state['message_id']}")
        people = [
            BookedPerson(name=p.name, relation=p.relation, staff_id=staff_id, staff_name=staff_name)
            for p, staff_id, staff_name in zip(draft.people, slot.staff_ids, slot.staff_names, strict=False)
        ]
        self.request(
            StartBooking(
                booking_id=str(booking_id), start=slot.start, services=draft.services, pack=draft.pack, people=people
            ),
            "booked",
        )

    def after_booking_started(self, result: dict[str, Any]) -> None:
        started = BookingStarted.model_validate(result)
        draft = self.memory.draft
        if started.status == "slot_taken":
            self.reply(say.slot_taken())
            self.search(draft)
            return
        # The booking workflow sends the deposit link or the confirmation itself.
        self.booking_started = started.booking_id
        self.memory.step = Step.IDLE
        self.memory.draft = Draft()
        if draft.later:
            self.memory.draft = Draft(services=draft.later, day=draft.day, people=draft.people, pack_offered=True)
            self.search(self.memory.draft)

    # -- changes to an existing booking ------------------------------------------------------------------------
    def ask_cancel(self) -> None:
        booking = self.next_booking()
        if booking is None:
            self.reply(say.no_booking())
            return
        self.memory.booking = booking.booking_id
        self.memory.step = Step.CANCEL_CONFIRM
        self.reply(say.confirm_cancel(booking, self.tz))

    def cancel(self, *, accept_no_refund: bool) -> None:
        booking_id = self.memory.booking or (b.booking_id if (b := self.next_booking()) else None)
        if booking_id is None:
            self.memory.step = Step.IDLE
            self.reply(say.no_booking())
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
                say.no_refund_offer(
                    deposit=booking.deposit if booking else answer.refunded, hours=self.customer.cancellation_hours
                )
            )
        elif answer.outcome == "not_cancellable":
            self.escalate("Quiere cancelar una cita que ya no se puede cancelar desde el chat.", say.not_cancellable())
        # Cancelled: the booking workflow tells the customer, with the refund if any.

    def move(self, u: Understanding) -> None:
        booking = (
            next((b for b in self.customer.bookings if b.booking_id == self.memory.booking), None)
            or self.next_booking()
        )
        if booking is None:
            self.reply(say.no_booking())
            return
        self.memory.booking = booking.booking_id
        if not (u.day or u.time or u.part_of_day):
            self.memory.step = Step.MOVE_WHEN
            self.reply(say.ask_new_time())
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
        self.reply(say.move_failed())
        self.search(self.memory.draft)

    def running_late(self, u: Understanding) -> None:
        """Within the hour (or very late) the team decides what can still be done; otherwise a note is enough."""
        booking = self.next_booking()
        if booking is None:
            self.reply(say.no_booking())
            return
        minutes = u.delay_minutes
        if booking.start - self.now <= LATE_ESCALATION_WITHIN or (minutes or 0) > LATE_ESCALATION_DELAY_MINUTES:
            delay = f"{minutes} min" if minutes else "un rato"
            self.escalate(
                f"Llega tarde ({delay}) a su cita; decidid si se puede mantener.", say.running_late_soon(minutes)
            )
            return
        name = self.customer.first_name or self.state["phone"]
        at = f"{booking.start.astimezone(ZoneInfo(self.tz)):%H:%M}"
        delay = f"{minutes} min" if minutes else "un poco"
        self.team_alert = f"ℹ️ {name} llegará {delay} tarde a su cita de las {at} con {' y '.join(booking.staff)}."
        self.reply(say.running_late_noted(minutes))

    def payment_problem(self) -> None:
        booking = next((b for b in self.customer.bookings if b.payment_url and b.status == "provisional"), None)
        if booking is None or booking.payment_url is None:
            self.reply(say.no_booking())
            return
        self.reply(say.payment_help(booking.payment_url))
        self.team_alert = say.team_alert(
            reason="Problema con el pago del anticipo.",
            customer=self.customer.first_name or self.state["phone"],
            phone=self.state["phone"],
            recent=self.memory.recent,
            booking=booking,
            timezone=self.tz,
        )


def decide_turn(state: TurnState) -> dict[str, Any]:
    turn = Turn(state)
    action, result = state.get("action"), state.get("result")
    if action is not None and result is not None:
        turn.resume(action, result)
    else:
        turn.start()
    return turn.to_state()


def _yours(relation: str | None) -> str | None:
    """ "mi madre" / "madre" -> "tu madre": how Maite speaks of them."""
    if not relation:
        return None
    return "tu " + relation.removeprefix("mi ").strip()
