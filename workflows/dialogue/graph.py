"""The dialogue graph: identify -> understand -> decide, then decide <-> actions until it has its replies.

Reads and requests are activity nodes (retried, visible in the history as `dialogue.<node>`); `decide` is
pure and runs in the workflow. The workflow records the message before the graph and sends the replies
after it, so sending stays the messaging adapter's one activity whatever the channel.
"""

from typing import Any, Protocol

from langgraph.graph import END, START, StateGraph

from workflows import options
from workflows.dialogue.state import ActionKind, Memory, TurnState
from workflows.dialogue.turn import decide_turn

GRAPH_NAME = "dialogue"


class DialogueNodes(Protocol):
    """The activity side (activities.dialogue_nodes.DialogueNodes): one coroutine per node."""

    async def identify(self, state: TurnState) -> dict[str, Any]: ...
    async def understand(self, state: TurnState) -> dict[str, Any]: ...
    async def summarize(self, state: TurnState) -> dict[str, Any]: ...
    async def search_slots(self, state: TurnState) -> dict[str, Any]: ...
    async def faq(self, state: TurnState) -> dict[str, Any]: ...
    async def save_customer(self, state: TurnState) -> dict[str, Any]: ...
    async def start_booking(self, state: TurnState) -> dict[str, Any]: ...
    async def cancel_booking(self, state: TurnState) -> dict[str, Any]: ...
    async def reschedule_booking(self, state: TurnState) -> dict[str, Any]: ...


def _database(summary: str) -> dict[str, Any]:
    return {
        "execute_in": "activity",
        "start_to_close_timeout": options.DB_TIMEOUT,
        "schedule_to_close_timeout": options.DB_SCHEDULE_TO_CLOSE,
        "retry_policy": options.DB_RETRY,
        "summary": summary,
    }


def _booking_request(summary: str) -> dict[str, Any]:
    return {
        "execute_in": "activity",
        "start_to_close_timeout": options.BOOKING_REQUEST_TIMEOUT,
        "schedule_to_close_timeout": options.BOOKING_REQUEST_SCHEDULE_TO_CLOSE,
        "retry_policy": options.BOOKING_REQUEST_RETRY,
        "summary": summary,
    }


UNDERSTAND = {
    "execute_in": "activity",
    "start_to_close_timeout": options.UNDERSTAND_TIMEOUT,
    "schedule_to_close_timeout": options.UNDERSTAND_SCHEDULE_TO_CLOSE,
    "retry_policy": options.UNDERSTAND_RETRY,
    "summary": "entiende el mensaje",
}


async def decide(state: TurnState) -> dict[str, Any]:
    return decide_turn(state)


async def after_identify(state: TurnState) -> str:
    # An opted-out customer is never answered: no understanding call is spent on them.
    if state["customer"].get("opted_out"):
        return "decide"
    return "summarize" if Memory.model_validate(state["memory"]).needs_summary() else "understand"


async def next_action(state: TurnState) -> str:
    action = state.get("action")
    return END if action is None else str(action["kind"])


def build_dialogue_graph(nodes: DialogueNodes) -> StateGraph[TurnState, Any, TurnState, TurnState]:
    """A fresh graph per call: the LangGraph plugin replaces the node functions of the graph it is given."""
    graph: StateGraph[TurnState, Any, TurnState, TurnState] = StateGraph(TurnState)
    graph.add_node("identify", nodes.identify, metadata=_database("identifica al cliente"))
    graph.add_node("understand", nodes.understand, metadata=UNDERSTAND)
    graph.add_node("decide", decide, metadata={"execute_in": "workflow"})
    graph.add_node(ActionKind.SEARCH_SLOTS.value, nodes.search_slots, metadata=_database("busca huecos libres"))
    graph.add_node(ActionKind.FAQ.value, nodes.faq, metadata=_database("busca respuestas frecuentes"))
    graph.add_node(ActionKind.SAVE_CUSTOMER.value, nodes.save_customer, metadata=_database("guarda la clienta"))
    graph.add_node(ActionKind.START_BOOKING.value, nodes.start_booking, metadata=_booking_request("inicia la reserva"))
    graph.add_node(ActionKind.CANCEL_BOOKING.value, nodes.cancel_booking, metadata=_booking_request("pide cancelar"))
    graph.add_node(
        ActionKind.RESCHEDULE_BOOKING.value, nodes.reschedule_booking, metadata=_booking_request("pide cambiar la cita")
    )
    graph.add_edge(START, "identify")
    graph.add_node("summarize", nodes.summarize, metadata={**UNDERSTAND, "summary": "resume la conversación"})
    graph.add_conditional_edges("identify", after_identify, ["summarize", "understand", "decide"])
    graph.add_edge("summarize", "understand")
    graph.add_edge("understand", "decide")
    graph.add_conditional_edges("decide", next_action, [*(kind.value for kind in ActionKind), END])
    for kind in ActionKind:
        graph.add_edge(kind.value, "decide")
    return graph
