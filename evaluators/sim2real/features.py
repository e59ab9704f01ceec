"""What one call contributes to each sim-to-real feature: counts for distributions, values for numbers.

Features are measured per call so the bootstrap can resample calls (the unit
that is independent), not turns. Distributions (act mix, transitions, the
outcome, debtor cooperativeness, compliance concepts) are compared with
Jensen–Shannon divergence; numbers (turns per call, words per turn, turns to
the first offer, offer depth, lexical variety, findings per call) with the
Wasserstein distance.

Lexical variety is measured on masked text: the caller hands in `mask`
(the ingest's PII redaction, from the app layer), and digits become `#`, so
names and amounts — which a simulator draws from a list — do not count as
vocabulary on either side.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from evaluators.compliance import score_compliance
from scenarios import DebtorAct
from simulator.transcript import Speaker, Transcript


class Kind(StrEnum):
    DISTRIBUTION = "distribution"
    NUMBER = "number"


FEATURES: dict[str, tuple[Kind, str]] = {
    "turns_per_call": (Kind.NUMBER, "turns in a call"),
    "words_per_turn": (Kind.NUMBER, "words per turn (zh: characters)"),
    "act_mix": (Kind.DISTRIBUTION, "share of each speaker:act"),
    "act_transitions": (Kind.DISTRIBUTION, "share of each act → next act"),
    "outcome_mix": (Kind.DISTRIBUTION, "how calls end (termination)"),
    "debtor_cooperativeness": (
        Kind.DISTRIBUTION,
        "debtor turns that accept / reject / stall / dispute / other",
    ),
    "turns_to_first_offer": (Kind.NUMBER, "turn index of the first offer (calls with one)"),
    "offer_depth": (Kind.NUMBER, "offers the collector makes per call (calls with one)"),
    "lexical_variety": (Kind.NUMBER, "moving-average type/token ratio of masked text (window 25)"),
    "compliance_findings": (Kind.NUMBER, "compliance findings per call"),
    "compliance_concepts": (
        Kind.DISTRIBUTION,
        "what the findings are about (law-independent concept; none: a clean call)",
    ),
}
COOPERATION = {
    DebtorAct.ACCEPT: "accept",
    DebtorAct.CONFIRM: "accept",
    DebtorAct.COUNTER_OFFER: "accept",
    DebtorAct.REJECT: "reject",
    DebtorAct.HANG_UP: "reject",
    DebtorAct.REFUSE_IDENTITY: "reject",
    DebtorAct.STALL: "stall",
    DebtorAct.PLEAD: "stall",
    DebtorAct.DISPUTE: "dispute",
    DebtorAct.REQUEST_VERIFICATION: "dispute",
    DebtorAct.REPORT_IDENTITY_THEFT: "dispute",
}
"""Debtor acts by what they do to the collector's goal; a counter-offer moves toward a deal."""
WINDOW = 25
TOKEN = re.compile(r"\[[A-Z]+\]|[\u4e00-\u9fff]|[A-Za-z#']+")
Mask = Callable[[list[str]], list[str]]


@dataclass
class CallFeatures:
    """One call's share of every feature: a Counter per distribution, a list of values per number."""

    root_cause: str | None
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    values: dict[str, list[float]] = field(default_factory=dict)


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(re.sub(r"\d", "#", text))]


def mattr(tokens: list[str], window: int = WINDOW) -> float | None:
    """Moving-average type/token ratio: length-robust, so long and short calls compare."""
    if len(tokens) < 2:
        return None
    if len(tokens) <= window:
        return len(set(tokens)) / len(tokens)
    ratios = [len(set(tokens[i : i + window])) / window for i in range(len(tokens) - window + 1)]
    return sum(ratios) / len(ratios)


def _offers(t: Transcript) -> tuple[float | None, float | None]:
    offer_turns = [
        turn.index for turn in t.turns if turn.speaker is Speaker.COLLECTOR and turn.offer is not None
    ]
    if not offer_turns:
        return None, None
    return float(offer_turns[0]), float(len(offer_turns))


def call_features(t: Transcript, mask: Mask, root_cause: str | None = None) -> CallFeatures:
    """Every feature of one call; `root_cause` None when the call's cause is not known."""
    acts = [f"{turn.speaker}:{turn.act}" for turn in t.turns]
    debtor = [COOPERATION.get(turn.act, "other") for turn in t.turns if turn.speaker is Speaker.DEBTOR]
    texts = mask([turn.clean_text for turn in t.turns])
    tokens = [tok for text in texts for tok in _tokens(text)]
    findings = score_compliance(t).findings
    first, depth = _offers(t)
    variety = mattr(tokens)
    out = CallFeatures(root_cause=root_cause)
    out.counts = {
        "act_mix": Counter(acts),
        "act_transitions": Counter(f"{a} → {b}" for a, b in itertools.pairwise(acts)),
        "outcome_mix": Counter([str(t.termination)]),
        "debtor_cooperativeness": Counter(debtor),
        "compliance_concepts": Counter(f.concept or f.rule for f in findings) or Counter(["none"]),
    }
    out.values = {
        "turns_per_call": [float(len(t.turns))],
        "words_per_turn": [float(len(_tokens(text))) for text in texts],
        "turns_to_first_offer": [] if first is None else [first],
        "offer_depth": [] if depth is None else [depth],
        "lexical_variety": [] if variety is None else [variety],
        "compliance_findings": [float(len(findings))],
    }
    return out
