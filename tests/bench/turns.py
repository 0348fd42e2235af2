"""A conversation's history, all runs through continue-as-new, cut into turns and costed turn by turn."""

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from temporalio.activity import _Definition
from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import HistoryEvent

from activities.messaging.port import MessagingPort
from activities.messaging.replies import TurnReplies
from tests.bench.cloud_actions import Billed, billed, is_local_activity, started_with_signal
from workflows.conversation.workflow import ConversationWorkflow

CUSTOMER_MESSAGE = ConversationWorkflow.customer_message.__name__
# A turn's replies: one activity for them all since issue 20, one per reply in the histories recorded before it.
REPLY_ACTIVITIES = {
    _Definition.must_from_callable(TurnReplies.send_replies).name,
    _Definition.must_from_callable(MessagingPort.send_message).name,
}


@dataclass(frozen=True)
class TurnCost:
    events: int
    bytes: int
    # Regular activities scheduled, plus local activities (one marker each).
    activities: int
    workflow_tasks: int
    actions: int
    replies: int
    # None when the turn sent no reply (a redelivery, a person answering).
    hops: int | None


def split(runs: Sequence[Sequence[HistoryEvent]]) -> list[list[Billed]]:
    """Turns in order: each opens at a customer message's signal (at the run's start for a signal-with-start)
    and takes every event up to the next one, so a continue-as-new and the new run's first tasks belong to the
    turn that led to them. Events before the first message belong to the first turn."""
    turns: list[list[Billed]] = []
    for events in runs:
        opening = _openings(events)
        for index, event in enumerate(billed(events)):
            if index in opening or not turns:
                turns.append([])
            turns[-1].append(event)
    return turns


def _openings(events: Sequence[HistoryEvent]) -> set[int]:
    with_start = started_with_signal(events)
    opening = {i for i, e in enumerate(events) if is_customer_message(e) and i != with_start}
    if with_start is not None and is_customer_message(events[with_start]):
        opening.add(0)
    return opening


def is_customer_message(event: HistoryEvent) -> bool:
    return (
        event.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
        and event.workflow_execution_signaled_event_attributes.signal_name == CUSTOMER_MESSAGE
    )


def cost(turn: Sequence[Billed]) -> TurnCost:
    events = [b.event for b in turn]
    return TurnCost(
        events=len(events),
        bytes=sum(len(e.SerializeToString()) for e in events),
        activities=sum(1 for e in events if _is_activity(e)),
        workflow_tasks=sum(1 for e in events if e.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
        actions=sum(b.actions for b in turn),
        replies=len(_replies(events)),
        hops=hops(events),
    )


def _is_activity(event: HistoryEvent) -> bool:
    return event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED or is_local_activity(event)


def hops(events: Sequence[HistoryEvent]) -> int | None:
    """Sequential activity hops before the customer's last reply goes out: the workflow tasks of the turn,
    before the one that schedules the last reply activity (`send_replies`, or `send_message` before issue 20), that
    scheduled at least one regular activity.
    Activities scheduled by one workflow task run side by side, so they are one hop; each such task waited for
    an earlier activity (or the signal) to be woken, so they line up on the path from message to reply. An
    activity a signal handler schedules meanwhile would be counted too (none does during these turns)."""
    scheduled = [e for e in events if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED]
    replies = _replies(events)
    if not replies:
        return None
    last = replies[-1].activity_task_scheduled_event_attributes.workflow_task_completed_event_id
    before = {
        e.activity_task_scheduled_event_attributes.workflow_task_completed_event_id
        for e in scheduled
        if e.event_id < replies[-1].event_id
    }
    return len(before - {last})


def _replies(events: Sequence[HistoryEvent]) -> list[HistoryEvent]:
    return [
        e
        for e in events
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
        and e.activity_task_scheduled_event_attributes.activity_type.name in REPLY_ACTIVITIES
    ]


@dataclass(frozen=True)
class Summary:
    turns: int
    events: float
    bytes: float
    activities: float
    workflow_tasks: float
    actions: float
    replies: float
    hops: float | None

    def said(self) -> str:
        hops = "-" if self.hops is None else f"{self.hops:.1f}"
        return (
            f"{self.events:.1f} events, {self.bytes / 1024:.1f} KB, {self.activities:.1f} activities "
            f"({hops} sequential), {self.workflow_tasks:.1f} workflow tasks, {self.actions:.2f} actions per turn"
        )


def summarize(costs: Sequence[TurnCost]) -> Summary:
    """Means per turn; hops over the turns that replied."""
    hops = [c.hops for c in costs if c.hops is not None]
    return Summary(
        turns=len(costs),
        events=fmean(c.events for c in costs),
        bytes=fmean(c.bytes for c in costs),
        activities=fmean(c.activities for c in costs),
        workflow_tasks=fmean(c.workflow_tasks for c in costs),
        actions=fmean(c.actions for c in costs),
        replies=fmean(c.replies for c in costs),
        hops=fmean(hops) if hops else None,
    )
