"""What a ConversationWorkflow is started with and what channels deliver to it."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from models.enums import Channel

# Continue-as-new well before the history gets heavy (every activity node carries the turn's state, a few KB).
MAX_TURNS_PER_RUN = 100


@dataclass
class InboundMessage:
    """A customer message as a channel delivered it; `message_id` is the channel's own id."""

    message_id: str
    text: str
    channel: Channel = Channel.CONSOLE
    profile_name: str | None = None
    # The channel's own conversation (Chatwoot): replies to this customer go there.
    channel_conversation_id: str | None = None


@dataclass
class ConversationInput:
    business: str
    phone: str
    # Carried across continue-as-new so a redelivered message is still recognised.
    handled_message_ids: list[str] = field(default_factory=list)
    human_mode: bool = False
    # The dialogue's memory (step, draft booking, recent messages, summary) and when human mode ends.
    memory: dict[str, Any] | None = None
    human_until: datetime | None = None
    opted_out: bool = False
    # Turns before continuing-as-new even if the server does not suggest it yet.
    max_turns: int = MAX_TURNS_PER_RUN
