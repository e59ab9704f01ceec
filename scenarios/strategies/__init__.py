"""Collector strategies.

Every strategy subclasses `Strategy`: it inherits the shared call flow
(greeting, identity check before any disclosure, disputes, wrong party,
confirmation) and implements `negotiate`, the choice of offers. Strategies read
only `Evidence` (what the collector heard), the case and the policy — never the
persona — and every offer they speak is inside policy (plan-and-judge's planner
may propose outside it; its judge vetoes such a proposal before it is spoken).
"""

from scenarios.strategies.base import CollectorMove, Strategy, StrategyName, Tone, ladder
from scenarios.strategies.empathetic import Empathetic
from scenarios.strategies.evidence import Evidence, after_move, perceive
from scenarios.strategies.firm import Firm
from scenarios.strategies.plan_and_judge import PlanAndJudge
from scenarios.strategies.policy_ladder import PolicyLadder

STRATEGIES: dict[StrategyName, type[Strategy]] = {
    StrategyName.EMPATHETIC: Empathetic,
    StrategyName.FIRM: Firm,
    StrategyName.POLICY_LADDER: PolicyLadder,
    StrategyName.PLAN_AND_JUDGE: PlanAndJudge,
}


def make_strategy(name: StrategyName) -> Strategy:
    return STRATEGIES[StrategyName(name)]()


__all__ = [
    "STRATEGIES",
    "CollectorMove",
    "Evidence",
    "Strategy",
    "StrategyName",
    "Tone",
    "after_move",
    "ladder",
    "make_strategy",
    "perceive",
]
