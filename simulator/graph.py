"""The dialogue as a LangGraph state machine: collector → debtor → … → END.

Nodes are plain functions of state returning partial updates; static inputs
come from the runtime context. Each node routes its own turn: it returns its
update in a `Command` whose `goto` is read from the typed termination alone
(`route`), so the cap in the context — not LangGraph's recursion limit — ends
every dialogue. A `Command` costs LangGraph about a fifth less per step than a
conditional edge, whose reader copies every channel to route. Plain runs compile
without a checkpointer; branching (DPO) compiles with one to fork from a saved state.

There is one node set: a role's turn is a `Step` (the agent's `prepare` and
`finish` read from and written to state), and the synchronous and async graphs
differ only in how the one backend call between them is made (`take_turn`,
`atake_turn`), so the two can never drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, NamedTuple

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command

from simulator.agents import collector, debtor
from simulator.context import DialogueContext
from simulator.llm.base import Utterance
from simulator.state import DialogueState
from simulator.termination import termination_after

Node = Literal["collector", "debtor"]


class Step(NamedTuple):
    """One role's turn on graph state: `prepare` before the backend call, `finish` (→ update) after."""

    prepare: Callable[[DialogueState, DialogueContext], Any]
    finish: Callable[[DialogueState, Any, Utterance, DialogueContext], dict]


def collector_prepare(state: DialogueState, ctx: DialogueContext) -> collector.CollectorAsk:
    return collector.prepare(state["turns"], state["evidence"], ctx)


def collector_finish(
    state: DialogueState, ask: collector.CollectorAsk, utt: Utterance, ctx: DialogueContext
) -> dict:
    """The keys the collector's turn changed; termination only once the call ends.

    LangGraph pays for every key written, changed or not, so a key is written only when it moves;
    a termination in the update is also what `route` ends the call on.
    """
    turn, evidence = collector.finish(state["turns"], ask, utt, ctx)
    update: dict = {"turns": [turn], "evidence": evidence}
    termination = termination_after(turn, state["agreement"], ctx.max_turns, state["turns"])
    if termination is not None:
        update["termination"] = termination
    return update


def debtor_prepare(state: DialogueState, ctx: DialogueContext) -> debtor.DebtorAsk:
    return debtor.prepare(state["turns"], state["memory"], ctx)


def debtor_finish(state: DialogueState, ask: debtor.DebtorAsk, utt: Utterance, ctx: DialogueContext) -> dict:
    """The keys the debtor's turn changed: agreement only when one is struck, termination at the end."""
    turn, memory = debtor.finish(state["turns"], ask, utt, ctx)
    update: dict = {"turns": [turn], "memory": memory}
    agreement = debtor.agreement_after(turn, state["turns"])
    if agreement is not None:
        update["agreement"] = agreement
    termination = termination_after(turn, agreement or state["agreement"], ctx.max_turns)
    if termination is not None:
        update["termination"] = termination
    return update


COLLECTOR = Step(collector_prepare, collector_finish)
DEBTOR = Step(debtor_prepare, debtor_finish)


def take_turn(step: Step, state: DialogueState, ctx: DialogueContext) -> dict:
    """One turn's update, the backend answering synchronously."""
    ask = step.prepare(state, ctx)
    return step.finish(state, ask, ask.say(ctx), ctx)


async def atake_turn(step: Step, state: DialogueState, ctx: DialogueContext) -> dict:
    """The same turn, awaiting the backend (a server, a batcher) instead."""
    ask = step.prepare(state, ctx)
    return step.finish(state, ask, await ask.asay(ctx), ctx)


def route(update: dict, then: Node) -> Command:
    """A turn's update and where the call goes next: END once it has a termination, else `then`."""
    return Command(update=update, goto=END if update.get("termination") is not None else then)


def _node(step: Step, then: Node):
    """The synchronous graph's node for `step`, going on to `then` unless the turn ended the call."""

    def node(state: DialogueState, runtime: Runtime[DialogueContext]) -> Command:
        return route(take_turn(step, state, runtime.context), then)

    return node


def _anode(step: Step, then: Node):
    """The async graph's node for `step`: `_node` with the backend call awaited."""

    async def node(state: DialogueState, runtime: Runtime[DialogueContext]) -> Command:
        return route(await atake_turn(step, state, runtime.context), then)

    return node


def _compile(node, checkpointer):
    """The graph with the nodes `node` (`_node` or `_anode`) makes of the two steps."""
    graph = StateGraph(DialogueState, context_schema=DialogueContext)
    graph.add_node("collector", node(COLLECTOR, "debtor"), destinations=("debtor", END))
    graph.add_node("debtor", node(DEBTOR, "collector"), destinations=("collector", END))
    graph.add_edge(START, "collector")
    return graph.compile(checkpointer=checkpointer)


def build_graph(checkpointer=None):
    """The dialogue graph for backends that answer synchronously (scripted, in-process)."""
    return _compile(_node, checkpointer)


def build_async_graph(checkpointer=None):
    """The same graph with async nodes, for backends that await a server."""
    return _compile(_anode, checkpointer)


def recursion_limit(max_turns: int) -> int:
    """Super-steps a capped dialogue can take, with room to spare."""
    return max_turns + 10
