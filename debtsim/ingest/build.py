"""A read call (`RawCall`) into the project's transcript schema, with every unknown field marked.

The evaluators need a case, a policy and a persona; a real call carries none
of them. So the case gets what the words say (the balance the collector
states, the days overdue) and neutral placeholders for the rest, the persona
is a neutral stand-in (root cause from metadata where the file labels it),
and `Transcript.unknown` lists every placeholder so no reader mistakes it
for data. Text is redacted before anything else reads it.
"""

from __future__ import annotations

import re
from collections import Counter

from debtsim.ingest.act_rules import infer_act
from debtsim.ingest.offers import OPENING_ACTS, debtor_offer_act, offer_act, read_offer
from debtsim.ingest.outcome import agreement_of, termination_of
from debtsim.ingest.raw import RawCall
from debtsim.ingest.redact import redact_call
from personas import DebtorPersona
from personas.finances import FinancialHealth
from personas.root_cause import RootCause
from personas.traits import Gender, Identity, Traits
from scenarios import CollectorAct, DebtCase, DebtorAct, Offer, Product, policy_for
from scenarios.acts import OFFER_ACTS
from scenarios.money import money_amounts
from simulator.transcript import Source, Speaker, Transcript, Turn

CURRENCY = {"en": "USD", "zh": "CNY"}
PLACEHOLDER_BALANCE = 1000.0
OVERDUE = {
    "en": re.compile(
        r"(\d{1,4})\s+days?\s+(?:overdue|past due|late|behind)|"
        r"(?:overdue|past due|late|behind)\s+(?:for\s+)?(\d{1,4})\s+days",
        re.I,
    ),
    "zh": re.compile(r"逾期\s*(\d{1,4})\s*天"),
}
BALANCE = {
    "en": re.compile(r"balance|outstanding|owe|overdue|past due|total", re.I),
    "zh": re.compile(r"欠款|应还|待还|逾期|总共|一共|余额"),
}
FIRM = {
    "en": re.compile(r"\b(?:from|with|at|on behalf of)\s+(?P<firm>[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3})"),
    "zh": re.compile(
        r"(?:我是|这里是|我这边是|我们是)(?P<firm>[\u4e00-\u9fff]{2,14}?"
        r"(?:银行|消费金融|金融|小贷|分期|公司|信用卡中心|中心|集团|支付))"
    ),
}
"""The collecting firm as the collector names it in the greeting (a firm's name is no one's PII)."""
UNKNOWN_PERSONA = ("persona.finances", "persona.traits", "persona.identity")


class Inferred:
    """Counts over a whole ingest: turns whose act no rule matched, PII placeholders by kind."""

    def __init__(self) -> None:
        self.turns = 0
        self.unmatched = 0
        self.pii: Counter[str] = Counter()


def _balance(texts: list[str], language: str) -> float | None:
    """The largest amount a collector states beside balance words: the case's outstanding."""
    found = [a.value for t in texts if BALANCE[language].search(t) for a in money_amounts(t, language)]
    return max(found) if found else None


def _overdue(texts: list[str], language: str) -> int | None:
    for text in texts:
        if match := OVERDUE[language].search(text):
            return max(1, int(next(g for g in match.groups() if g)))
    return None


def _firm(texts: list[str], language: str) -> str | None:
    for text in texts[:2]:
        if match := FIRM[language].search(text):
            return match["firm"].strip()
    return None


def placeholder_case(call: RawCall, language: str, said: list[str], unknown: list[str]) -> DebtCase:
    balance, overdue = _balance(said, language), _overdue(said, language)
    product = call.meta.get("product")
    firm = _firm(said, language)
    unknown += ([] if firm else ["case.creditor"]) + ["case.customer_name"]
    unknown += [] if balance else ["case.principal"]
    unknown += [] if overdue else ["case.overdue_days"]
    known = product in set(Product)
    unknown += [] if known else ["case.product"]
    value = balance or PLACEHOLDER_BALANCE
    return DebtCase(
        case_id=call.call_id,
        creditor=firm or "[UNKNOWN]",
        customer_name="[NAME]",
        customer_salutation="[NAME]",
        product=Product(product) if known else Product.CREDIT_CARD,
        product_name="[UNKNOWN]",
        principal=value,
        principal_due=value,
        fees_interest=0.0,
        overdue_days=overdue or 30,
        currency=str(call.meta.get("currency") or CURRENCY[language]),
        language=language,
    )


def placeholder_persona(call: RawCall, language: str, unknown: list[str]) -> DebtorPersona:
    """A neutral stand-in: mid traits, a stable budget, the labelled root cause where there is one."""
    label = str(call.meta.get("root_cause", "")).strip().lower()
    cause = RootCause(label) if label in set(RootCause) else RootCause.FORGOT_OR_OVERSIGHT
    unknown += list(UNKNOWN_PERSONA) + ([] if label in set(RootCause) else ["persona.root_cause"])
    return DebtorPersona(
        persona_id=f"unknown-{call.call_id}",
        language=language,
        root_cause=cause,
        finances=FinancialHealth(
            monthly_income=3000.0, essential_expenses=2100.0, liquid_savings=500.0, other_debt_payments=300.0
        ),
        traits=Traits(willingness=0.5, cooperativeness=0.5, volatility=0.5, trust=0.5, verbosity=0.5),
        identity=Identity(
            given_name="[NAME]",
            family_name="[NAME]",
            gender=Gender.FEMALE,
            age=40,
            occupation="[UNKNOWN]",
            region="[UNKNOWN]",
        ),
    )


def with_offer(
    act: CollectorAct | DebtorAct, offer: Offer | None, previous: Offer | None, speaker: Speaker
) -> tuple[CollectorAct | DebtorAct, Offer | None]:
    """The act and offer of a turn once its amounts are read.

    A collector turn that names a plan opens, concedes or holds (by the plan before it) unless
    it does something else with the sum (a warning stays a warning); a restated plan keeps the
    one on the table; an offer act with no amount holds the standing offer. A debtor turn
    that names a plan counter-offers unless it accepts, disputes or states a budget."""
    if speaker is Speaker.DEBTOR:
        if offer is None:
            return act, None
        act = debtor_offer_act(act)  # type: ignore[arg-type]
        return act, offer if act is DebtorAct.COUNTER_OFFER else None
    if act is CollectorAct.CONFIRM_AGREEMENT:
        return act, offer or previous
    if offer is not None:
        return (offer_act(offer, previous), offer) if act in OPENING_ACTS else (act, None)
    if act in OPENING_ACTS and act in OFFER_ACTS:
        return (CollectorAct.HOLD_FIRM, previous) if previous else (CollectorAct.PROBE_REASON, None)
    return act, None


def infer_turns(call: RawCall, language: str, balance: float | None, counts: Inferred) -> list[Turn]:
    """Redacted turns with their inferred acts and offers."""
    turns: list[Turn] = []
    previous: Offer | None = None
    redacted = redact_call([raw.text for raw in call.turns])
    for index, raw in enumerate(call.turns):
        text, pii = redacted[index]
        counts.pii.update(str(k) for k in pii.elements())
        before = turns[-1].act if turns and turns[-1].speaker is not raw.speaker else None
        says_money = bool(money_amounts(text, language))
        act, matched = infer_act(str(raw.speaker), text, language, says_money, before)
        counts.turns += 1
        counts.unmatched += not matched
        act, offer = with_offer(act, read_offer(text, language, balance), previous, raw.speaker)
        if raw.speaker is Speaker.COLLECTOR and offer is not None:
            previous = offer
        turns.append(Turn(index=index, speaker=raw.speaker, act=act, text=text, clean_text=text, offer=offer))
    return turns


def language_of(text: str) -> str:
    """zh when a fifth or more of the letters are CJK characters, else en."""
    letters = [c for c in text if c.isalpha()]
    cjk = sum("\u4e00" <= c <= "\u9fff" for c in letters)
    return "zh" if letters and cjk / len(letters) >= 0.2 else "en"


def build_transcript(call: RawCall, index: int, run_id: str, language: str, counts: Inferred) -> Transcript:
    """The call in the transcript schema; `unknown` names every field filled with a placeholder."""
    language = call.language if call.language in ("en", "zh") else language
    if language not in ("en", "zh"):
        language = language_of(" ".join(t.text for t in call.turns))
    unknown: list[str] = []
    said = [t.text for t in call.turns if t.speaker is Speaker.COLLECTOR]
    case = placeholder_case(call, language, said, unknown)
    turns = infer_turns(call, language, case.outstanding, counts)
    termination = termination_of(call.outcome, turns)
    if call.outcome is None:
        unknown.append("termination")
    return Transcript(
        dialogue_id=call.call_id,
        run_id=run_id,
        index=index,
        seed=0,
        language=language,
        strategy="human",
        backend="ingested",
        noise_level=0.0,
        cell=f"real/{call.meta.get('root_cause') or 'unlabelled'}",
        case=case,
        policy=policy_for(case.product),
        persona=placeholder_persona(call, language, unknown),
        turns=turns,
        termination=termination,
        agreement=agreement_of(termination, turns),
        source=Source.INGESTED,
        unknown=tuple(unknown),
    )
