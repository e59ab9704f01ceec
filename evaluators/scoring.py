"""One transcript in, one flat row of scores out: the contract of the score table.

`score_transcript(t)` runs every evaluator and returns a flat dict of
JSON/parquet-friendly scalars (`ScoreRow.model_dump()`); `ScoreRow` is the
column contract of `scores.parquet`, so export, filters, aggregation and the
notebook all read the same names. Keys:

- ids: dialogue_id, run_id, index, seed, persona_id
- axes: root_cause, band, noise_level, cell, strategy, product, delinquency,
  language, jurisdiction (the profile the call was judged under; the language's
  default for transcripts written before profiles), backend, termination, n_turns,
  outstanding, currency
- outcome (evaluators.outcome): agreed, agreed_amount, waiver,
  installment_count, recovery_ratio, full_recovery, expected_amount,
  expected_recovery, default_risk, turns_to_agreement, days_to_first_payment,
  days_to_settle, over_concession, excess_waiver, excess_installments,
  over_concession_severity, needed_waiver, needed_count
- health (evaluators.health): plan_burden, capacity_use, savings_left,
  savings_left_ratio, unsustainable
- coherence: coherent, coherence_score, loop_free (no collector act loop or
  repeated collector line), coherence_issues, coherence_findings
- completeness: completeness, complete, stages_in_order, missing_stages,
  closed (the collector's last turn ends the call)
- compliance (evaluators.compliance): compliant, compliance_violations (all
  findings), one count per concept family — compliance_threats, compliance_abuse,
  compliance_false_statements, compliance_third_parties, compliance_harassment,
  compliance_after_dispute, compliance_disclosures, compliance_policy — and
  compliance_findings (`rule@turn` joined by `;`, e.g. `fdcpa.807.4@6`)
- consistency (evaluators.consistency): persona_consistency (0..1, 1: the debtor stayed
  itself), persona_findings (`rule@turn` joined by `;`)
- judge (evaluators.llm_judge): judge_<dimension> (1–5), judge_mean,
  judge_source, judge_reasoning (JSON), judge_error — None with judge off
- reward: one scalar in [0, 1], the call's quality for the SFT filters and SPIN (see `reward`;
  DPO branching ranks rollouts by `evaluators.reward.branch_reward`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from evaluators.coherence import score_coherence
from evaluators.completeness import score_completeness
from evaluators.compliance import profile_of, score_compliance
from evaluators.consistency import score_consistency
from evaluators.finding import compact
from evaluators.health import HealthScore, score_health
from evaluators.llm_judge import Judge, RuleScores, StandInJudge
from evaluators.outcome import OutcomeScore, score_outcome
from evaluators.reward import expected_recovery
from simulator.transcript import Transcript

NONCOMPLIANT_GATE = 0.05
"""A compliance failure multiplies the reward by this: such a dialogue is never 'chosen'."""
UNSUSTAINABLE_FACTOR = 0.5
"""An unaffordable plan halves the reward on top of its discounted expected recovery."""
STAND_IN = StandInJudge()
"""The default judge: deterministic, no model."""
WEIGHTS = {"expected_recovery": 0.6, "full_recovery": 0.15, "no_over_concession": 0.15, "quality": 0.1}


class ScoreRow(BaseModel):
    """One row of `scores.parquet`: ids, persona/scenario axes and every score of one dialogue."""

    model_config = ConfigDict(frozen=True)

    dialogue_id: str
    run_id: str
    index: int
    seed: int
    persona_id: str
    root_cause: str
    band: str
    noise_level: float
    cell: str
    strategy: str
    product: str
    delinquency: str
    language: str
    jurisdiction: str
    backend: str
    termination: str
    n_turns: int
    outstanding: float
    currency: str
    account_id: str | None = None
    contact: int | None = None
    campaign_day: int | None = None
    agreed: bool
    agreed_amount: float
    waiver: float
    installment_count: int
    recovery_ratio: float
    full_recovery: bool
    expected_amount: float
    expected_recovery: float
    default_risk: float
    turns_to_agreement: int | None
    days_to_first_payment: int | None
    days_to_settle: int | None
    over_concession: bool
    excess_waiver: float
    excess_installments: int
    over_concession_severity: float
    needed_waiver: float | None
    needed_count: int | None
    plan_burden: float | None
    capacity_use: float | None
    savings_left: float | None
    savings_left_ratio: float | None
    unsustainable: bool
    coherent: bool
    coherence_score: float
    loop_free: bool
    coherence_issues: int
    coherence_findings: str
    completeness: float
    complete: bool
    stages_in_order: bool
    missing_stages: str
    closed: bool
    compliant: bool
    compliance_violations: int
    compliance_threats: int
    compliance_abuse: int
    compliance_false_statements: int
    compliance_third_parties: int
    compliance_harassment: int
    compliance_after_dispute: int
    compliance_disclosures: int
    compliance_policy: int
    compliance_findings: str
    persona_consistency: float = 1.0
    persona_findings: str = ""
    judge_empathy: int | None = None
    judge_professionalism: int | None = None
    judge_compliance: int | None = None
    judge_negotiation: int | None = None
    judge_clarity: int | None = None
    judge_mean: float | None = None
    judge_source: str | None = None
    judge_reasoning: str | None = None
    judge_error: str | None = None
    reward: float


def reward(
    outcome: OutcomeScore, health: HealthScore, quality: float, compliant: bool, recovery: float | None = None
) -> float:
    """A finished call's quality in [0, 1] for the SFT filters and SPIN: sustainable recovery, no
    over-concession, coherent, compliant. DPO branching ranks rollouts by the signed
    `evaluators.reward.branch_reward` instead; both share the recovery term.

    0.6·expected recovery (`recovery`: `evaluators.reward.expected_recovery`, the kept/broken
    model's expected payments ÷ what the call asked for — the arrears of an account that can
    still be brought current, else the balance; default `outcome.expected_recovery`) + 0.15·full
    recovery + 0.15·(1 − over-concession severity) + 0.1·quality (mean of
    coherence and completeness); halved for an unaffordable plan; ×0.05 for
    any compliance failure, so a non-compliant dialogue lands near 0.
    """
    recovery = outcome.expected_recovery if recovery is None else recovery
    value = WEIGHTS["expected_recovery"] * min(1.0, recovery)
    value += WEIGHTS["full_recovery"] * outcome.full_recovery
    value += WEIGHTS["no_over_concession"] * (1.0 - outcome.over_concession_severity)
    value += WEIGHTS["quality"] * quality
    if health.unsustainable:
        value *= UNSUSTAINABLE_FACTOR
    if not compliant:
        value *= NONCOMPLIANT_GATE
    return round(min(1.0, max(0.0, value)), 4)


def axes(t: Transcript) -> dict[str, Any]:
    return {
        "dialogue_id": t.dialogue_id,
        "run_id": t.run_id,
        "index": t.index,
        "seed": t.seed,
        "persona_id": t.persona.persona_id,
        "root_cause": str(t.persona.root_cause),
        "band": str(t.persona.band),
        "noise_level": t.noise_level,
        "cell": t.cell,
        "strategy": t.strategy,
        "product": str(t.case.product),
        "delinquency": str(t.case.stage),
        "language": t.language,
        "jurisdiction": str(profile_of(t).id),
        "backend": t.backend,
        "termination": str(t.termination),
        "n_turns": len(t.turns),
        "outstanding": t.case.outstanding,
        "currency": t.case.currency,
        # a campaign's call: its account, contact number and day (None for single calls)
        "account_id": t.account_id,
        "contact": t.contact,
        "campaign_day": t.campaign_day,
    }


def score_transcript(t: Transcript, judge: Judge | None = STAND_IN) -> dict[str, Any]:
    """Every per-dialogue score as a flat dict; `judge=None` leaves the judge columns empty."""
    outcome, health = score_outcome(t), score_health(t)
    coherence, completeness, compliance = score_coherence(t), score_completeness(t), score_compliance(t)
    consistency = score_consistency(t)
    row = axes(t) | outcome.model_dump() | health.model_dump()
    row |= {
        "coherent": coherence.coherent,
        "coherence_score": coherence.coherence_score,
        "loop_free": coherence.loop_free,
        "coherence_issues": len(coherence.findings),
        "coherence_findings": compact(coherence.findings),
        "completeness": completeness.completeness,
        "complete": not completeness.missing,
        "stages_in_order": completeness.stages_in_order,
        "missing_stages": ",".join(completeness.missing),
        "closed": completeness.closed,
        "compliant": compliance.compliant,
        "compliance_violations": len(compliance.findings),
        **compliance.counts(),
        "compliance_findings": compact(compliance.findings),
        "persona_consistency": consistency.persona_consistency,
        "persona_findings": compact(consistency.findings),
    }
    if judge is not None:
        scores = RuleScores(
            outcome=outcome,
            unsustainable=health.unsustainable,
            coherence=coherence,
            completeness=completeness,
            compliance=compliance,
        )
        row |= judge.judge(t, scores).columns()
    quality = (coherence.coherence_score + completeness.completeness) / 2
    row["reward"] = reward(outcome, health, quality, compliance.compliant, expected_recovery(t))
    return ScoreRow.model_validate(row).model_dump()
