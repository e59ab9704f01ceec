"""The dialogue as a LangGraph state machine: collector → debtor → … → END.

Nodes are plain functions of state returning partial updates; static inputs
come from the runtime context. The router reads only the typed termination,
and the turn cap lives in the context, so the cap — not LangGraph's recursion
limit — ends every dialogue. Plain runs compile without a checkpointer;
branching (DPO) compiles with one to fork from a saved state.
"""

from __future__ import annotations

from typing import Literal

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime

from scenarios.strategies import Evidence
from simulator.agents.collector import acollector_step, collector_step
from simulator.agents.debtor import adebtor_step, agreement_after, debtor_step
from simulator.agents.debtor_policy import DebtorMemory
from simulator.context import DialogueContext
from simulator.state import DialogueState
from simulator.termination import termination_after
from simulator.transcript import Turn

Node = Literal["collector", "debtor"]


def collector_update(turn: Turn, evidence: Evidence, state: DialogueState, ctx: DialogueContext) -> dict:
    """The keys the collector's turn changed; termination only once the call ends.

    LangGraph pays for every key written, changed or not, so a key is written only when it moves.
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


def collector_node(state: DialogueState, runtime: Runtime[DialogueContext]) -> dict:
    ctx = runtime.context
    turn, evidence = collector_step(state["turns"], state["evidence"], ctx)
    return collector_update(turn, evidence, state, ctx)


def debtor_node(state: DialogueState, runtime: Runtime[DialogueContext]) -> dict:
    ctx = runtime.context
    turn, memory = debtor_step(state["turns"], state["memory"], ctx)
    return debtor_update(turn, memory, state, ctx)


async def acollector_node(state: DialogueState, runtime: Runtime[DialogueContext]) -> dict:
    ctx = runtime.context
    turn, evidence = await acollector_step(state["turns"], state["evidence"], ctx)
    return collector_update(turn, evidence, state, ctx)


async def adebtor_node(state: DialogueState, runtime: Runtime[DialogueContext]) -> dict:
    ctx = runtime.context
    turn, memory = await adebtor_step(state["turns"], state["memory"], ctx)
    return debtor_update(turn, memory, state, ctx)


def after_collector(state: DialogueState) -> Literal["debtor", "__end__"]:
    return END if state["termination"] is not None else "debtor"


def after_debtor(state: DialogueState) -> Literal["collector", "__end__"]:
    return END if state["termination"] is not None else "collector"


def _compile(collector, debtor, checkpointer):
    graph = StateGraph(DialogueState, context_schema=DialogueContext)
    graph.add_node("collector", collector)
    graph.add_node("debtor", debtor)
    graph.add_edge(START, "collector")
    graph.add_conditional_edges("collector", after_collector)
    graph.add_conditional_edges("debtor", after_debtor)
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
