"""The dialogue graph's I/O nodes, run in the workflow: each schedules its activity with only what it needs and
puts the answer back into the graph's state, which itself never leaves the workflow.

Reads and small writes are local activities (run inside the workflow task: no server round trip, one marker in
the history); a language-model call and a request to a booking workflow are activities of their own (they wait
for seconds or for another workflow, and a retry must not repeat the whole workflow task).
"""

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from temporalio import workflow
from temporalio.workflow import ActivityConfig, LocalActivityConfig

with workflow.unsafe.imports_passed_through():
    from activities.dialogue.nodes import DialogueNodes
    from activities.understanding.understander import UnderstandInput

from workflows.dialogue.node_inputs import ActionInput, SummarizeInput
from workflows.dialogue.state import ActionKind, Memory, TurnState
from workflows.options import BOOKING_REQUESTS, LOCAL_DATABASE, UNDERSTANDING, described


class Node(Protocol):
    """A graph node as LangGraph calls it (by the parameter's name)."""

    async def __call__(self, state: TurnState) -> dict[str, Any]: ...


ActionActivity = Callable[[DialogueNodes, ActionInput], Awaitable[dict[str, Any]]]


async def understand(state: TurnState) -> dict[str, Any]:
    """Claude reads the message with the conversation's summary and recent lines (the rules' reading, when no
    model is configured, came with the turn's first step)."""
    memory = Memory.model_validate(state["memory"])
    context = [f"resumen: {memory.summary}"] if memory.summary else []
    context += [f"{line.who}: {line.text}" for line in memory.recent]
    today = datetime.fromisoformat(state["now"]).astimezone(ZoneInfo(state["customer"]["timezone"])).date()
    out = await workflow.execute_activity_method(
        DialogueNodes.understand,
        UnderstandInput(business=state["business"], text=state["text"], today=today, context=context),
        **described(UNDERSTANDING, "entiende el mensaje"),
    )
    return {"understanding": out.understanding, "understood_by": out.by}


async def summarize(state: TurnState) -> dict[str, Any]:
    """Folds the lines that left the recent window into the running summary."""
    memory = Memory.model_validate(state["memory"])
    memory.summary = await workflow.execute_activity_method(
        DialogueNodes.summarize,
        SummarizeInput(memory.summary, [f"{line.who}: {line.text}" for line in memory.older]),
        **described(UNDERSTANDING, "resume la conversación"),
    )
    memory.older = []
    return {"memory": memory.model_dump(mode="json")}


def _local(activity: ActionActivity, config: LocalActivityConfig) -> Node:
    async def node(state: TurnState) -> dict[str, Any]:
        return {"result": await workflow.execute_local_activity_method(activity, ActionInput.of(state), **config)}

    return node


def _remote(activity: ActionActivity, config: ActivityConfig) -> Node:
    async def node(state: TurnState) -> dict[str, Any]:
        return {"result": await workflow.execute_activity_method(activity, ActionInput.of(state), **config)}

    return node


# What decide can ask for, and how each is run: the node's name is the action's kind.
ACTION_NODES: dict[ActionKind, Node] = {
    ActionKind.SEARCH_SLOTS: _local(DialogueNodes.search_slots, described(LOCAL_DATABASE, "busca huecos libres")),
    ActionKind.FAQ: _local(DialogueNodes.faq, described(LOCAL_DATABASE, "busca respuestas frecuentes")),
    ActionKind.SAVE_CUSTOMER: _local(DialogueNodes.save_customer, described(LOCAL_DATABASE, "guarda la clienta")),
    ActionKind.JOIN_WAITLIST: _local(
        DialogueNodes.join_waitlist, described(LOCAL_DATABASE, "apunta en la lista de espera")
    ),
    ActionKind.START_BOOKING: _remote(DialogueNodes.start_booking, described(BOOKING_REQUESTS, "inicia la reserva")),
    ActionKind.CANCEL_BOOKING: _remote(DialogueNodes.cancel_booking, described(BOOKING_REQUESTS, "pide cancelar")),
    ActionKind.RESCHEDULE_BOOKING: _remote(
        DialogueNodes.reschedule_booking, described(BOOKING_REQUESTS, "pide cambiar la cita")
    ),
    ActionKind.CONFIRM_ATTENDANCE: _remote(
        DialogueNodes.confirm_attendance, described(BOOKING_REQUESTS, "anota que el cliente vendrá")
    ),
}
