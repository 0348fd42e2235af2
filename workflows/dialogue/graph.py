"""The dialogue graph: [summarize ->] [understand ->] decide, then decide <-> actions until it has its replies.

Every node runs in the workflow (`execute_in: workflow`); the I/O nodes schedule their own activities with
typed, small inputs (workflows/dialogue/nodes.py), so the history holds what each step needed, never copies of
the graph's state. The turn's first step (a local activity) already recorded the message and identified the
customer, and without a language model understood them too; the workflow sends the replies after the graph.
"""

import re
from typing import Any

from langgraph.graph import END, START, StateGraph

from activities.understanding.intents import OPT_IN
from activities.understanding.text import normalise
from workflows.dialogue import nodes
from workflows.dialogue.state import ActionKind, Memory, TurnState
from workflows.dialogue.turn import decide_turn

GRAPH_NAME = "dialogue"
IN_WORKFLOW = {"execute_in": "workflow"}


async def decide(state: TurnState) -> dict[str, Any]:
    return decide_turn(state)


async def first_step(state: TurnState) -> str:
    # An opted-out customer is never answered, no understanding call is spent on them, unless they write to
    # come back ("ALTA").
    if state["customer"].get("opted_out") and not re.search(OPT_IN, normalise(state["text"])):
        return "decide"
    if Memory.model_validate(state["memory"]).needs_summary():
        return "summarize"
    return _understood_or_not(state)


async def after_summary(state: TurnState) -> str:
    return _understood_or_not(state)


def _understood_or_not(state: TurnState) -> str:
    return "decide" if state.get("understanding") else "understand"


async def next_action(state: TurnState) -> str:
    action = state.get("action")
    return END if action is None else str(action["kind"])


def build_dialogue_graph() -> StateGraph[TurnState, Any, TurnState, TurnState]:
    """A fresh graph per call: the LangGraph plugin replaces the node functions of the graph it is given."""
    graph: StateGraph[TurnState, Any, TurnState, TurnState] = StateGraph(TurnState)
    graph.add_node("summarize", nodes.summarize, metadata=IN_WORKFLOW)
    graph.add_node("understand", nodes.understand, metadata=IN_WORKFLOW)
    graph.add_node("decide", decide, metadata=IN_WORKFLOW)
    for kind, node in nodes.ACTION_NODES.items():
        graph.add_node(kind.value, node, metadata=IN_WORKFLOW)
    graph.add_conditional_edges(START, first_step, ["summarize", "understand", "decide"])
    graph.add_conditional_edges("summarize", after_summary, ["understand", "decide"])
    graph.add_edge("understand", "decide")
    graph.add_conditional_edges("decide", next_action, [*(kind.value for kind in ActionKind), END])
    for kind in ActionKind:
        graph.add_edge(kind.value, "decide")
    return graph
