"""Turn-level preference data by branching a dialogue at its decision points.

`Brancher` replays a dialogue on a checkpointed graph, forks it before the
collector's turn at each `DecisionPoint`, plays K alternative moves (other
strategies', sampled ones), rolls each to the end with the same debtor draws,
and scores the rollouts with an injected scorer; `best_and_worst` turns a
branch set into a `PreferencePair` when one reply alone has the best reward and
it beats the worst by the margin.
"""

from debtsim.branching.decision import DecisionPoint, decision_turns
from debtsim.branching.fork import Branch, Brancher, BranchSet, Scorer
from debtsim.branching.moves import Alternative, alternatives, payment_asks
from debtsim.branching.override import OneTurnOverride
from debtsim.branching.pair import NoPair, PreferencePair, best_and_worst, why_no_pair

__all__ = [
    "Alternative",
    "Branch",
    "BranchSet",
    "Brancher",
    "DecisionPoint",
    "NoPair",
    "OneTurnOverride",
    "PreferencePair",
    "Scorer",
    "alternatives",
    "best_and_worst",
    "decision_turns",
    "payment_asks",
    "why_no_pair",
]
