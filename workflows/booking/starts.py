"""Starting a BookingWorkflow from outside it (the conversation's booking activity, the admin's desk, a waitlist
offer): one run per booking id, ever. Client code: no workflow imports this module.

A booking id is started once. A live run is joined (a retried start, a double click); a closed one is never
started again, since its hold was refused or its booking is over and a second run would hold the slot anew
behind everyone's back. The caller gets that run's outcome instead (issue #20: the conversation's retries made
dozens of runs of one refused booking)."""

from typing import TypedDict

from temporalio.client import Client, WithStartWorkflowOperation, WorkflowFailureError
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from workflows import booking_workflow_id
from workflows.booking.types import BookingInput, BookingStatus
from workflows.booking.workflow import BookingWorkflow


class _Once(TypedDict):
    """The start options both ways of starting share: the id and the policies that make it one run."""

    id: str
    task_queue: str
    id_conflict_policy: WorkflowIDConflictPolicy
    id_reuse_policy: WorkflowIDReusePolicy
    static_summary: str


async def start_and_hold(client: Client, input: BookingInput, *, task_queue: str, summary: str) -> BookingStatus:
    """Starts the booking, or joins its live run, and waits for its hold in one request (update-with-start):
    SLOT_TAKEN or NOT_STARTED when refused, else where it went once held. When the booking's run already
    closed, that run's outcome."""
    try:
        return await client.execute_update_with_start_workflow(
            BookingWorkflow.held,
            start_workflow_operation=WithStartWorkflowOperation(
                BookingWorkflow.run, input, **_once(input, task_queue, summary)
            ),
            # One update per booking: a retry whose first try was heard gets the same answer.
            id=f"held:{input.booking_id}",
        )
    except (WorkflowAlreadyStartedError, RPCError) as error:
        if not _closed(error):
            raise
        return await _outcome(client, input.booking_id)


async def start(client: Client, input: BookingInput, *, task_queue: str, summary: str) -> None:
    """Starts the booking without waiting for its hold (a waitlist offer the customer answers by paying);
    a booking whose run already closed stays closed."""
    try:
        await client.start_workflow(BookingWorkflow.run, input, **_once(input, task_queue, summary))
    except (WorkflowAlreadyStartedError, RPCError) as error:
        if not _closed(error):
            raise


def _once(input: BookingInput, task_queue: str, summary: str) -> _Once:
    return _Once(
        id=booking_workflow_id(input.booking_id),
        task_queue=task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        static_summary=summary,
    )


def _closed(error: WorkflowAlreadyStartedError | RPCError) -> bool:
    """The id's run is closed and may not run again. Temporal says so with WorkflowAlreadyStartedError; the
    time-skipping test server with a bare ALREADY_EXISTS (it sends no details the SDK could read)."""
    return isinstance(error, WorkflowAlreadyStartedError) or error.status == RPCStatusCode.ALREADY_EXISTS


async def _outcome(client: Client, booking_id: str) -> BookingStatus:
    """How the closed run ended. One ended without an outcome of its own (terminated by an operator, failed)
    holds nothing: NOT_STARTED, so the conversation hands the customer to a person."""
    try:
        return await client.get_workflow_handle_for(BookingWorkflow.run, booking_workflow_id(booking_id)).result()
    except WorkflowFailureError:
        return BookingStatus.NOT_STARTED
