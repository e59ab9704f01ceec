"""Persona consistency: does the debtor stay itself for the whole call?

A simulated debtor is training data for a collector: one that says it lost its job
when its hidden root cause is a hospital bill, recites its hidden ceiling to the
cent, offers more than it owes or more than it could pay, or disputes the debt and
then pleads hardship without having heard anything that would change its mind,
teaches a collector to read people who do not exist. Each such slip is a `Finding`;
the score is 1 minus `PENALTY` per finding, floored at 0.

Rules (debtor turns only; a third party who answered the phone speaks for itself):

- `other_cause`: the words name another root cause's hardship (a short, distinctive
  phrase list per cause and language, `CAUSE_PHRASES`) and none of its own;
- `recites_ceiling`: a counter-offer (or any amount said) equals max_lump_sum or
  max_installment to the cent — people name round sums, not their ledger;
- `counter_above_balance`: a counter-offer names more than the balance owed;
- `counter_above_ceiling`: a counter-offer names more than the debtor could pay;
- `dispute_flip`: after disputing the debt (or reporting identity theft) the debtor
  acknowledges it, pleads, explains a hardship, counters or accepts without the
  collector having given the debt's details in between.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict, Field

from evaluators.amounts import CENT, spoken_amounts
from evaluators.finding import Finding
from personas import RootCause
from scenarios import CollectorAct, DebtorAct
from simulator.transcript import Speaker, Transcript, Turn

PENALTY = 0.25
"""What one finding costs: four slips and the dialogue scores 0."""


class ConsistencyRule(StrEnum):
    OTHER_CAUSE = "persona.other_cause"
    RECITES_CEILING = "persona.recites_ceiling"
    COUNTER_ABOVE_BALANCE = "persona.counter_above_balance"
    COUNTER_ABOVE_CEILING = "persona.counter_above_ceiling"
    DISPUTE_FLIP = "persona.dispute_flip"


_P = MappingProxyType
CAUSE_PHRASES: MappingProxyType[str, MappingProxyType[RootCause, tuple[str, ...]]] = _P(
    {
        "en": _P(
            {
                RootCause.JOB_LOSS: (
                    "lost my job",
                    "laid off",
                    "made redundant",
                    "unemployed",
                    "between jobs",
                ),
                RootCause.INCOME_DROP: ("cut my hours", "pay cut", "cut my pay"),
                RootCause.MEDICAL: ("hospital", "surgery", "medical bills", "diagnosed", "chemo"),
                RootCause.BUSINESS_FAILURE: ("my business", "went under", "my shop closed"),
                RootCause.FAMILY_EMERGENCY: ("funeral", "passed away", "family emergency"),
                RootCause.OVER_INDEBTEDNESS: ("every lender", "too many loans", "borrowing to repay"),
            }
        ),
        "zh": _P(
            {
                RootCause.JOB_LOSS: (
                    "失业",
                    "被裁",
                    "裁员",
                    "工作丢了",
                    "工作都丢",
                    "被辞退",
                    "找到工作",
                    "待业",
                ),
                RootCause.INCOME_DROP: ("降薪", "减薪", "工资降", "工资都降"),
                RootCause.MEDICAL: ("住院", "手术", "看病", "医药费", "化疗"),
                RootCause.BUSINESS_FAILURE: ("生意都黄", "店倒闭", "生意失败"),
                RootCause.FAMILY_EMERGENCY: ("葬礼", "去世", "家里出了"),
                RootCause.OVER_INDEBTEDNESS: ("好几家平台", "以贷养贷", "共债"),
            }
        ),
    }
)
"""Language -> root cause -> phrases that only a debtor of that cause would say about itself."""

_FLIP_ACTS = frozenset(
    {
        DebtorAct.ACKNOWLEDGE_DEBT,
        DebtorAct.PLEAD,
        DebtorAct.EXPLAIN_REASON,
        DebtorAct.COUNTER_OFFER,
        DebtorAct.ACCEPT,
    }
)
"""Debtor acts that own the debt: after a dispute they need a reason in the dialogue."""
_DISOWN_ACTS = frozenset({DebtorAct.DISPUTE, DebtorAct.REPORT_IDENTITY_THEFT})


class ConsistencyScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    persona_consistency: float = Field(ge=0.0, le=1.0)
    findings: list[Finding] = Field(default_factory=list)


def _said_by_debtor(turn: Turn) -> bool:
    return turn.speaker is Speaker.DEBTOR and turn.act is not DebtorAct.THIRD_PARTY


def names_cause(text: str, language: str, cause: RootCause) -> bool:
    """Whether `text` says one of `cause`'s hardship phrases."""
    lowered = text.lower()
    return any(p in lowered for p in CAUSE_PHRASES.get(language, {}).get(cause, ()))


def _other_cause(t: Transcript, turn: Turn) -> Finding | None:
    own, text = t.persona.root_cause, turn.clean_text or turn.text
    if names_cause(text, t.language, own):
        return None
    other = next(
        (c for c in CAUSE_PHRASES.get(t.language, {}) if c != own and names_cause(text, t.language, c)), None
    )
    if other is None:
        return None
    return Finding(
        rule=ConsistencyRule.OTHER_CAUSE, turn=turn.index, detail=f"{own} debtor speaks as {other}"
    )


def _ceilings(t: Transcript) -> tuple[float, ...]:
    fin = t.persona.finances
    return tuple(c for c in (fin.max_lump_sum, fin.max_installment) if c >= 1.0)


def _amount_findings(t: Transcript, turn: Turn) -> list[Finding]:
    found: list[Finding] = []
    ceilings, fin = _ceilings(t), t.persona.finances
    restating = turn.act in (DebtorAct.ACCEPT, DebtorAct.CONFIRM)  # the collector's numbers, said back
    said = [] if restating else spoken_amounts(turn.clean_text or turn.text, t.language)
    offer = turn.offer if turn.act is DebtorAct.COUNTER_OFFER else None
    named = [*said, *((offer.amount_now, offer.installment) if offer else ())]
    if any(abs(a - c) < CENT for a in named for c in ceilings):
        found.append(Finding(rule=ConsistencyRule.RECITES_CEILING, turn=turn.index))
    if offer is None:
        return found
    balance = t.case.outstanding
    if offer.amount_now > balance + CENT or offer.installment > balance + CENT:
        found.append(Finding(rule=ConsistencyRule.COUNTER_ABOVE_BALANCE, turn=turn.index))
    if offer.amount_now > fin.max_lump_sum + CENT or offer.installment > fin.max_installment + CENT:
        found.append(Finding(rule=ConsistencyRule.COUNTER_ABOVE_CEILING, turn=turn.index))
    return found


def _dispute_flips(t: Transcript) -> list[Finding]:
    """Owning the debt after disowning it, with no details given by the collector in between."""
    found, disowned = [], False
    for turn in t.turns:
        if turn.speaker is Speaker.COLLECTOR:
            if turn.act is CollectorAct.PROVIDE_VERIFICATION:
                disowned = False  # the collector gave a reason to think again
            continue
        if not _said_by_debtor(turn):
            continue
        if turn.act in _DISOWN_ACTS:
            disowned = True
        elif disowned and turn.act in _FLIP_ACTS:
            found.append(Finding(rule=ConsistencyRule.DISPUTE_FLIP, turn=turn.index, detail=str(turn.act)))
            disowned = False  # one flip, one finding
    return found


def score_consistency(t: Transcript) -> ConsistencyScore:
    """Every slip out of character in one dialogue, and the 0..1 score they leave."""
    findings: list[Finding] = []
    for turn in t.turns:
        if not _said_by_debtor(turn):
            continue
        other = _other_cause(t, turn)
        findings.extend([other] if other else [])
        findings.extend(_amount_findings(t, turn))
    findings.extend(_dispute_flips(t))
    findings.sort(key=lambda f: f.turn)
    score = max(0.0, 1.0 - PENALTY * len(findings))
    return ConsistencyScore(persona_consistency=round(score, 4), findings=findings)
