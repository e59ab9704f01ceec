"""The LLM judge: rubric scores with reasons, through the same backend layer as the agents.

Two judges share one result type. `BackendJudge` (the default, `judge:
backend`) renders the rubric (field descriptions of `JudgeRubric`, zh or en)
and the transcript into messages and asks `Backend.complete_json` for a
validated `JudgeRubric`; on a scripted run that backend is the scripted one,
whose deterministic stand-in answer (drawn from a digest of the prompt) lets
the whole path — prompt, backend, validation, storing — run without a model.
`StandInJudge` (`judge: rules`) is a rule-based stand-in that derives each
dimension from the rule-based scores, for a judge column that means something
without a model. A backend failure is recorded on the row (`judge_error`),
never raised and never silently dropped. The reward never reads the judge.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from evaluators.coherence import CoherenceScore
from evaluators.completeness import CompletenessScore
from evaluators.compliance import ComplianceScore, Concept, profile_of
from evaluators.outcome import OutcomeScore
from evaluators.rubric import DIMENSIONS, Judgement, JudgeRubric, describe
from scenarios import CollectorAct
from scenarios.money import format_amount
from simulator.llm.base import Backend, BackendError
from simulator.transcript import Transcript

HOSTILE = frozenset(
    {
        Concept.THREAT_ARREST,
        Concept.THREAT_SEIZURE,
        Concept.THREAT_LEGAL_UNINTENDED,
        Concept.ABUSE,
        Concept.THIRD_PARTY_PRESSURE,
        Concept.REPEAT_CALL_INTENT,
    }
)
"""Compliance concepts that also make a call unempathetic (threats, abuse, pressure)."""


class JudgeMode(StrEnum):
    BACKEND = "backend"  # the run's LLM backend answers the rubric (scripted runs: its stand-in)
    RULES = "rules"  # rule-based stand-in from the rule scores, no backend
    OFF = "off"  # no judge columns

    @classmethod
    def _missing_(cls, value: object) -> JudgeMode | None:
        """`scripted`, the rule-based stand-in's old name, still read from old configs."""
        return cls.RULES if value == "scripted" else None


class RuleScores(BaseModel):
    """What the stand-in reads: the rule-based scores of the same transcript."""

    model_config = ConfigDict(frozen=True)

    outcome: OutcomeScore
    unsustainable: bool
    coherence: CoherenceScore
    completeness: CompletenessScore
    compliance: ComplianceScore


class JudgeResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    source: str
    rubric: JudgeRubric | None = None
    error: str | None = None

    def columns(self) -> dict:
        scores = self.rubric.scores() if self.rubric else {}
        out = {f"judge_{name}": scores.get(name) for name in DIMENSIONS}
        out["judge_mean"] = round(self.rubric.mean(), 4) if self.rubric else None
        out["judge_source"] = self.source
        reasons = {name: getattr(self.rubric, name).reasoning for name in DIMENSIONS} if self.rubric else {}
        out["judge_reasoning"] = json.dumps(reasons, ensure_ascii=False)
        out["judge_error"] = self.error
        return out


class Judge(ABC):
    @abstractmethod
    def judge(self, transcript: Transcript, rules: RuleScores) -> JudgeResult:
        """Rubric scores for one transcript."""


SYSTEM = {
    "en": (
        "You are a quality reviewer of debt collection calls. Score the COLLECTOR on each "
        "dimension from 1 (very poor) to 5 (excellent), with a short reason first.\n{dimensions}\n"
        'Answer with one JSON object with the keys {keys}, each {{"reasoning": str, "score": int}}.'
    ),
    "zh": (
        "你是催收通话的质检员。请按以下每个维度为催收员打分，1（很差）到5（优秀），先写简短理由。\n{dimensions}\n"
        '只输出一个JSON对象，键为 {keys}，每个值为 {{"reasoning": 字符串, "score": 整数}}。'
    ),
}
SPEAKER = {
    "en": {"collector": "Collector", "debtor": "Debtor"},
    "zh": {"collector": "催收员", "debtor": "客户"},
}
FACTS = {
    "en": "Case: outstanding {outstanding} {currency}; policy: waiver up to {waiver}, up to {count} "
    "installments. Debtor's real finances (hidden from the collector): can spare {lump} now and "
    "{installment} a month. Outcome: {termination}. Law of the call: {regulation}.",
    "zh": "案件：欠款 {outstanding} {currency}；政策：最多减免 {waiver}，最多 {count} 期。"
    "客户真实财务（催收员不可见）：现可支付 {lump}，每月可支付 {installment}。结果：{termination}。"
    "适用法规：{regulation}。",
}


def judge_messages(transcript: Transcript) -> list[tuple[str, str]]:
    """(role, text) messages asking for a `JudgeRubric`; also what `--show-judge-prompt` prints."""
    lang = "zh" if transcript.language == "zh" else "en"
    dimensions = "\n".join(f"- {name}: {describe(name, lang)}" for name in DIMENSIONS)
    system = SYSTEM[lang].format(dimensions=dimensions, keys=", ".join(DIMENSIONS))
    case, policy, fin = transcript.case, transcript.policy, transcript.persona.finances
    facts = FACTS[lang].format(
        outstanding=format_amount(case.outstanding),
        currency=case.currency,
        waiver=format_amount(policy.max_waiver(case)),
        count=policy.max_installments,
        lump=format_amount(fin.max_lump_sum),
        installment=format_amount(fin.max_installment),
        termination=transcript.termination,
        regulation=profile_of(transcript).regulation,
    )
    lines = [f"[{t.index}] {SPEAKER[lang][t.speaker]} ({t.act}): {t.clean_text}" for t in transcript.turns]
    return [("system", system), ("user", facts + "\n\n" + "\n".join(lines))]


class BackendJudge(Judge):
    """Asks the backend's model; a reply that does not validate becomes `judge_error`.

    The judge borrows its backend: whoever built it closes it (`stage.score_run`
    closes the one it built from the run's config once every transcript is scored).
    """

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def judge(self, transcript: Transcript, rules: RuleScores) -> JudgeResult:
        source = str(self.backend.name)
        try:
            rubric, _usage = self.backend.complete_json(judge_messages(transcript), JudgeRubric)
        except BackendError as exc:
            return JudgeResult(source=source, error=str(exc).splitlines()[0][:300])
        return JudgeResult(source=source, rubric=JudgeRubric.model_validate(rubric.model_dump()))


def clamp(value: float) -> int:
    return int(min(5, max(1, round(value))))


class StandInJudge(Judge):
    """Deterministic rubric from the rule-based scores: same inputs, same scores, no model."""

    def judge(self, transcript: Transcript, rules: RuleScores) -> JudgeResult:
        acts = {t.act for t in transcript.turns}
        rubric = JudgeRubric(
            empathy=self.empathy(acts, rules.compliance),
            professionalism=Judgement(
                reasoning=f"stages reached {rules.completeness.completeness:.0%}, "
                f"in order: {rules.completeness.stages_in_order}",
                score=clamp(
                    1 + 4 * rules.completeness.completeness - (not rules.completeness.stages_in_order)
                ),
            ),
            compliance=Judgement(
                reasoning="no rule fired"
                if rules.compliance.compliant
                else "rules fired: " + ", ".join(sorted({f.rule for f in rules.compliance.findings})),
                score=5 if rules.compliance.compliant else clamp(3 - len(rules.compliance.findings)),
            ),
            negotiation=self.negotiation(rules),
            clarity=Judgement(
                reasoning=f"coherence {rules.coherence.coherence_score:.2f}",
                score=clamp(1 + 4 * rules.coherence.coherence_score),
            ),
        )
        return JudgeResult(source=JudgeMode.RULES, rubric=rubric)

    @staticmethod
    def empathy(acts: set, compliance: ComplianceScore) -> Judgement:
        hostile = bool(compliance.concepts() & HOSTILE)
        score = 3 + (CollectorAct.PROBE_REASON in acts) + (CollectorAct.EMPATHIZE in acts) - 2 * hostile
        why = (
            f"asked why: {CollectorAct.PROBE_REASON in acts}; acknowledged: {CollectorAct.EMPATHIZE in acts}"
        )
        return Judgement(reasoning=why + ("; hostile language" if hostile else ""), score=clamp(score))

    @staticmethod
    def negotiation(rules: RuleScores) -> Judgement:
        outcome = rules.outcome
        if not outcome.agreed:
            return Judgement(reasoning="no plan agreed", score=2)
        if rules.unsustainable:
            return Judgement(reasoning="agreed a plan the debtor cannot sustain", score=1)
        if outcome.over_concession:
            return Judgement(reasoning="agreed, but conceded more than needed", score=3)
        if outcome.full_recovery:
            return Judgement(reasoning="full, affordable repayment agreed", score=5)
        return Judgement(reasoning="affordable plan agreed without excess concession", score=4)
