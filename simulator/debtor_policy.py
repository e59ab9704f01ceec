"""The default debtor decision policy: hidden finances and traits decide, not mood.

An offer is accepted only when the persona can afford it (lump sum within its
spare savings, installment within its sustainable share of disposable income),
its root cause's demand has been met (empathy, proof, pressure) and trust is
high enough. Otherwise it counters with what it says it can pay (shaded by
its root cause), stalls, disputes, pleads or hangs up. So a strategy's outcome
depends on the collector's skill, and an unaffordable plan is never accepted.
A debtor that has stopped collection on the call (a dispute, an identity-theft
report, a cease request, an attorney, a bankruptcy) keeps to it: it never turns
round and acknowledges the debt or pleads hardship afterwards.
`DebtorDecision` says who has the last word on the move: this policy (the
default) or the debtor's model.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
from pydantic import BaseModel, ConfigDict

from personas import Ask, DebtorPersona, Demand
from personas.root_cause import DisputeKind
from scenarios import CollectorAct, DebtorAct, Offer
from scenarios.budget import Budget

ACCEPT_SCORE = 0.4
AFFORD_TOLERANCE = 0.01
"""A cent: plan installments are rounded up to the cent, so a plan sized exactly to capacity still fits."""
EMPATHY_TRUST = 0.15
CONCESSION_TRUST = 0.04
WARN_TRUST = -0.1
PRESSURE_BOOST = 0.35
CEASE_WHEN_SPENT = 3.0
"""How much likelier a cease request is once the debtor's patience has run out than when the debt is stated."""


class DebtorDecision(StrEnum):
    """Who decides the debtor's act and offer (llm.debtor_decision)."""

    POLICY = "policy"  # hidden finances and traits decide; a model only words the move
    LLM = "llm"  # the debtor's model decides; its act is validated, an invalid one falls back


class DebtorMemory(BaseModel):
    """The debtor's running state; hidden from the collector."""

    model_config = ConfigDict(frozen=True)

    trust: float
    patience: int
    demand_met: bool
    pressured: bool = False
    revealed: bool = False
    verified: bool = False
    refused_identity: bool = False
    named_capacity: bool = False
    reacted: bool = False  # has answered the stated debt (noise may swallow its first chance)
    mismatches: int = 0  # identity answers that did not match the file
    stance: DebtorAct | None = None  # the halting act it said; it keeps to it for the rest of the call
    dispute_kind: DisputeKind | None = None  # what its dispute said was wrong
    last_act: DebtorAct | None = None
    last_offer: Offer | None = None
    heard_offer: Offer | None = None
    balance: float | None = None  # what it owes on the case (None: not known): a counter never goes above


class DebtorMove(BaseModel):
    model_config = ConfigDict(frozen=True)

    act: DebtorAct
    offer: Offer | None = None
    thought: str = ""
    dispute_kind: DisputeKind | None = None  # for a dispute or an identity-theft report: what it says
    budget: Budget | None = None  # for a budget disclosure: the statement it gives (issue 23, H1)


def initial_memory(persona: DebtorPersona, balance: float | None = None) -> DebtorMemory:
    return DebtorMemory(
        trust=persona.trust,
        patience=persona.behaviour.patience,
        demand_met=persona.behaviour.demand is Demand.NONE,
        balance=balance,
    )


def affordable(persona: DebtorPersona, offer: Offer) -> bool:
    """Lump sum within spare savings and installment within the sustainable share of income."""
    fin = persona.finances
    slack = AFFORD_TOLERANCE + 1e-9  # float sums of cents
    return offer.amount_now <= fin.max_lump_sum + slack and offer.installment <= fin.max_installment + slack


ROUND_STEPS: tuple[tuple[float, float], ...] = ((20.0, 1.0), (100.0, 5.0), (500.0, 10.0), (2000.0, 50.0))
"""(below this amount, round down to a multiple of this): people name round sums, not their ledger."""
LARGE_STEP = 100.0
"""The step above the last bound."""


def round_down(amount: float) -> float:
    """The round sum a person would name for `amount`, strictly below it where it is already round.

    Strictly below, so a debtor whose hidden ceiling happens to be a round number still never
    recites it; a sum under the smallest step rounds to 0.
    """
    step = next((s for bound, s in ROUND_STEPS if amount < bound), LARGE_STEP)
    rounded = float(int(amount // step) * step)
    if rounded >= amount - 1e-9 and rounded > 0:
        rounded -= step
    return max(rounded, 0.0)


def out_of_character(
    persona: DebtorPersona, balance: float | None, act: DebtorAct, offer: Offer | None
) -> str | None:
    """Why a model's own counter-offer cannot be this debtor's, or None if it can.

    A debtor never offers more than it owes, nor more than it could pay: under
    llm.debtor_decision=llm such a counter falls back to the persona's own move.
    """
    if act is not DebtorAct.COUNTER_OFFER or offer is None:
        return None
    if balance is not None and max(offer.amount_now, offer.installment) > balance + AFFORD_TOLERANCE:
        return "counter-offer above the balance"
    if not affordable(persona, offer):
        return "counter-offer beyond its means"
    return None


def stated_capacity(persona: DebtorPersona, balance: float | None = None) -> Offer:
    """What the debtor says it can pay: its capacity shaded by its root cause, in round sums.

    Never its exact ceiling (max_lump_sum / max_installment are hidden to the cent), and never
    more than the balance it owes: a debtor who could pay everything offers the balance, rounded.
    """
    behaviour = persona.behaviour
    shade = 1.0 - behaviour.understate
    fin = persona.finances
    lump = 0.0 if behaviour.ask is Ask.MONTHLY_ONLY else fin.max_lump_sum * shade
    installment = fin.max_installment * shade
    if balance is not None:
        lump, installment = min(lump, balance), min(installment, balance)
    return Offer(
        amount_now=round_down(lump),
        installment=round_down(installment),
        count=0,
        waiver=0.0,
        first_due_days=0,
    )


def remember(persona: DebtorPersona, mem: DebtorMemory, act: CollectorAct) -> DebtorMemory:
    """How the collector's act moves trust and the root cause's demand."""
    demand = persona.behaviour.demand
    update: dict = {}
    if act is CollectorAct.EMPATHIZE:
        update["trust"] = min(1.0, mem.trust + EMPATHY_TRUST)
        update["demand_met"] = mem.demand_met or demand is Demand.EMPATHY
    elif act is CollectorAct.PROVIDE_VERIFICATION:
        update["demand_met"] = mem.demand_met or demand is Demand.VERIFICATION
    elif act is CollectorAct.WARN_CONSEQUENCES:
        update["pressured"] = True
        update["demand_met"] = mem.demand_met or demand is Demand.PRESSURE
        if demand is not Demand.PRESSURE:
            update["trust"] = max(0.0, mem.trust + WARN_TRUST)
    elif act is CollectorAct.CONCEDE:
        update["trust"] = min(1.0, mem.trust + CONCESSION_TRUST)
    return mem.model_copy(update=update) if update else mem


def accept_score(persona: DebtorPersona, mem: DebtorMemory) -> float:
    boost = PRESSURE_BOOST if mem.pressured and persona.behaviour.demand is Demand.PRESSURE else 0.0
    return 0.5 * (persona.willingness + boost) + 0.5 * mem.trust


def respond_to_offer(
    persona: DebtorPersona, mem: DebtorMemory, offer: Offer, rng: np.random.Generator
) -> DebtorMove:
    can_pay = affordable(persona, offer)
    if can_pay and mem.demand_met and accept_score(persona, mem) >= ACCEPT_SCORE:
        return DebtorMove(act=DebtorAct.ACCEPT, offer=offer, thought="affordable and fair")
    behaviour = persona.behaviour
    if mem.patience <= 0:
        if rng.random() < behaviour.cease * CEASE_WHEN_SPENT * (0.5 + persona.traits.volatility):
            return DebtorMove(act=DebtorAct.REQUEST_CEASE, thought="fed up: stop calling me")
        hang = rng.random() < 0.5 + behaviour.hang_up
        return DebtorMove(act=DebtorAct.HANG_UP if hang else DebtorAct.REJECT, thought="out of patience")
    if not mem.demand_met:
        return _unmet_demand(persona, rng)
    if not can_pay:
        return _beyond_means(persona, mem, rng)
    if rng.random() < behaviour.stall:
        return DebtorMove(act=DebtorAct.STALL, thought="could pay, not willing yet")
    return DebtorMove(act=DebtorAct.REJECT, thought="not convinced")


def _beyond_means(persona: DebtorPersona, mem: DebtorMemory, rng: np.random.Generator) -> DebtorMove:
    """An offer it cannot pay: plead first (some causes), stall (others), or name what it can pay."""
    behaviour = persona.behaviour
    capacity = stated_capacity(persona, mem.balance)
    if capacity.installment < 1.0:
        return DebtorMove(act=DebtorAct.PLEAD, thought="no room for any monthly payment")
    if not mem.named_capacity and rng.random() < behaviour.plead:
        return DebtorMove(act=DebtorAct.PLEAD, thought="ask for leniency before naming a number")
    if rng.random() < behaviour.stall:
        return DebtorMove(act=DebtorAct.STALL, thought="waiting for money to come in")
    return DebtorMove(act=DebtorAct.COUNTER_OFFER, offer=capacity, thought="name what I can pay")


def _unmet_demand(persona: DebtorPersona, rng: np.random.Generator) -> DebtorMove:
    demand = persona.behaviour.demand
    if demand is Demand.VERIFICATION:
        return DebtorMove(act=DebtorAct.REQUEST_VERIFICATION)
    if demand is Demand.INVESTIGATION:
        return contest(persona, rng)
    if demand is Demand.EMPATHY:
        return DebtorMove(act=DebtorAct.PLEAD, thought="they are not listening")
    if rng.random() < persona.behaviour.stall:
        return DebtorMove(act=DebtorAct.STALL, thought="no reason to pay yet")
    return DebtorMove(act=DebtorAct.REJECT, thought="no reason to pay yet")


_CONTEST_THOUGHT = {
    DisputeKind.BILLING_ERROR: "the amount is wrong",
    DisputeKind.ALREADY_PAID: "I paid this already",
    DisputeKind.NOT_MINE: "this is not my debt",
}


def contest(persona: DebtorPersona, rng: np.random.Generator) -> DebtorMove:
    """The debtor denies the debt: an identity-theft report, or a dispute in the words of its cause.

    One draw picks both whether it reports identity theft and, if not, whether it says the
    debt was paid already or its cause's usual complaint.
    """
    behaviour = persona.behaviour
    u = rng.random()
    if u < behaviour.identity_theft:
        return DebtorMove(
            act=DebtorAct.REPORT_IDENTITY_THEFT,
            dispute_kind=DisputeKind.NOT_MINE,
            thought="I reported the identity theft: this account is not mine",
        )
    rest = (u - behaviour.identity_theft) / (1.0 - behaviour.identity_theft)
    kind = DisputeKind.ALREADY_PAID if rest < behaviour.already_paid else behaviour.dispute_kind
    return DebtorMove(act=DebtorAct.DISPUTE, dispute_kind=kind, thought=_CONTEST_THOUGHT[kind])
