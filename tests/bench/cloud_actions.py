"""Temporal Cloud's billable Actions, read from a run's history events.

The model follows https://docs.temporal.io/cloud/actions (read 2026-12-04): a workflow started (client start,
signal-with-start, continue-as-new: counted on the new run's WorkflowExecutionStarted), each signal received (one
action in all for a signal-with-start), each update accepted, each activity scheduled plus each retry (the
started event's attempt - 1), all local activities of one workflow task as one action (plus their retries
from the task's metering metadata), each timer, each search attribute upsert (TemporalChangeVersion alone is
exempt), each workflow options update, two per child workflow started, one per Nexus operation scheduled or
cancelled. Signalling another workflow is billed in the signalled history, not the sender's.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import HistoryEvent

# What the history cannot show, printed beside every figure built on this count.
NOT_COUNTED = (
    "not in histories, not counted: queries, activity and workflow-task heartbeats, rejected updates, schedules"
)
LOCAL_ACTIVITY_MARKER = "core_local_activity"
CHANGE_VERSION = "TemporalChangeVersion"
ONE_EACH = {
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
    EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
    EventType.EVENT_TYPE_TIMER_STARTED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_OPTIONS_UPDATED,
    EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED,
    EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUESTED,
}
# The intent is durably stored, then the start attempted: two actions.
CHILD_WORKFLOW_ACTIONS = 2


@dataclass(frozen=True)
class Billed:
    event: HistoryEvent
    actions: int


def started_with_signal(events: Sequence[HistoryEvent]) -> int | None:
    """The index of the signal a signal-with-start delivered: in a run that is not a continuation, the first signal
    recorded before any workflow task started (nothing could have signalled the new run separately before)."""
    if not events or events[0].workflow_execution_started_event_attributes.continued_execution_run_id:
        return None
    for index, event in enumerate(events):
        if event.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED:
            return None
        if event.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
            return index
    return None


def billed(events: Sequence[HistoryEvent]) -> list[Billed]:
    """One run's events, each with the actions it stands for."""
    with_start = started_with_signal(events)
    billed_task: int | None = None  # the workflow task whose local activities were already counted
    task = 0
    out = []
    for index, event in enumerate(events):
        if event.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
            task = event.event_id
        actions = _actions(event) if index != with_start else 0
        if is_local_activity(event) and billed_task != task:
            billed_task, actions = task, 1
        out.append(Billed(event, actions))
    return out


def _actions(event: HistoryEvent) -> int:
    kind = event.event_type
    if kind in ONE_EACH:
        return 1
    if kind == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
        return max(event.activity_task_started_event_attributes.attempt - 1, 0)
    if kind == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
        metering = event.workflow_task_completed_event_attributes.metering_metadata
        return metering.nonfirst_local_activity_execution_attempts
    if kind == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
        fields = event.upsert_workflow_search_attributes_event_attributes.search_attributes.indexed_fields
        return 0 if set(fields) <= {CHANGE_VERSION} else 1
    if kind == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
        return CHILD_WORKFLOW_ACTIONS
    return 0


def is_local_activity(event: HistoryEvent) -> bool:
    return (
        event.event_type == EventType.EVENT_TYPE_MARKER_RECORDED
        and event.marker_recorded_event_attributes.marker_name == LOCAL_ACTIVITY_MARKER
    )


def total(events: Sequence[Billed]) -> int:
    return sum(b.actions for b in events)
