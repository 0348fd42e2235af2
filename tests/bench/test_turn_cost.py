"""The bench's pure arithmetic on recorded histories: turns, Cloud actions, hops, a month's estimate."""

from pathlib import Path

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import HistoryEvent
from temporalio.client import WorkflowHistory

from tests.bench import turns
from tests.bench.cloud_actions import LOCAL_ACTIVITY_MARKER, billed, total
from tests.bench.cloud_estimate import Assumptions, Measured, actions_usd, month

# Histories recorded before issue 20 (the turn of 2026-12-03, copied from tests/workflows/histories at 1771e3b):
# frozen here because the counts below were checked by hand on them; the replay test's own are recorded anew.
HISTORIES = Path(__file__).parent / "histories"


def events(name: str) -> list[HistoryEvent]:
    return list(WorkflowHistory.from_json(name, (HISTORIES / name).read_text()).events)


def test_a_signal_with_start_opens_the_first_turn_and_each_message_the_next() -> None:
    split = turns.split([events("conversation_dialogue_booking.json")])
    # Messages signalled at events 43, 98, 138 and 172; the first came with the start.
    assert [t[0].event.event_id for t in split] == [1, 43, 98, 138, 172]
    assert turns.cost(split[0]) == turns.TurnCost(
        events=42, bytes=9025, activities=4, workflow_tasks=7, actions=9, replies=1, hops=3
    )


def test_a_continued_runs_first_tasks_belong_to_the_turn_before() -> None:
    first, continued = events("conversation_dialogue_booking.json"), events("conversation_continued_with_state.json")
    split = turns.split([first, continued])
    assert len(split) == 6
    # The continued run's start, its task and two upserts (events 1-6) close the last turn of the first run.
    assert len(split[4]) == 43 + 6
    assert split[5][0].event.event_id == 7


def test_a_conversation_started_again_after_it_closed_opens_a_turn_at_its_start() -> None:
    history = events("conversation_dialogue_booking.json")
    split = turns.split([history, history])
    assert len(split) == 10
    assert len(split[5]) == 42


def test_hops_are_the_workflow_tasks_that_scheduled_activities_before_the_last_reply() -> None:
    split = turns.split([events("conversation_dialogue_booking.json")])
    # The second turn: record the message, identify, understand, save the customer, search slots, first reply;
    # the fourth started a booking and sent nothing itself.
    assert [turns.cost(t).hops for t in split] == [3, 6, 4, None, 4]


def test_an_activity_scheduled_with_the_last_reply_is_no_hop_before_it() -> None:
    history = events("conversation_dialogue_booking.json")
    # `understand` (event 29) as if scheduled by the task that schedules the reply (its id as recorded: 33).
    history[28].activity_task_scheduled_event_attributes.workflow_task_completed_event_id = 33
    assert turns.cost(turns.split([history])[0]).hops == 2


def test_cloud_actions_of_a_booking_paid_reminded_and_completed() -> None:
    # Started 1, 11 activities, 4 search attribute upserts, 3 timers, the payment's signal.
    assert total(billed(events("booking_paid_reminded_completed.json"))) == 20


def test_the_signal_of_a_signal_with_start_and_a_change_version_upsert_are_free() -> None:
    first = billed(events("conversation_dialogue_booking.json"))[:42]
    assert [b.event.event_id for b in first if b.actions] == [1, 6, 7, 8, 12, 23, 29, 35, 41]


def test_an_activity_retried_twice_is_three_actions() -> None:
    history = events("booking_paid_reminded_completed.json")
    history[8].activity_task_started_event_attributes.attempt = 3
    assert total(billed(history)) == 22


def _marker(event_id: int) -> HistoryEvent:
    event = HistoryEvent(event_id=event_id, event_type=EventType.EVENT_TYPE_MARKER_RECORDED)
    event.marker_recorded_event_attributes.marker_name = LOCAL_ACTIVITY_MARKER
    return event


def test_local_activities_of_one_workflow_task_are_one_action() -> None:
    history = events("booking_paid_reminded_completed.json")[:4]  # started, task scheduled, started, completed
    task = HistoryEvent(event_id=8, event_type=EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
    with_markers = [*history, _marker(5), _marker(6), _marker(7), task, _marker(9)]
    assert [b.actions for b in billed(with_markers)] == [1, 0, 0, 0, 1, 0, 0, 0, 1]
    assert turns.cost(billed(with_markers)).activities == 4


def test_action_prices_by_tier_as_the_pricing_page_works_them_out() -> None:
    # docs.temporal.io/cloud/pricing: 11.25 M actions = $250 + $225 + $50.
    assert actions_usd(11.25e6) == pytest.approx(525)


def test_a_month_before_and_after_idle_shrinking() -> None:
    measured = Measured(
        actions_per_turn=4,
        replies_per_turn=1,
        bytes_per_turn=10_000,
        actions_per_booking=20,
        bytes_per_booking=20_000,
        shrunk_bytes=5_000,
        shrink_actions=3,
    )
    a = Assumptions(
        conversations_per_day=100,
        days_per_month=10,
        turns_per_conversation=2,
        bookings_per_conversation=0.5,
        statuses_per_reply=1,
        actions_per_status=2,
        customers_open=1000,
        turns_held_when_idle=50,
        retention_days=10,
    )
    before, after = month(measured, a, shrinking=False), month(measured, a, shrinking=True)
    # 1,000 conversations x (2 turns x (4 + 1 x 1 x 2) + 0.5 x 20), plus 3 per shrink after.
    assert (before.actions, after.actions) == (22_000, 25_000)
    # 1,000 customers x 50 turns x 10 KB before; x 5 KB after.
    assert (before.active_gb, after.active_gb) == (pytest.approx(0.5), pytest.approx(0.005))
    # 1,000 conversations x (2 x 10 KB + 0.5 x 20 KB), all retained for the month.
    assert before.retained_gb == pytest.approx(0.03)
    assert before.active_usd == pytest.approx(0.5 * 744 * 0.042)


def test_not_shrunk_leaves_the_month_as_before() -> None:
    measured = Measured(4, 1, 10_000, 20, 20_000, shrunk_bytes=None, shrink_actions=0)
    assert month(measured, Assumptions(), shrinking=True) == month(measured, Assumptions(), shrinking=False)
