"""What a ConversationWorkflow is started with and what channels deliver to it."""

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from models.enums import Channel

# Continue-as-new well before the history gets heavy (every activity node carries the turn's state, a few KB).
MAX_TURNS_PER_RUN = 100
DEFAULT_HUMAN_MODE_HOURS = 24
# Settings.conversation_idle_after's default, for conversations started without it.
DEFAULT_IDLE_AFTER = timedelta(hours=2)
# Message ids an idle conversation carries into its next run: a redelivery comes within minutes; older ones are
# caught by the message table's answered mark (one local activity).
REMEMBERED_WHEN_IDLE = 20
# Until the first turn says the business's own.
DEFAULT_TIMEZONE = "Europe/Madrid"


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
class StaffReply:
    """A reply a staff member wrote in /admin; `reply_id` comes with the form, so a double click is one send."""

    reply_id: str
    staff: str
    text: str


@dataclass
class StaffReplyResult:
    # The channel's reason when it refused the reply (it was not sent); None once sent and recorded.
    refused: str | None = None


@dataclass
class ConversationState:
    """Everything a conversation knows, carried into the next run by continue-as-new (whole after many turns,
    compacted after a quiet period)."""

    # Messages signalled but not answered yet: a continue-as-new takes them along.
    pending: list[InboundMessage] = field(default_factory=list)
    # Ids answered lately, so a redelivery is dropped before it costs an activity.
    handled_message_ids: list[str] = field(default_factory=list)
    human_mode: bool = False
    human_until: datetime | None = None
    # The dialogue's memory: step, draft booking, recent messages, summary.
    memory: dict[str, Any] | None = None
    opted_out: bool = False
    # Bookings of this customer still waiting for a deposit, and those that told us they no longer are.
    unpaid: list[str] = field(default_factory=list)
    settled: list[str] = field(default_factory=list)
    # The business's policy, learnt on the first turn; the demo salon's value until then.
    human_mode_hours: int = DEFAULT_HUMAN_MODE_HOURS
    # Who and where, for the Web UI's current details (learnt from each turn).
    first_name: str | None = None
    timezone: str = DEFAULT_TIMEZONE

    def compact(self) -> "ConversationState":
        """What an idle conversation carries into its next run: everything but the older message ids."""
        return replace(self, handled_message_ids=self.handled_message_ids[-REMEMBERED_WHEN_IDLE:])


@dataclass
class ConversationInput:
    business: str
    phone: str
    # Runs started before `state` existed carried these five; they seed the state when `state` is None.
    handled_message_ids: list[str] = field(default_factory=list)
    human_mode: bool = False
    memory: dict[str, Any] | None = None
    human_until: datetime | None = None
    opted_out: bool = False
    # Turns before continuing-as-new even if the server does not suggest it yet.
    max_turns: int = MAX_TURNS_PER_RUN
    state: ConversationState | None = None
    # Quiet this long, the conversation continues-as-new with its compact state.
    idle_after: timedelta = DEFAULT_IDLE_AFTER

    def initial_state(self) -> ConversationState:
        return self.state or ConversationState(
            handled_message_ids=list(self.handled_message_ids),
            human_mode=self.human_mode,
            human_until=self.human_until,
            memory=self.memory,
            opted_out=self.opted_out,
        )
