"""Turn-level preference data by branching a dialogue at its decision points.

`Brancher` replays a dialogue on a checkpointed graph, forks it before the
collector's turn at each `DecisionPoint`, plays K alternative moves (other
strategies', sampled ones), rolls each to the end with the same debtor draws,
and scores the rollouts with an injected scorer; `best_and_worst` turns a
branch set into a `PreferencePair` when the reward margin is large enough.
"""

from debtsim.branching.decision import DecisionPoint, decision_turns
from debtsim.branching.fork import Branch, Brancher, BranchSet, Scorer
from debtsim.branching.moves import Alternative, alternatives
from debtsim.branching.override import OneTurnOverride
from debtsim.branching.pair import PreferencePair, best_and_worst

__all__ = [
    "Alternative",
    "Branch",
    "BranchSet",
    "Brancher",
    "DecisionPoint",
    "OneTurnOverride",
    "PreferencePair",
    "Scorer",
    "alternatives",
    "best_and_worst",
    "decision_turns",
]
