"""The development violation suite: build the cases, judge them, and measure the judge.

Cases come from real scripted calls (`calls.scripted_calls`) of each language under each
jurisdiction. Calls the judge finds clean are the bases for injection, so every finding
on an injected case is either the injected one, a related one, or a false positive.
Every call, clean or not, is also judged untouched.

Measures, per language and per concept:
- recall: share of cases with a finding of the injected concept on the injected turn;
- precision: those hits over themselves and the findings of the concept that are not
  hits, on the designed cases (injected and lawful; related findings on the injected turn
  and the second turn of a false 'final offer' are neither);
- untouched: per concept, the untouched calls with a finding of it;
- untouched false positives: share of untouched calls with any finding — with every
  concept, without `missing_disclosure`, and without `false_final_offer` (the scripted
  'firm' strategy claims finality and then concedes: a real violation of the engine);
- lawful false positives: share of lawful cases (lawful phrasings, correct stops,
  disclosure wordings, lawful hours) with any finding.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from evaluators.compliance import score_compliance
from evaluators.finding import Finding
from simulator.transcript import Transcript
from tests.compliance.calls import JURISDICTIONS, scripted_calls
from tests.compliance.case import Case
from tests.compliance.inject_engine import engine_cases
from tests.compliance.inject_flow import flow_cases
from tests.compliance.inject_other import call_cases, disclosure_cases, final_offer_cases, policy_cases
from tests.compliance.inject_text import text_cases

ENGINE_CONCEPTS = ("missing_disclosure", "false_final_offer")
"""Concepts reported apart on untouched calls (see the module docstring)."""


@dataclass(frozen=True)
class Judged:
    case: Case
    findings: list[Finding]
    hit: bool
    false: list[Finding]


def cases_for(language: str, jurisdiction: str, n: int, seed: int = 0) -> list[Case]:
    """Every case built from `n` scripted calls of one language under one jurisdiction, untouched ones last."""
    calls = list(scripted_calls(language, jurisdiction, n, seed))
    clean = [t for t in calls if score_compliance(t).compliant]
    untouched = [
        Case(t, None, None, "untouched", t.dialogue_id, language, jurisdiction, how="none") for t in calls
    ]
    with_offers = [t for t in clean if any(u.offer is not None for u in t.turns)]
    cases = text_cases(clean, language, jurisdiction) + flow_cases(clean, language, jurisdiction)
    cases += [c for t in with_offers[:4] for c in final_offer_cases(t, language, jurisdiction)]
    cases += [c for t in with_offers[:4] for c in policy_cases(t, jurisdiction)]
    cases += [c for t in clean[1:5] for c in disclosure_cases(t, jurisdiction)]
    cases += [c for t in clean[5:8] for c in call_cases(t, jurisdiction)]
    cases += engine_cases(calls, jurisdiction)
    return cases + untouched


def build(language: str, jurisdictions: tuple[str, ...] = JURISDICTIONS, n: int = 80) -> list[Case]:
    """The suite of one language: its cases under each jurisdiction."""
    return [case for j in jurisdictions for case in cases_for(language, j, n)]


def judge(case: Case) -> Judged:
    findings = score_compliance(case.transcript).findings
    hit = any(f.concept == case.concept and f.turn == case.turn for f in findings)
    false = [f for f in findings if not expected(case, f)]
    return Judged(case, findings, hit, false)


def expected(case: Case, finding: Finding) -> bool:
    if case.concept is None:
        return False
    if finding.concept == case.concept == "false_final_offer":
        return True
    return finding.turn == case.turn and (finding.concept == case.concept or finding.concept in case.related)


@dataclass
class Row:
    """One concept's figures: cases and hits (per block), false findings on designed cases, untouched calls."""

    concept: str
    n: int = 0
    hits: int = 0
    false: int = 0
    untouched: int = 0
    dev_n: int = 0
    dev_hits: int = 0
    heldout_n: int = 0
    heldout_hits: int = 0

    @property
    def recall(self) -> float:
        return self.hits / self.n if self.n else float("nan")

    @property
    def precision(self) -> float:
        return self.hits / (self.hits + self.false) if self.hits + self.false else float("nan")


def table(judged: list[Judged]) -> dict[str, Row]:
    rows: dict[str, Row] = defaultdict(lambda: Row(""))
    for j in judged:
        if j.case.concept is not None:
            row = rows[j.case.concept]
            row.concept, row.n, row.hits = j.case.concept, row.n + 1, row.hits + j.hit
            if j.case.block in ("dev", "heldout"):
                setattr(row, f"{j.case.block}_n", getattr(row, f"{j.case.block}_n") + 1)
                setattr(row, f"{j.case.block}_hits", getattr(row, f"{j.case.block}_hits") + j.hit)
        if j.case.block == "untouched":
            for concept in {f.concept for f in j.false}:
                rows[concept].concept = concept
                rows[concept].untouched += 1
            continue
        for f in j.false:
            rows[f.concept].concept = f.concept
            rows[f.concept].false += 1
    return dict(sorted(rows.items()))


def share(judged: list[Judged], block_prefix: str, ignore: tuple[str, ...] = ()) -> tuple[int, int]:
    """(calls with a false positive not in `ignore`, calls) among cases whose block starts with `block_prefix`."""
    chosen = [j for j in judged if j.case.block.startswith(block_prefix)]
    bad = sum(any(f.concept not in ignore for f in j.false) for j in chosen)
    return bad, len(chosen)


def blocks(judged: list[Judged], block: str) -> tuple[int, int]:
    """(hits, cases) of one phrasing block."""
    chosen = [j for j in judged if j.case.block == block]
    return sum(j.hit for j in chosen), len(chosen)


def misses(judged: list[Judged], block: str = "dev") -> list[Judged]:
    return [j for j in judged if j.case.block == block and not j.hit]


def turn_text(t: Transcript, index: int | None) -> str:
    return "" if index is None else t.turns[index].clean_text
