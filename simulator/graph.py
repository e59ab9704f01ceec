"""The dialogue as a LangGraph state machine: collector → debtor → … → END.

Nodes are plain functions of state returning partial updates; static inputs
come from the runtime context. Each node routes its own turn: it returns its
update in a `Command` whose `goto` is read from the typed termination alone
(`route`), so the cap in the context — not LangGraph's recursion limit — ends
every dialogue. A `Command` costs LangGraph about a fifth less per step than a
conditional edge, whose reader copies every channel to route. Plain runs compile
without a checkpointer; branching (DPO) compiles with one to fork from a saved state.
"""

from __future__ import annotations

from typing import Literal

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command

from scenarios.strategies import Evidence
from simulator.agents.collector import acollector_step, collector_step
from simulator.agents.debtor import adebtor_step, agreement_after, debtor_step
from simulator.context import DialogueContext
from simulator.debtor_policy import DebtorMemory
from simulator.state import DialogueState
from simulator.termination import termination_after
from simulator.transcript import Turn

Node = Literal["collector", "debtor"]


def collector_update(turn: Turn, evidence: Evidence, state: DialogueState, ctx: DialogueContext) -> dict:
    """The keys the collector's turn changed; termination only once the call ends.

    LangGraph pays for every key written, changed or not, so a key is written only when it moves;
    a termination in the update is also what `route` ends the call on.
    """
    update: dict = {"turns": [turn], "evidence": evidence}
    termination = termination_after(turn, state["agreement"], ctx.max_turns)
    if termination is not None:
        update["termination"] = termination
    return update


def debtor_update(turn: Turn, memory: DebtorMemory, state: DialogueState, ctx: DialogueContext) -> dict:
    """The keys the debtor's turn changed: agreement only when one is struck, termination at the end."""
    update: dict = {"turns": [turn], "memory": memory}
    agreement = agreement_after(turn, state["turns"])
    if agreement is not None:
        update["agreement"] = agreement
    termination = termination_after(turn, agreement or state["agreement"], ctx.max_turns)
    if termination is not None:
        update["termination"] = termination
    return update


def route(update: dict, then: Node) -> Command:
    """A turn's update and where the call goes next: END once it has a termination, else `then`."""
    return Command(update=update, goto=END if update.get("termination") is not None else then)


def collector_turn(state: DialogueState, ctx: DialogueContext) -> dict:
    turn, evidence = collector_step(state["turns"], state["evidence"], ctx)
    return collector_update(turn, evidence, state, ctx)


def debtor_turn(state: DialogueState, ctx: DialogueContext) -> dict:
    turn, memory = debtor_step(state["turns"], state["memory"], ctx)
    return debtor_update(turn, memory, state, ctx)


def collector_node(state: DialogueState, runtime: Runtime[DialogueContext]) -> Command:
    update = collector_turn(state, runtime.context)
    return route(update, "debtor")


def debtor_node(state: DialogueState, runtime: Runtime[DialogueContext]) -> Command:
    update = debtor_turn(state, runtime.context)
    return route(update, "collector")


async def acollector_node(state: DialogueState, runtime: Runtime[DialogueContext]) -> Command:
    ctx = runtime.context
    turn, evidence = await acollector_step(state["turns"], state["evidence"], ctx)
    update = collector_update(turn, evidence, state, ctx)
    return route(update, "debtor")


async def adebtor_node(state: DialogueState, runtime: Runtime[DialogueContext]) -> Command:
    ctx = runtime.context
    turn, memory = await adebtor_step(state["turns"], state["memory"], ctx)
    update = debtor_update(turn, memory, state, ctx)
    return route(update, "collector")


def _compile(collector, debtor, checkpointer):
    graph = StateGraph(DialogueState, context_schema=DialogueContext)
    graph.add_node("collector", collector, destinations=("debtor", END))
    graph.add_node("debtor", debtor, destinations=("collector", END))
    graph.add_edge(START, "collector")
    return graph.compile(checkpointer=checkpointer)


def build_graph(checkpointer=None):
    """The dialogue graph for backends that answer synchronously (scripted, in-process)."""
    return _compile(collector_node, debtor_node, checkpointer)


def build_async_graph(checkpointer=None):
    """The same graph with async nodes, for backends that await a server."""
    return _compile(acollector_node, adebtor_node, checkpointer)


def recursion_limit(max_turns: int) -> int:
    """Super-steps a capped dialogue can take, with room to spare."""
    return max_turns + 10
