"""The decide node: one customer message in, Maite's replies and the next piece of work out. Pure.

It runs in the workflow (no I/O, no clock but the `now` the workflow put in the state). When it needs the
world (free slots, FAQ answers, a booking started or changed) it returns an action; the graph runs that
activity node and calls decide again with the result, resuming where the action's `then` says.
"""

from collections.abc import Callable
from typing import Any

from workflows.dialogue import attendance, booking_steps, change_steps, identity, routing, waitlist
from workflows.dialogue.state import Resume, TurnState
from workflows.dialogue.turn_context import TurnContext
from workflows.language import speaking

RESUME: dict[Resume, Callable[[TurnContext, dict[str, Any]], None]] = {
    Resume.OPTED_OUT: identity.after_opt_out,
    Resume.OPTED_IN: identity.after_opt_in,
    Resume.NAME_SAVED: identity.after_name_saved,
    Resume.FAQ: routing.after_faq,
    Resume.OFFER: booking_steps.after_search,
    Resume.BOOKED: booking_steps.after_booking_started,
    Resume.CANCELLED: change_steps.after_cancel,
    Resume.MOVED: change_steps.after_move,
    Resume.ATTENDANCE: attendance.after_confirm,
    Resume.WAITLISTED: waitlist.after_join,
}


def decide_turn(state: TurnState) -> dict[str, Any]:
    t = TurnContext(state)
    action, result = state.get("action"), state.get("result")
    with speaking(t.memory):
        if action is not None and result is not None:
            RESUME[Resume(action["then"])](t, result)
        else:
            identity.start(t)
    return t.to_state()
