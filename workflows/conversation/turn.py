"""One turn of a conversation: record the message (and read who wrote it), run the dialogue, send its replies,
mark it answered.

Every outside "no" is answered here instead of failing the conversation: a message the database cannot take
yet is tried again later, one whose text it refuses is recorded without it and the customer asked again, a
dialogue step that failed for good hands the customer to a person, a reply the channel refuses goes to the
team with the reason.
"""

from dataclasses import dataclass
from enum import Enum
from typing import Any

from temporalio import workflow
from temporalio.exceptions import FailureError

with workflow.unsafe.imports_passed_through():
    from activities.dialogue.customers import CustomerLookup
    from activities.dialogue.turn_start import BeginTurnInput, TurnStart
    from activities.messaging.archive import MarkAnsweredInput, MessageArchive, RecordInboundInput
    from activities.messaging.replies import SendRepliesInput, TurnReplies
    from models.enums import AppointmentStatus

from workflows import metrics
from workflows.conversation.types import ConversationInput, ConversationState, InboundMessage
from workflows.dialogue import texts
from workflows.dialogue.state import Memory, TurnState
from workflows.language import speaking
from workflows.options import DATABASE, LOCAL_DATABASE, MESSAGING, described
from workflows.refusals import Refusal, attempt, attempt_local, reason_of
from workflows.team import Team


class TurnEnd(Enum):
    ANSWERED = "answered"
    # The database did not take the message: nothing else happened, the turn is tried again later.
    NOT_RECORDED = "not_recorded"


@dataclass
class TurnResult:
    end: TurnEnd
    # The dialogue's output when it ran (None for redeliveries, human mode, a failed dialogue).
    out: dict[str, Any] | None = None
    escalated: bool = False
    # The replies' activity also marked the message answered.
    marked: bool = False


@dataclass
class ConversationTurn:
    input: ConversationInput
    state: ConversationState
    dialogue: Any

    @property
    def team(self) -> Team:
        return Team(self.input.business, self.input.phone)

    async def run(self, message: InboundMessage) -> TurnResult:
        input, wf_id = self.input, workflow.info().workflow_id
        started = await attempt_local(
            TurnStart.begin_turn,
            BeginTurnInput(
                RecordInboundInput(
                    input.business,
                    input.phone,
                    message.channel,
                    message.message_id,
                    message.text,
                    wf_id,
                    message.channel_conversation_id,
                ),
                now=workflow.now(),
                answer=not self.state.human_mode,
            ),
            described(LOCAL_DATABASE, "guarda el mensaje y reconoce al cliente"),
        )
        if isinstance(started, Refusal):
            return TurnResult(TurnEnd.NOT_RECORDED)
        # Answered in an earlier run, before a continue-as-new forgot its id: answering again would duplicate.
        # Recorded but not answered is this very turn, cut short (the first completion of the record was lost).
        if started.recorded.answered:
            return TurnResult(TurnEnd.ANSWERED)
        if started.recorded.refused:
            result = await self._ask_again(message)
        elif started.customer is None:
            result = TurnResult(TurnEnd.ANSWERED)  # a person is answering; the message is recorded for them
        else:
            customer = await self._with_payment_views(started.customer)
            result = await self._answer(message, customer, started.understanding, started.understood_by)
        if not result.marked:  # no reply went (a person answers, or the channel refused): marked here
            await attempt_local(
                MessageArchive.mark_message_answered,
                MarkAnsweredInput(input.business, message.message_id),
                described(LOCAL_DATABASE, "marca el mensaje como respondido"),
            )
        return result

    async def _with_payment_views(self, customer: dict[str, Any]) -> dict[str, Any]:
        """A booking waiting for its deposit: its link and failed payments, from the booking itself (an activity,
        only for these customers). Unanswered, the turn goes on without them."""
        unpaid = [b for b in customer["bookings"] if b["status"] == AppointmentStatus.PROVISIONAL]
        if not unpaid:
            return customer
        views = await attempt(
            CustomerLookup.payment_views,
            [b["booking_id"] for b in unpaid],
            described(DATABASE, "mira el pago pendiente"),
        )
        for view in [] if isinstance(views, Refusal) else views:
            booking = next(b for b in unpaid if b["booking_id"] == view.booking_id)
            booking["payment_url"], booking["payment_failures"] = view.payment_url, view.payment_failures
        return customer

    async def _answer(
        self,
        message: InboundMessage,
        customer: dict[str, Any],
        understanding: dict[str, Any] | None,
        understood_by: str | None,
    ) -> TurnResult:
        input, wf_id = self.input, workflow.info().workflow_id
        turn: TurnState = {
            "business": input.business,
            "phone": input.phone,
            "conversation_id": wf_id,
            "message_id": message.message_id,
            "text": message.text,
            "profile_name": message.profile_name,
            "now": workflow.now().isoformat(),
            "memory": self.state.memory or {},
            "customer": customer,
            "replies": [],
            "action": None,
            "result": None,
        }
        if understanding is not None and understood_by is not None:
            turn["understanding"], turn["understood_by"] = understanding, understood_by
        try:
            out = await self.dialogue.ainvoke(turn)
        except FailureError as error:
            # A step failed for good: an activity's error, or (a local activity's) its cause, unwrapped.
            marked = await self._hand_over(message, reason_of(error))
            return TurnResult(TurnEnd.ANSWERED, escalated=True, marked=marked)
        marked = await self.send(out.get("replies") or [], f"{wf_id}:reply:{message.message_id}", message.message_id)
        if out.get("team_alert"):
            await self.team.tell(
                out["team_alert"], f"{wf_id}:team:{message.message_id}", hand_over=bool(out.get("escalated"))
            )
        metrics.turn()
        return TurnResult(TurnEnd.ANSWERED, out, escalated=bool(out.get("escalated")), marked=marked)

    async def _ask_again(self, message: InboundMessage) -> TurnResult:
        """The database refused the text (it is recorded as refused): the customer is asked to write it again,
        and the dialogue goes on from where it was."""
        with speaking(self._memory()):
            text = texts.message_refused()
        key = f"{workflow.info().workflow_id}:reply:{message.message_id}"
        return TurnResult(TurnEnd.ANSWERED, marked=await self.send([text], key, message.message_id))

    async def _hand_over(self, message: InboundMessage, reason: str) -> bool:
        """A step of the dialogue failed for good: the customer hears a person will answer, the team why;
        the memory stays as it was before this message."""
        wf_id = workflow.info().workflow_id
        metrics.escalation("failure")
        with speaking(self._memory()):
            text = texts.sorry_a_person_will_answer()
        marked = await self.send([text], f"{wf_id}:sorry:{message.message_id}", message.message_id, indexed=False)
        await self.team.tell(
            f"🔔 No he podido atender este mensaje de {self.input.phone}: «{message.text}». Contéstale tú, por favor.",
            f"{wf_id}:failed-turn:{message.message_id}",
            hand_over=True,
            reason=reason,
        )
        return marked

    def _memory(self) -> Memory:
        """The conversation's memory before this message: its language answers outside the dialogue too."""
        return Memory.model_validate(self.state.memory or {})

    async def send(self, replies: list[str], key: str, answers: str, *, indexed: bool = True) -> bool:
        """Send in order, in one activity that then marks `answers` answered (True once it did). Once the channel
        refuses one, the rest would go the same way: the team gets them, with the channel's reason, and the
        message rows say failed."""
        if not replies:
            return False
        input, wf_id = self.input, workflow.info().workflow_id
        keys = [f"{key}:{index}" for index in range(len(replies))] if indexed else [key]
        sent = await attempt(
            TurnReplies.send_replies,
            SendRepliesInput(input.business, input.phone, wf_id, replies, keys, answers),
            described(MESSAGING, "responde al cliente"),
        )
        if isinstance(sent, Refusal):
            unsent, reason = replies, sent.reason
        elif sent.refused_at is None:
            return True
        else:
            unsent, reason = sent.unsent, sent.reason
        texts_unsent = "\n\n".join(unsent)
        await self.team.tell(
            f"🔔 El canal no ha entregado a {input.phone} esta respuesta:\n{texts_unsent}",
            f"{key}:undelivered",
            reason=reason,
        )
        return False
