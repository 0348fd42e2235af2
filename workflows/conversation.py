"""ConversationWorkflow: one long-running workflow per (business, customer phone) that answers every message."""

from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from temporalio import workflow
from temporalio.langgraph import graph

with workflow.unsafe.imports_passed_through():
    from activities.message_archive import (
        DeliveryUpdate,
        RecordDeliveryInput,
        RecordInboundInput,
        RecordInboundResult,
    )
    from activities.messaging_port import AlertTeamInput, SendMessageInput, SendMessageResult

from workflows import conversation_business, metrics
from workflows.activity_calls import DATABASE, MESSAGING, call
from workflows.conversation_greeting import greeting_before_the_graph
from workflows.conversation_types import ConversationInput, InboundMessage
from workflows.dialogue.graph import GRAPH_NAME
from workflows.dialogue.state import Memory, TurnState
from workflows.search_attributes import BUSINESS, CONVERSATION_STATE, CUSTOMER_PHONE
from workflows.timers import sleep_until

# Enough to recognise any redelivery a channel makes (they retry within minutes to days, a few times);
# the message table's unique key catches anything older.
REMEMBERED_MESSAGE_IDS = 200
# Conversations started before the dialogue graph keep their greeting-only turns when replayed.
DIALOGUE_GRAPH_PATCH = "dialogue-graph"
DEFAULT_HUMAN_MODE_HOURS = 24


@workflow.defn
class ConversationWorkflow:
    """Receives messages by signal, runs one turn per message in arrival order, never two at once."""

    def __init__(self) -> None:
        self._pending: deque[InboundMessage] = deque()
        self._handled: deque[str] = deque(maxlen=REMEMBERED_MESSAGE_IDS)
        self._human_mode = False
        self._human_until: datetime | None = None
        self._memory: dict[str, Any] = Memory().model_dump(mode="json")
        self._opted_out = False
        # Bookings of this customer still waiting for a deposit, and those that told us they no longer are.
        self._unpaid: set[str] = set()
        self._settled: set[str] = set()
        self._who = ""
        # The business's policy, learnt on the first turn; the demo salon's value until then.
        self._human_hours = DEFAULT_HUMAN_MODE_HOURS
        self._dialogue = graph(GRAPH_NAME).compile()

    @workflow.signal
    def customer_message(self, message: InboundMessage) -> None:
        """A channel delivered a message; redeliveries of a known id are dropped here."""
        if message.message_id in self._handled or any(m.message_id == message.message_id for m in self._pending):
            return
        self._pending.append(message)

    @workflow.signal
    async def delivery_status(self, update: DeliveryUpdate) -> None:
        """The channel says how far one of our messages got (sent, delivered, read, failed)."""
        await call(
            DATABASE,
            "record_delivery_status",
            RecordDeliveryInput(conversation_business(workflow.info().workflow_id), update),
            bool,
            f"estado de entrega: {update.status.value}",
        )

    @workflow.signal
    def booking_settled(self, booking_id: str) -> None:
        """A booking of this customer stopped waiting for its deposit (paid, released or cancelled)."""
        self._settled.add(booking_id)
        self._unpaid.discard(booking_id)
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

    def _set_human_mode(self, on: bool) -> None:
        self._human_mode = on
        self._human_until = workflow.now() + timedelta(hours=self._human_hours) if on else None
        self._publish()

    def _publish(self) -> None:
        state = (
            "opted_out"
            if self._opted_out
            else "escalated"
            if self._human_mode
            else "waiting_payment"
            if self._unpaid
            else "active"
        )
        workflow.upsert_search_attributes([CONVERSATION_STATE.value_set(state)])
        # What an operator reads first in the Web UI; changes with every turn (not part of the history).
        until = f" hasta {self._human_until:%d/%m %H:%M} UTC" if self._human_until else ""
        step = self._memory.get("step", "idle")
        workflow.set_current_details(f"{self._who} · **{state}**{until} · esperando: {step}")

    def _human_mode_interrupted(self, until: datetime) -> Callable[[], bool]:
        """A message to record, or staff handed back (or escalated again, moving the deadline)."""
        return lambda: bool(self._pending) or self._human_until != until

    @workflow.update
    async def wait_until_handled(self, message_id: str) -> None:
        """Returns once the turn for `message_id` is done (the demo API's synchronous mode uses it)."""
        await workflow.wait_condition(lambda: message_id in self._handled)

    @workflow.query
    def pending_messages(self) -> int:
        return len(self._pending)

    @workflow.query
    def human_mode(self) -> bool:
        return self._human_mode

    @workflow.run
    async def run(self, input: ConversationInput) -> None:
        self._handled.extend(input.handled_message_ids)
        self._memory = input.memory or self._memory
        self._opted_out = input.opted_out
        self._who = f"Conversación con {input.phone} ({input.business})"
        workflow.upsert_search_attributes([BUSINESS.value_set(input.business), CUSTOMER_PHONE.value_set(input.phone)])
        self._human_mode = input.human_mode or self._human_mode
        self._human_until = input.human_until or self._human_until
        self._publish()
        turns = 0
        while True:
            if self._human_until is not None and not self._pending:
                # Nobody handed the conversation back: after the timeout the bot answers again.
                until = self._human_until
                if not await sleep_until(until, self._human_mode_interrupted(until), "vuelve al bot"):
                    self._set_human_mode(False)
                continue
            await workflow.wait_condition(lambda: bool(self._pending))
            message = self._pending.popleft()
            await self._turn(input, message)
            self._handled.append(message.message_id)
            turns += 1
            if turns >= input.max_turns or workflow.info().is_continue_as_new_suggested():
                await workflow.wait_condition(lambda: not self._pending and workflow.all_handlers_finished())
                workflow.continue_as_new(
                    ConversationInput(
                        input.business,
                        input.phone,
                        list(self._handled),
                        self._human_mode,
                        self._memory,
                        self._human_until,
                        self._opted_out,
                        input.max_turns,
                    )
                )

    async def _turn(self, input: ConversationInput, message: InboundMessage) -> None:
        wf_id = workflow.info().workflow_id
        recorded = await call(
            DATABASE,
            "record_inbound_message",
            RecordInboundInput(
                input.business,
                input.phone,
                message.channel,
                message.message_id,
                message.text,
                wf_id,
                message.channel_conversation_id,
            ),
            RecordInboundResult,
            "guarda el mensaje",
        )
        if not recorded.is_new:
            # Handled in an earlier run, before a continue-as-new forgot its id: answering again would duplicate.
            return
        if not workflow.patched(DIALOGUE_GRAPH_PATCH):
            greeting = await greeting_before_the_graph(input, message)
            if greeting is not None and not self._human_mode:
                await self._send(input, greeting, f"{wf_id}:reply:{message.message_id}")
            return
        if self._human_mode:
            return  # a person is answering; the message is recorded for them
        state: TurnState = {
            "business": input.business,
            "phone": input.phone,
            "conversation_id": wf_id,
            "message_id": message.message_id,
            "text": message.text,
            "profile_name": message.profile_name,
            "now": workflow.now().isoformat(),
            "memory": self._memory,
            "replies": [],
            "action": None,
            "result": None,
        }
        out = await self._dialogue.ainvoke(state)
        self._memory = out["memory"]
        for index, text in enumerate(out.get("replies") or []):
            await self._send(input, text, f"{wf_id}:reply:{message.message_id}:{index}")
        if out.get("team_alert"):
            await call(
                MESSAGING,
                "alert_team",
                AlertTeamInput(
                    input.business,
                    input.phone,
                    out["team_alert"],
                    f"{wf_id}:team:{message.message_id}",
                    wf_id,
                    hand_over=bool(out.get("escalated")),
                ),
                SendMessageResult,
                "avisa al equipo",
            )
        self._opted_out = self._opted_out or bool(out.get("opted_out"))
        self._unpaid = {b["booking_id"] for b in out["customer"].get("bookings", []) if b["status"] == "provisional"}
        if out.get("booking_started"):
            self._unpaid.add(out["booking_started"])
        # A booking paid while this turn ran was read as unpaid at its start: its own word wins.
        self._unpaid -= self._settled
        self._human_hours = out["customer"]["human_mode_hours"]
        metrics.turn()
        if out.get("escalated"):
            metrics.escalation("dialogue")
            self._set_human_mode(True)
        else:
            self._publish()

    async def _send(self, input: ConversationInput, text: str, key: str) -> None:
        wf_id = workflow.info().workflow_id
        await call(
            MESSAGING,
            "send_message",
            SendMessageInput(input.business, input.phone, text, key, wf_id),
            SendMessageResult,
            "responde al cliente",
        )
