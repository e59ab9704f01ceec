"""Fork a dialogue at its decision points and roll every alternative to the end.

The dialogue runs once on a graph compiled with an in-memory checkpointer. At
each decision point the checkpoint *before* the collector's turn is resumed
once per alternative move (see `moves`), with a `OneTurnOverride` strategy in
the context; the debtor's per-turn generator is keyed by turn index, so every
branch meets the same debtor draws and differs only by what the collector did.
Each rollout is scored by the injected `scorer` (the evaluators' branching reward,
`evaluators.reward.branch_reward`: expected recovery under the kept/broken model less
penalties for an unsustainable plan and for conduct findings): this package is simulator
core and must not import `evaluators` itself. At a dispute point the alternatives are the
payment asks the law forbids (`moves.payment_asks`), so the pair teaches the lawful stop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from langgraph.checkpoint.memory import InMemorySaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from pydantic import BaseModel, ConfigDict, computed_field

from debtsim.branching.decision import HARDSHIP_CAUSES, DecisionPoint, decision_turns
from debtsim.branching.moves import alternatives, payment_asks
from debtsim.branching.override import OneTurnOverride
from personas.root_cause import DisputeKind
from scenarios import Agreement, CollectorAct, DebtorAct, Offer
from scenarios.budget import Budget
from scenarios.offer import OfferKind
from scenarios.strategies import Evidence
from simulator.agents.collector import heard_evidence
from simulator.context import DialogueContext
from simulator.debtor_policy import DebtorMemory
from simulator.dialogue import initial_state, to_transcript
from simulator.graph import build_graph, recursion_limit
from simulator.transcript import Speaker, Termination, Transcript, Turn, Usage

Scorer = Callable[[Transcript], float]
STATE_TYPES = (
    Turn,
    Usage,
    Speaker,
    Termination,
    CollectorAct,
    DebtorAct,
    Offer,
    OfferKind,
    Budget,
    Agreement,
    Evidence,
    DebtorMemory,
    DisputeKind,
)
"""Types stored in checkpoints; LangGraph restores only allow-listed classes."""


def checkpointer() -> InMemorySaver:
    allowed = [(t.__module__, t.__name__) for t in STATE_TYPES]
    return InMemorySaver(serde=JsonPlusSerializer(allowed_msgpack_modules=allowed))


class Branch(BaseModel):
    """One collector reply at the decision point and where the dialogue went after it."""

    model_config = ConfigDict(frozen=True)

    source: str
    act: str
    offer: Offer | None
    reply: str
    reward: float
    termination: Termination

    @computed_field
    @property
    def reply_kind(self) -> str:
        """What the reply asks: `lump` (one payment), `plan` (installments) or `none` (no offer)."""
        if self.offer is None:
            return "none"
        return "plan" if self.offer.count > 0 else "lump"


class BranchSet(BaseModel):
    """All replies tried at one decision point; `prefix` is the shared history before it."""

    model_config = ConfigDict(frozen=True)

    dialogue_id: str
    point: DecisionPoint
    turn: int
    prefix: list[Turn]
    branches: list[Branch]


def branch_of(source: str, rollout: Transcript, turn: int, reward: float) -> Branch:
    said = rollout.turns[turn]
    return Branch(
        source=source,
        act=str(said.act),
        offer=said.offer,
        reply=said.clean_text,
        reward=reward,
        termination=rollout.termination,
    )


class Brancher:
    """Runs, forks and scores dialogues; one checkpointer, one thread per dialogue, freed after."""

    def __init__(self, scorer: Scorer, points: Sequence[DecisionPoint], k: int) -> None:
        self.scorer, self.points, self.k = scorer, tuple(points), k
        self.saver = checkpointer()
        self.graph = build_graph(checkpointer=self.saver)

    def branch(self, ctx: DialogueContext, run_id: str, cell: str) -> tuple[Transcript, list[BranchSet]]:
        """The dialogue as replayed, and its branch sets (one per decision point found)."""
        thread = {
            "configurable": {"thread_id": ctx.dialogue_id},
            "recursion_limit": recursion_limit(ctx.max_turns),
        }
        try:
            final = self.graph.invoke(initial_state(ctx), config=thread, context=ctx, durability="sync")
            original = to_transcript(ctx, final, run_id, cell)
            before = {
                len(s.values["turns"]): s
                for s in self.graph.get_state_history(thread)
                if s.next == ("collector",)
            }
            hardship = str(ctx.persona.root_cause) in HARDSHIP_CAUSES
            points = decision_turns(original.turns, self.points, hardship)
            sets = [
                self._fork(ctx, original, before[turn], turn, point, run_id, cell)
                for turn, point in points.items()
            ]
        finally:
            self.saver.delete_thread(ctx.dialogue_id)
        return original, sets

    def _fork(
        self, ctx, original: Transcript, snapshot, turn: int, point: DecisionPoint, run_id: str, cell: str
    ) -> BranchSet:
        state = snapshot.values
        evidence = heard_evidence(state["turns"], state["evidence"], ctx)
        branches = [branch_of(f"original:{ctx.strategy.name}", original, turn, self.scorer(original))]
        resume = {**snapshot.config, "recursion_limit": recursion_limit(ctx.max_turns)}
        if point is DecisionPoint.DISPUTE:
            tried = payment_asks(evidence, ctx, self.k)
        else:
            tried = alternatives(evidence, ctx, turn, self.k)
        for alt in tried:
            alt_ctx = replace(ctx, strategy=OneTurnOverride(ctx.strategy, turn, alt.move, alt.tone))
            final = self.graph.invoke(None, config=resume, context=alt_ctx, durability="exit")
            rollout = to_transcript(alt_ctx, final, run_id, cell)
            branches.append(branch_of(alt.source, rollout, turn, self.scorer(rollout)))
        return BranchSet(
            dialogue_id=ctx.dialogue_id,
            point=point,
            turn=turn,
            prefix=list(state["turns"]),
            branches=branches,
        )
