"""The alternative collector moves tried at a decision point.

First what each other strategy would do here (`make_strategy`, same evidence,
same per-turn rng), then moves sampled from a pool every strategy could make
(another rung of the policy ladder, a warning, a question, empathy, holding
the standing offer), in an order drawn from a generator keyed by (seed,
dialogue, turn) — so the same dialogue always gets the same alternatives.
All moves are inside policy: the ladder only holds allowed offers. Where the
law decides the move (after a halting debtor act, or before the identity is
verified) there are no alternatives: nothing there is the collector's to prefer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scenarios import CollectorAct
from scenarios.acts import HALTING_ACTS
from scenarios.strategies import CollectorMove, Evidence, StrategyName, Tone, ladder, make_strategy
from scenarios.strategies.base import rung_of
from simulator.context import DialogueContext, Role

BRANCH_STREAM = 7
"""Stream id of the generator that orders sampled moves; part of the seed, never renumber."""
PLAIN_ACTS = (CollectorAct.WARN_CONSEQUENCES, CollectorAct.PROBE_REASON, CollectorAct.EMPATHIZE)


@dataclass(frozen=True, slots=True)
class Alternative:
    source: str  # "strategy:<name>" or "sampled:<act>"
    move: CollectorMove
    tone: Tone


def move_key(move: CollectorMove) -> tuple:
    return (move.act, move.offer)


def sampled_pool(ev: Evidence, ctx: DialogueContext) -> list[CollectorMove]:
    rungs = ladder(ctx.case, ctx.policy)
    current = rung_of(ev.last_offer, rungs)
    act = CollectorAct.OFFER_PLAN if not ev.offers else CollectorAct.CONCEDE
    pool = [CollectorMove(act=act, offer=r, thought="branch") for i, r in enumerate(rungs) if i > current]
    pool += [CollectorMove(act=a, thought="branch") for a in PLAIN_ACTS]
    if ev.last_offer is not None:
        pool.append(CollectorMove(act=CollectorAct.HOLD_FIRM, offer=ev.last_offer, thought="branch"))
    return pool


def alternatives(ev: Evidence, ctx: DialogueContext, turn: int, k: int) -> list[Alternative]:
    """Up to `k` moves at `turn`, each different from the original strategy's and from each other."""
    if ev.last_debtor_act in HALTING_ACTS or not ev.identity_verified:
        return []
    original = ctx.strategy.decide(ev, ctx.case, ctx.policy, ctx.rng(Role.COLLECTOR, turn))
    seen, found = {move_key(original)}, []
    for name in StrategyName:
        if name == ctx.strategy.name:
            continue
        strategy = make_strategy(name)
        move = strategy.decide(ev, ctx.case, ctx.policy, ctx.rng(Role.COLLECTOR, turn))
        if move_key(move) not in seen:
            seen.add(move_key(move))
            found.append(Alternative(f"strategy:{name}", move, strategy.tone))
    pool = sampled_pool(ev, ctx)
    order = np.random.default_rng([ctx.seed, ctx.index, BRANCH_STREAM, turn]).permutation(len(pool))
    for i in order:
        move = pool[int(i)]
        if move_key(move) not in seen:
            seen.add(move_key(move))
            found.append(Alternative(f"sampled:{move.act}", move, ctx.strategy.tone))
    return found[:k]
