"""The context every step function of a turn takes: the state read in, replies, the request for an activity
node and where to resume after it, escalation, and the state written back."""

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter

from activities.understanding.schema import Understanding
from workflows.dialogue import texts as say
from workflows.dialogue.actions import Action
from workflows.dialogue.state import BookingFacts, CustomerFacts, Memory, Resume, Step, TurnState

UNDERSTANDING = TypeAdapter(Understanding)


class TurnContext:
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
        self.opted_in = bool(state.get("opted_in"))
        self.booking_started: str | None = state.get("booking_started")
        self.action: tuple[Action, Resume] | None = None

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
            "opted_in": self.opted_in,
            "booking_started": self.booking_started,
            "action": action,
            "result": None,
        }

    def reply(self, text: str) -> None:
        if self.prefix:
            text, self.prefix = f"{self.prefix} {text}", None
        self.replies.append(text)

    def request(self, action: Action, then: Resume) -> None:
        self.action = (action, then)

    def escalate(self, reason: str, reply: str) -> None:
        """The team gets the context; the bot goes silent until someone hands the conversation back."""
        self.reply(reply)
        self.alert_team(reason, self.next_booking())
        self.escalated = True
        self.memory.step = Step.IDLE

    def alert_team(self, reason: str, booking: BookingFacts | None) -> None:
        """The team's message: the reason, who, the booking if any and the last messages."""
        self.team_alert = say.team_alert(
            reason=reason,
            customer=self.customer.first_name or self.state.get("profile_name") or "sin nombre",
            phone=self.state["phone"],
            recent=self.memory.recent,
            booking=booking,
            timezone=self.tz,
        )

    def day_of(self, instant: datetime) -> date:
        """The business-local day of an instant (a slot's or a booking's start)."""
        return instant.astimezone(ZoneInfo(self.tz)).date()

    def upcoming_bookings(self) -> list[BookingFacts]:
        return [b for b in self.customer.bookings if b.start >= self.now - timedelta(hours=1)]

    def next_booking(self) -> BookingFacts | None:
        upcoming = self.upcoming_bookings()
        day = self.understanding.day
        on_day = [b for b in upcoming if day and self.day_of(b.start) == day]
        candidates = on_day or upcoming
        return candidates[0] if candidates else None

    def action_payload(self) -> dict[str, Any]:
        """The action this turn resumes after, as the graph recorded it."""
        action = self.state.get("action")
        assert action is not None
        return action
