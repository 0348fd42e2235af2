"""ConversationWorkflow: one long-running workflow per (business, customer phone) that answers every message."""

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.langgraph import graph
from temporalio.workflow import ActivityConfig, ContinueAsNewVersioningBehavior

with workflow.unsafe.imports_passed_through():
    from activities.messaging.port import MessagingPort, SendMessageInput
    from models.enums import AppointmentStatus

from workflows import conversation_pseudonym, metrics
from workflows.conversation import details
from workflows.conversation.turn import ConversationTurn, TurnEnd, TurnResult
from workflows.conversation.types import (
    ConversationInput,
    ConversationState,
    InboundMessage,
    StaffReply,
    StaffReplyResult,
)
from workflows.dialogue.graph import GRAPH_NAME
from workflows.dialogue.state import Memory
from workflows.options import MESSAGING, described
from workflows.refusals import Refusal, attempt
from workflows.search_attributes import BUSINESS, CONVERSATION_STATE, CUSTOMER
from workflows.timers import sleep_until

# Enough to recognise any redelivery a channel makes (they retry within minutes to days, a few times);
# the message table's answered mark catches anything older.
REMEMBERED_MESSAGE_IDS = 200
# A message the database would not take (down past its retries) is tried again after this pause.
RECORD_AGAIN_AFTER = timedelta(minutes=1)
# Staff wait on the page for their reply: a channel still down after this is reported to them, not retried on.
STAFF_REPLY: ActivityConfig = {**MESSAGING, "schedule_to_close_timeout": timedelta(minutes=1)}


# Pinned (the versioned worker's default; a behaviour named here would be refused by an unversioned worker): a
# run ends on the code it started with, no patches for running conversations. Each continue-as-new, after many
# turns, a quiet period or a new build made current, starts the next run on the current build (docs/runbook.md).
@workflow.defn
class ConversationWorkflow:
    """Receives messages by signal, runs one turn per message in arrival order, never two at once."""

    @workflow.init
    def __init__(self, input: ConversationInput) -> None:
        # Built from the input here, not in run: a signal-with-start's message arrives before run begins.
        self._s = input.initial_state()
        self._s.memory = self._s.memory or Memory().model_dump(mode="json")
        # Message ids that `wait_until_handled` callers wait for: a continue-as-new must not strand them.
        self._awaited: set[str] = set()
        self._business = ""
        # Who this conversation is with: a staff reply can arrive before `run` starts.
        self._input = input
        self._dialogue = graph(GRAPH_NAME).compile()
        # The last message's arrival: the idle watch measures the quiet from it.
        self._last_message_at = workflow.now()
        self._idle = False
        # The ConversationState search attribute this run last wrote.
        self._published: str | None = None

    @workflow.signal
    def customer_message(self, message: InboundMessage) -> None:
        """A channel delivered a message; redeliveries of a known id are dropped here."""
        if message.message_id in self._s.handled_message_ids or any(
            m.message_id == message.message_id for m in self._s.pending
        ):
            return
        self._s.pending.append(message)
        self._last_message_at = workflow.now()

    @workflow.signal
    def booking_settled(self, booking_id: str) -> None:
        """A booking of this customer stopped waiting for its deposit (paid, released or cancelled)."""
        self._s.settled = sorted({*self._s.settled, booking_id})
        self._s.unpaid = [b for b in self._s.unpaid if b != booking_id]
        self._publish()

    @workflow.signal
    def escalate(self, reason: str) -> None:
        """A booking or a turn needs a person: the bot goes silent, messages are still recorded."""
        workflow.logger.info("conversation escalated: %s", reason)
        self._set_human_mode(True)

    @workflow.signal
    def hand_back(self) -> None:
        """Staff are done: the bot answers again."""
        self._set_human_mode(False)

    @workflow.update
    async def staff_reply(self, reply: StaffReply) -> StaffReplyResult:
        """A staff member answers from /admin, through the customer's channel; replying takes the conversation
        over (the bot goes silent). Returns once the channel took the reply (recorded with its author) or
        refused it; a refusal is the staff's to read, never a failure of the conversation."""
        if not self._s.human_mode:
            self._set_human_mode(True)
        wf_id = workflow.info().workflow_id
        sent = await attempt(
            MessagingPort.send_message,
            SendMessageInput(
                self._input.business,
                self._input.phone,
                reply.text,
                f"{wf_id}:staff:{reply.reply_id}",
                wf_id,
                author=reply.staff,
            ),
            described(STAFF_REPLY, "responde el equipo"),
        )
        return StaffReplyResult(sent.reason if isinstance(sent, Refusal) else None)

    @staff_reply.validator
    def _staff_reply_has_words(self, reply: StaffReply) -> None:
        if not reply.text.strip() or not reply.staff:
            raise ValueError("a staff reply needs a text and its author")

    def _set_human_mode(self, on: bool) -> None:
        self._s.human_mode = on
        self._s.human_until = workflow.now() + timedelta(hours=self._s.human_mode_hours) if on else None
        self._publish()

    def _publish(self) -> None:
        s = self._s
        state = (
            "opted_out" if s.opted_out else "escalated" if s.human_mode else "waiting_payment" if s.unpaid else "active"
        )
        # Only a change is written (an upsert is a history event and a billed action); who the conversation is
        # with goes with a run's first write, for runs started without them.
        if state != self._published:
            updates = [CONVERSATION_STATE.value_set(state)]
            if self._published is None:
                pseudonym = conversation_pseudonym(workflow.info().workflow_id)
                updates += [BUSINESS.value_set(self._input.business), CUSTOMER.value_set(pseudonym)]
            workflow.upsert_search_attributes(updates)
            self._published = state
        # What an operator reads first in the Web UI; changes with every turn (not part of the history).
        workflow.set_current_details(
            details.current_details(
                business=self._business,
                first_name=s.first_name,
                state=state,
                until=s.human_until,
                timezone=s.timezone,
                step=(s.memory or {}).get("step", "idle"),
            )
        )

    def _human_mode_interrupted(self, until: datetime) -> Callable[[], bool]:
        """A message to record, staff handed back (or escalated again, moving the deadline), or quiet long
        enough to shrink (the next run keeps the deadline)."""
        return lambda: bool(self._s.pending) or self._s.human_until != until or self._idle

    @workflow.update
    async def wait_until_handled(self, message_id: str) -> None:
        """Returns once the turn for `message_id` is done (the demo API's synchronous mode uses it)."""
        self._awaited.add(message_id)
        await workflow.wait_condition(lambda: message_id in self._s.handled_message_ids)
        self._awaited.discard(message_id)

    @workflow.query
    def pending_messages(self) -> int:
        return len(self._s.pending)

    @workflow.query
    def human_mode(self) -> bool:
        return self._s.human_mode

    @workflow.run
    async def run(self, input: ConversationInput) -> None:
        self._business = input.business
        self._publish()
        turn = ConversationTurn(input, self._s, self._dialogue)
        idle_watch: asyncio.Task[None] | None = None
        turns = 0
        while True:
            info = workflow.info()
            if (
                turns >= input.max_turns
                or info.is_continue_as_new_suggested()
                or (info.is_target_worker_deployment_version_changed() and not self._s.pending)
            ):
                await self._continue_as_new_when_quiet(input, self._s)
            if self._idle and not self._s.pending:
                await self._continue_as_new_when_quiet(input, self._s.compact())
            if self._s.human_until is not None and not self._s.pending:
                # Nobody handed the conversation back: after the timeout the bot answers again.
                until = self._s.human_until
                if not await sleep_until(until, self._human_mode_interrupted(until), "vuelve al bot"):
                    self._set_human_mode(False)
                continue
            await workflow.wait_condition(lambda: bool(self._s.pending) or self._idle)
            if not self._s.pending:
                continue
            message = self._s.pending.pop(0)
            result = await turn.run(message)
            if result.end == TurnEnd.NOT_RECORDED:
                # Nothing happened yet: the message goes back first in line, and waits out the outage.
                self._s.pending.insert(0, message)
                await workflow.sleep(RECORD_AGAIN_AFTER, summary="reintenta guardar el mensaje")
                continue
            self._handled(message.message_id)
            self._learn(result)
            turns += 1
            # Watched from the run's first turn, with one timer per quiet period (not one per message, each two
            # events and an action); a run that starts idle waits for a message, it never shrinks again.
            idle_watch = idle_watch or asyncio.create_task(self._watch_idle(input.idle_after))

    async def _watch_idle(self, idle_after: timedelta) -> None:
        """Sets `_idle` once no message came for `idle_after`; a message meanwhile moves the deadline."""
        while (wait := self._last_message_at + idle_after - workflow.now()) > timedelta(0):
            await workflow.sleep(wait, summary="conversación en reposo")
        self._idle = True

    async def _continue_as_new_when_quiet(self, input: ConversationInput, state: ConversationState) -> None:
        """Continue-as-new once no handler runs, taking pending messages along. A caller waiting for one of
        them keeps this run going until it is answered (its update would be lost with the run). The next run
        starts on the current build: conversations leave old code within hours."""
        await workflow.wait_condition(
            lambda: workflow.all_handlers_finished() or any(m.message_id in self._awaited for m in self._s.pending)
        )
        if workflow.all_handlers_finished():
            state.pending = self._s.pending
            workflow.continue_as_new(
                ConversationInput(
                    input.business, input.phone, max_turns=input.max_turns, state=state, idle_after=input.idle_after
                ),
                initial_versioning_behavior=(
                    ContinueAsNewVersioningBehavior.AUTO_UPGRADE
                    if workflow.info().get_current_deployment_version()
                    else None
                ),
            )

    def _handled(self, message_id: str) -> None:
        ids = self._s.handled_message_ids
        ids.append(message_id)
        del ids[:-REMEMBERED_MESSAGE_IDS]

    def _learn(self, result: TurnResult) -> None:
        """What the dialogue's output says about the customer: opted out, bookings waiting for a deposit."""
        out, s = result.out, self._s
        if out is not None:
            s.memory = out["memory"]
            s.opted_out = (s.opted_out or bool(out.get("opted_out"))) and not out.get("opted_in")
            unpaid = {
                b["booking_id"]
                for b in out["customer"].get("bookings", [])
                if b["status"] == AppointmentStatus.PROVISIONAL
            }
            if out.get("booking_started"):
                unpaid.add(out["booking_started"])
            # A booking paid while this turn ran was read as unpaid at its start: its own word wins.
            s.unpaid = sorted(unpaid - set(s.settled))
            s.human_mode_hours = out["customer"]["human_mode_hours"]
            s.first_name, s.timezone = out["customer"].get("first_name"), out["customer"]["timezone"]
        if result.escalated:
            if out is not None:
                metrics.escalation("dialogue")
            self._set_human_mode(True)
        elif out is not None:
            self._publish()
