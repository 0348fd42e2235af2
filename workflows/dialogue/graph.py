"""The dialogue graph: identify -> understand -> decide, then decide <-> actions until it has its replies.

Reads and requests are activity nodes (retried, visible in the history as `dialogue.<node>`); `decide` is
pure and runs in the workflow. The workflow records the message before the graph and sends the replies
after it, so sending stays the messaging adapter's one activity whatever the channel.
"""

import re
from typing import Any, Protocol

from langgraph.graph import END, START, StateGraph
from temporalio import workflow
from temporalio.workflow import ActivityConfig

from activities.understanding.intents import OPT_IN
from activities.understanding.text import normalise
from workflows.dialogue.state import ActionKind, Memory, TurnState
from workflows.dialogue.turn import decide_turn
from workflows.dialogue.turn_context import REAL_CUSTOMERS_PATCH
from workflows.options import BOOKING_REQUESTS, DATABASE, UNDERSTANDING, described

GRAPH_NAME = "dialogue"


class DialogueNodes(Protocol):
    """The activity side (activities.dialogue.nodes.DialogueNodes): one coroutine per node."""

    async def identify(self, state: TurnState) -> dict[str, Any]: ...
    async def understand(self, state: TurnState) -> dict[str, Any]: ...
    async def summarize(self, state: TurnState) -> dict[str, Any]: ...
    async def search_slots(self, state: TurnState) -> dict[str, Any]: ...
    async def faq(self, state: TurnState) -> dict[str, Any]: ...
    async def save_customer(self, state: TurnState) -> dict[str, Any]: ...
    async def start_booking(self, state: TurnState) -> dict[str, Any]: ...
    async def cancel_booking(self, state: TurnState) -> dict[str, Any]: ...
    async def reschedule_booking(self, state: TurnState) -> dict[str, Any]: ...
    async def confirm_attendance(self, state: TurnState) -> dict[str, Any]: ...
    async def join_waitlist(self, state: TurnState) -> dict[str, Any]: ...


def _activity(config: ActivityConfig, summary: str) -> dict[str, Any]:
    """A node run as an activity, with the timeouts and retries of what it talks to."""
    return {"execute_in": "activity", **described(config, summary)}


# What decide can ask for: the node (an activity of the same name), what it talks to, its summary in the UI.
ACTION_NODES = (
    (ActionKind.SEARCH_SLOTS, DATABASE, "busca huecos libres"),
    (ActionKind.FAQ, DATABASE, "busca respuestas frecuentes"),
    (ActionKind.SAVE_CUSTOMER, DATABASE, "guarda la clienta"),
    (ActionKind.START_BOOKING, BOOKING_REQUESTS, "inicia la reserva"),
    (ActionKind.CANCEL_BOOKING, BOOKING_REQUESTS, "pide cancelar"),
    (ActionKind.RESCHEDULE_BOOKING, BOOKING_REQUESTS, "pide cambiar la cita"),
    (ActionKind.CONFIRM_ATTENDANCE, BOOKING_REQUESTS, "anota que el cliente vendrá"),
    (ActionKind.JOIN_WAITLIST, DATABASE, "apunta en la lista de espera"),
)


async def decide(state: TurnState) -> dict[str, Any]:
    return decide_turn(state)


async def after_identify(state: TurnState) -> str:
    # An opted-out customer is never answered, no understanding call is spent on them, unless they write to
    # come back ("ALTA").
    if state["customer"].get("opted_out"):
        wants_back = re.search(OPT_IN, normalise(state["text"])) and workflow.patched(REAL_CUSTOMERS_PATCH)
        return "understand" if wants_back else "decide"
    return "summarize" if Memory.model_validate(state["memory"]).needs_summary() else "understand"


async def next_action(state: TurnState) -> str:
    action = state.get("action")
    return END if action is None else str(action["kind"])


def build_dialogue_graph(nodes: DialogueNodes) -> StateGraph[TurnState, Any, TurnState, TurnState]:
    """A fresh graph per call: the LangGraph plugin replaces the node functions of the graph it is given."""
    graph: StateGraph[TurnState, Any, TurnState, TurnState] = StateGraph(TurnState)
    graph.add_node("identify", nodes.identify, metadata=_activity(DATABASE, "identifica al cliente"))
    graph.add_node("understand", nodes.understand, metadata=_activity(UNDERSTANDING, "entiende el mensaje"))
    graph.add_node("decide", decide, metadata={"execute_in": "workflow"})
    for kind, dependency, summary in ACTION_NODES:
        graph.add_node(kind.value, getattr(nodes, kind.value), metadata=_activity(dependency, summary))
    graph.add_node("summarize", nodes.summarize, metadata=_activity(UNDERSTANDING, "resume la conversación"))
    graph.add_edge(START, "identify")
    graph.add_conditional_edges("identify", after_identify, ["summarize", "understand", "decide"])
    graph.add_edge("summarize", "understand")
    graph.add_edge("understand", "decide")
    graph.add_conditional_edges("decide", next_action, [*(kind.value for kind in ActionKind), END])
    for kind in ActionKind:
        graph.add_edge(kind.value, "decide")
    return graph
