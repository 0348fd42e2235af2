"""One turn of a conversation: record the message, run the dialogue, send its replies, mark it answered.

Every outside "no" is answered here instead of failing the conversation: a message the database cannot take
yet is tried again later, one whose text it refuses is recorded without it and the customer asked again, a
dialogue step that failed for good hands the customer to a person, a reply the channel refuses goes to the
team with the reason.
"""

from dataclasses import dataclass
from enum import Enum
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from activities.messaging.archive import MarkAnsweredInput, MessageArchive, RecordInboundInput
    from activities.messaging.port import MessagingPort, SendMessageInput

from workflows import metrics
from workflows.conversation.types import ConversationInput, ConversationState, InboundMessage
from workflows.dialogue import texts
from workflows.dialogue.state import Memory, TurnState
from workflows.language import speaking
from workflows.options import DATABASE, MESSAGING, described
from workflows.refusals import Refusal, attempt, reason_of
from workflows.team import Team

# Runs started before turns were marked answered skip any message already recorded.
ANSWERED_PATCH = "dedupe-on-answered"
# Every run answers through the dialogue graph now; runs that recorded this marker still replay.
DIALOGUE_GRAPH_PATCH = "dialogue-graph"


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
        recorded = await attempt(
            MessageArchive.record_inbound_message,
            RecordInboundInput(
                input.business,
                input.phone,
                message.channel,
                message.message_id,
                message.text,
                wf_id,
                message.channel_conversation_id,
            ),
            described(DATABASE, "guarda el mensaje"),
        )
        if isinstance(recorded, Refusal):
            return TurnResult(TurnEnd.NOT_RECORDED)
        # Answered in an earlier run, before a continue-as-new forgot its id: answering again would duplicate.
        # Recorded but not answered is this very turn, cut short (the first completion of the record was lost).
        marks_answered = workflow.patched(ANSWERED_PATCH)
        if recorded.answered if marks_answered else not recorded.is_new:
            return TurnResult(TurnEnd.ANSWERED)
        result = await self._answer(message) if not recorded.refused else await self._ask_again(message)
        if not marks_answered:
            return result
        await attempt(
            MessageArchive.mark_message_answered,
            MarkAnsweredInput(input.business, message.message_id),
            described(DATABASE, "marca el mensaje como respondido"),
        )
        return result

    async def _answer(self, message: InboundMessage) -> TurnResult:
        input, wf_id = self.input, workflow.info().workflow_id
        workflow.deprecate_patch(DIALOGUE_GRAPH_PATCH)
        if self.state.human_mode:
            return TurnResult(TurnEnd.ANSWERED)  # a person is answering; the message is recorded for them
        turn: TurnState = {
            "business": input.business,
            "phone": input.phone,
            "conversation_id": wf_id,
            "message_id": message.message_id,
            "text": message.text,
            "profile_name": message.profile_name,
            "now": workflow.now().isoformat(),
            "memory": self.state.memory or {},
            "replies": [],
            "action": None,
            "result": None,
        }
        try:
            out = await self.dialogue.ainvoke(turn)
        except ActivityError as error:
            await self._hand_over(message, reason_of(error))
            return TurnResult(TurnEnd.ANSWERED, escalated=True)
        await self.send(out.get("replies") or [], f"{wf_id}:reply:{message.message_id}")
        if out.get("team_alert"):
            await self.team.tell(
                out["team_alert"], f"{wf_id}:team:{message.message_id}", hand_over=bool(out.get("escalated"))
            )
        metrics.turn()
        return TurnResult(TurnEnd.ANSWERED, out, escalated=bool(out.get("escalated")))

    async def _ask_again(self, message: InboundMessage) -> TurnResult:
        """The database refused the text (it is recorded as refused): the customer is asked to write it again,
        and the dialogue goes on from where it was."""
        with speaking(self._memory()):
            text = texts.message_refused()
        await self.send([text], f"{workflow.info().workflow_id}:reply:{message.message_id}")
        return TurnResult(TurnEnd.ANSWERED)

    async def _hand_over(self, message: InboundMessage, reason: str) -> None:
        """A step of the dialogue failed for good: the customer hears a person will answer, the team why;
        the memory stays as it was before this message."""
        wf_id = workflow.info().workflow_id
        metrics.escalation("failure")
        with speaking(self._memory()):
            text = texts.sorry_a_person_will_answer()
        await self.send([text], f"{wf_id}:sorry:{message.message_id}", indexed=False)
        await self.team.tell(
            f"🔔 No he podido atender este mensaje de {self.input.phone}: «{message.text}». Contéstale tú, por favor.",
            f"{wf_id}:failed-turn:{message.message_id}",
            hand_over=True,
            reason=reason,
        )

    def _memory(self) -> Memory:
        """The conversation's memory before this message: its language answers outside the dialogue too."""
        return Memory.model_validate(self.state.memory or {})

    async def send(self, replies: list[str], key: str, *, indexed: bool = True) -> None:
        """Send in order; once the channel refuses one, the rest would go the same way: the team gets them all,
        with the channel's reason, and the message rows say failed."""
        input, wf_id = self.input, workflow.info().workflow_id
        for index, text in enumerate(replies):
            sent = await attempt(
                MessagingPort.send_message,
                SendMessageInput(input.business, input.phone, text, f"{key}:{index}" if indexed else key, wf_id),
                described(MESSAGING, "responde al cliente"),
            )
            if isinstance(sent, Refusal):
                unsent = "\n\n".join(replies[index:])
                await self.team.tell(
                    f"🔔 El canal no ha entregado a {input.phone} esta respuesta:\n{unsent}",
                    f"{key}:undelivered",
                    reason=sent.reason,
                )
                return
