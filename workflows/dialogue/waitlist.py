"""The waitlist in the conversation: offered when the day asked for is full, joined when the customer asks."""

from typing import Any

from activities.understanding.schema import Understanding
from workflows.dialogue import texts as say
from workflows.dialogue.actions import JoinWaitlist, WaitlistJoined
from workflows.dialogue.state import Draft, Resume, Step
from workflows.dialogue.turn_context import TurnContext


def offer_for(draft: Draft, day_full: bool) -> str:
    """What the offer adds when the day asked for is open but has nothing left: how to wait for it."""
    if draft.day is None or draft.moving or not day_full or not draft.services:
        return ""
    return say.waitlist_hint(draft.day)


def joins(t: TurnContext, u: Understanding) -> bool:
    """ "Lista de espera": for the services and day of this message, else of the search just made."""
    if not u.waitlist:
        return False
    draft = t.memory.draft
    services = u.services or draft.services
    day = u.day or draft.day
    if not services or day is None:
        t.reply(say.waitlist_needs_what())
        return True
    part = u.part_of_day.value if u.part_of_day else draft.part_of_day
    t.request(
        JoinWaitlist(services=services, day=day, staff=u.staff or draft.staff, part_of_day=part), Resume.WAITLISTED
    )
    return True


def after_join(t: TurnContext, result: dict[str, Any]) -> None:
    action = JoinWaitlist.model_validate(t.state["action"])
    t.memory.step = Step.IDLE
    t.memory.draft = Draft()
    if WaitlistJoined.model_validate(result).joined:
        t.reply(say.waitlisted(services=action.services, day=action.day))
    else:
        t.reply(say.waitlist_needs_what())
