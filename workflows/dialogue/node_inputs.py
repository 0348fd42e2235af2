"""What the dialogue's activity nodes receive: only what each needs, never the graph's whole state (the
memory, the customer's facts and the replies stay in the workflow, out of the history)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from workflows.dialogue.state import TurnState


@dataclass
class ActionInput:
    """An action decide asked for (its JSON, validated by the node) and who and when it is for."""

    business: str
    phone: str
    conversation_id: str
    now: datetime
    timezone: str
    request: dict[str, Any]

    @classmethod
    def of(cls, state: TurnState) -> "ActionInput":
        action = state.get("action")
        if action is None:
            raise ValueError("action node run without an action")
        return cls(
            business=state["business"],
            phone=state["phone"],
            conversation_id=state["conversation_id"],
            now=datetime.fromisoformat(state["now"]),
            timezone=state["customer"]["timezone"],
            request=action,
        )


@dataclass
class SummarizeInput:
    summary: str
    lines: list[str] = field(default_factory=list)


@dataclass
class UnderstandOutput:
    # An Understanding as JSON.
    understanding: dict[str, Any]
    # "claude", "rules" or "rules_fallback" (kept in the history: which understanding answered).
    by: str
