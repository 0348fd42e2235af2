"""Putting a booking together in the conversation: services, pack, people, slots offered and the one chosen."""

import uuid
from typing import Any
from zoneinfo import ZoneInfo

from activities.understanding.schema import Understanding
from workflows.booking.types import BookingStatus
from workflows.dialogue import change_texts as change_say
from workflows.dialogue import question_texts as question_say
from workflows.dialogue import slots, waitlist
from workflows.dialogue import texts as say
from workflows.dialogue.actions import (
    BookedPerson,
    BookingStarted,
    RescheduleBooking,
    SearchSlots,
    SlotsFound,
    StartBooking,
)
from workflows.dialogue.state import Draft, Person, Resume, SlotOption, Step
from workflows.dialogue.turn_context import TurnContext

# Booking namespace for ids derived from (conversation, message): a retried turn starts the same booking.
BOOKING_IDS = uuid.UUID("6f1c3a52-93a4-4d3e-9a55-0c2b0d6c7e10")


def book(t: TurnContext, u: Understanding, *, fresh: bool) -> None:
    draft = t.memory.draft
    if fresh and (u.services or t.memory.step in (Step.IDLE, Step.SERVICES)):
        draft = t.memory.draft = Draft(services=u.services)
    when(draft, u)
    draft.staff = u.staff or draft.staff
    if fresh and (u.party_size > 1 or u.beneficiary):
        draft.people = _group(u)
    continue_booking(t, draft)


def _group(u: Understanding) -> list[Person]:
    """Who the booking is for: the relatives named (each asked their name), the writer when the group counts
    them, and friends not named, booked under the writer's name ("somos cuatro")."""
    relatives = [Person(relation=_yours(r)) for r in (u.companions or [u.beneficiary] if u.beneficiary else [])]
    writer = [Person()] if u.party_size > len(relatives) else []
    friends = [Person() for _ in range(u.party_size - len(writer) - len(relatives))]
    return writer + relatives + friends


def when(draft: Draft, u: Understanding) -> None:
    """The day, time and part of day asked, over the draft's: a new day clears the old time, and a time said
    clears the old part of the day ("a las 17" after "por la mañana" is not a morning)."""
    draft.day = u.day or draft.day
    draft.time = u.time or (None if u.day else draft.time)
    new_time = u.time is not None
    draft.part_of_day = u.part_of_day.value if u.part_of_day else (None if u.day or new_time else draft.part_of_day)


def hold_when_free(t: TurnContext, u: Understanding) -> None:
    """At an offer, a time not among the slots shown is held at once if it is free; said without a day, it is
    meant on the first day offered."""
    draft = t.memory.draft
    draft.exact = True
    if u.day is None and draft.offered:
        draft.day = t.day_of(min(s.start for s in draft.offered))


def book_usual(t: TurnContext, u: Understanding) -> None:
    if not t.customer.usual_services:
        t.memory.step = Step.SERVICES
        t.reply(say.no_history())
        return
    t.memory.draft = Draft(
        services=t.customer.usual_services,
        staff=t.customer.usual_staff,
        usual=True,
        day=u.day,
        time=u.time,
        part_of_day=u.part_of_day.value if u.part_of_day else None,
        pack_offered=True,
    )
    continue_booking(t, t.memory.draft)


def continue_booking(t: TurnContext, draft: Draft) -> None:
    if not draft.services:
        t.memory.step = Step.SERVICES
        t.reply(say.ask_services())
        return
    unnamed = next((p for p in draft.people if p.relation and not p.name), None)
    if unnamed is not None:
        t.memory.step = Step.PERSON_NAME
        t.reply(say.ask_person_name(unnamed.relation or ""))
        return
    search(t, draft)


def search(t: TurnContext, draft: Draft) -> None:
    t.request(
        SearchSlots(
            services=draft.services,
            pack=draft.pack,
            first_day=draft.day,
            time=draft.time,
            part_of_day=draft.part_of_day,
            staff=None if draft.staff_busy else draft.staff,
            party_size=len(draft.people),
        ),
        Resume.OFFER,
    )


def after_search(t: TurnContext, result: dict[str, Any]) -> None:
    found = SlotsFound.model_validate(result)
    draft = t.memory.draft
    if found.problem == "mixed_categories":
        first_category = found.categories[draft.services[0]]
        draft.later = [s for s in draft.services if found.categories[s] != first_category]
        draft.services = [s for s in draft.services if found.categories[s] == first_category]
        t.memory.step = Step.SPLIT
        t.reply(say.mixed_categories(first=draft.services, second=draft.later))
        return
    if found.problem is not None:
        t.memory.step = Step.SERVICES
        t.reply(say.ask_services())
        return
    if found.pack and not draft.pack_offered and not draft.moving:
        draft.pack_offered = True
        draft.pack_services = found.pack.services
        draft.pack_offer = found.pack.name
        t.memory.step = Step.PACK
        t.reply(
            say.pack_offer(
                pack=found.pack.name,
                price=found.pack.price,
                saving=found.pack.saving,
                asked=say.joined(draft.services),
                asked_price=found.price,
            )
        )
        return
    missed = ""
    if draft.exact:
        draft.exact = False
        held = _free_at_asked_time(found.slots, draft, t.tz)
        if held is not None:
            take(t, held)
            return
        missed = say.time_not_free(draft.time or "")
    offer = slots.to_offer(found.slots, timezone=t.tz, time=draft.time, part_of_day=draft.part_of_day)
    on_asked_day = [s for s in offer if draft.day is None or t.day_of(s.start) == draft.day]
    if draft.staff and not draft.staff_busy and not on_asked_day:
        # The stylist asked for (or the usual one) has no time then: show who else has.
        draft.staff_busy = True
        search(t, draft)
        return
    intro = missed
    moving = next((b for b in t.customer.bookings if b.booking_id == draft.moving), None)
    if moving is not None:
        intro += change_say.moving(moving, t.tz)
    if draft.usual:
        intro += say.usual(services=draft.services, staff=draft.staff)
    if found.closed_reason and draft.day:
        intro += say.closed_day(day=draft.day, reason=found.closed_reason)
    if draft.staff_busy and draft.staff:
        intro += say.staff_busy(draft.staff)
    if t.booking_started and not draft.moving:
        intro = say.second_booking(draft.services) + intro
    what = draft.pack or say.joined(draft.services)
    wait = waitlist.offer_for(draft, found.day_full)
    if not offer:
        t.memory.step = Step.SERVICES if not draft.moving else Step.MOVE_WHEN
        t.reply(intro + say.no_slots(what) + wait)
        return
    draft.offered = offer
    t.memory.step = Step.SLOT
    t.reply(say.slots_offer(intro=intro, what=what, price=found.price, slots=offer, timezone=t.tz) + wait)


def _free_at_asked_time(found: list[SlotOption], draft: Draft, timezone: str) -> SlotOption | None:
    tz = ZoneInfo(timezone)
    return next(
        (
            s
            for s in sorted(found, key=lambda s: s.start)
            if f"{s.start.astimezone(tz):%H:%M}" == draft.time
            and (draft.day is None or s.start.astimezone(tz).date() == draft.day)
            and (draft.staff is None or draft.staff in s.staff_names)
        ),
        None,
    )


def take(t: TurnContext, slot: SlotOption) -> None:
    draft = t.memory.draft
    if draft.moving:
        t.request(
            RescheduleBooking(
                booking_id=draft.moving,
                start=slot.start,
                staff_ids=slot.staff_ids,
                staff_names=slot.staff_names,
                request_id=t.state["message_id"],
            ),
            Resume.MOVED,
        )
        return
    if t.customer.first_name is None:
        # A new customer's name is asked only now, when the booking needs it; the slot is taken once it is said.
        t.memory.pending_slot = slot
        t.memory.step = Step.NAME
        t.reply(question_say.name_for_booking(t.state.get("profile_name")))
        return
    booking_id = uuid.uuid5(BOOKING_IDS, f"{t.state['conversation_id']}:{t.state['message_id']}")
    people = [
        BookedPerson(name=p.name, relation=p.relation, staff_id=staff_id, staff_name=staff_name)
        for p, staff_id, staff_name in zip(draft.people, slot.staff_ids, slot.staff_names, strict=False)
    ]
    t.request(
        StartBooking(
            booking_id=str(booking_id),
            start=slot.start,
            services=draft.services,
            pack=draft.pack,
            people=people,
            language=t.memory.language,
        ),
        Resume.BOOKED,
    )


def after_booking_started(t: TurnContext, result: dict[str, Any]) -> None:
    started = BookingStarted.model_validate(result)
    draft = t.memory.draft
    if started.status == BookingStatus.SLOT_TAKEN:
        t.reply(say.slot_taken())
        search(t, draft)
        return
    if started.status == BookingStatus.NOT_STARTED:
        # The team already has the booking's reason (no link, a refused message); a person finishes it.
        t.escalate("La reserva no ha podido empezar (pago o mensaje rechazado).", say.booking_not_started())
        t.memory.draft = Draft()
        return
    # The booking workflow sends the deposit link or the confirmation itself.
    t.booking_started = started.booking_id
    t.memory.step = Step.IDLE
    t.memory.draft = Draft()
    if draft.later:
        t.memory.draft = Draft(services=draft.later, day=draft.day, people=draft.people, pack_offered=True)
        search(t, t.memory.draft)


def _yours(relation: str | None) -> str | None:
    """ "mi madre" / "madre" -> "tu madre" ("my mum" -> "your mum"): how Maite speaks of them."""
    if not relation:
        return None
    first, _, rest = relation.strip().partition(" ")
    return say.yours(rest if rest and first in ("mi", "mis", "su", "sus", "my") else relation.strip())
