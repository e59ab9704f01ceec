"""Why a debtor is behind, and how that shapes the conversation.

Each root cause carries a behaviour profile: the numbers the debtor policy reads
to decide how readily the debtor talks about its situation (when asked, or
unprompted), what it asks for before it agrees (empathy, proof, an
investigation, pressure; a plan without a lump sum), how it stalls, pleads,
disputes or blows up, and how far it understates what it can pay. Keeping them
in one table makes the causes easy to compare, and tests/engine/test_root_causes.py
asserts each one's signature over simulated calls.

The profile also says how often a debtor stops collection on the call — disputes
the debt (and in which words), reports identity theft, asks for no more contact,
names an attorney or debt adviser, or has filed for bankruptcy — and how often it
gives identity details that do not match the file. Those rates are small outside
the causes they belong to (plausible shares, not measured ones); the defaults
below are what a cause gets unless its row says otherwise.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class RootCause(StrEnum):
    JOB_LOSS = "job_loss"
    INCOME_DROP = "income_drop"
    MEDICAL = "medical"
    BUSINESS_FAILURE = "business_failure"
    FAMILY_EMERGENCY = "family_emergency"
    OVER_INDEBTEDNESS = "over_indebtedness"
    FORGOT_OR_OVERSIGHT = "forgot_or_oversight"
    BILLING_DISPUTE = "billing_dispute"
    FRAUD_VICTIM = "fraud_victim"
    STRATEGIC_DEFAULT = "strategic_default"
    FINANCIAL_ILLITERACY = "financial_illiteracy"


class Demand(StrEnum):
    """What the debtor needs from the collector before it will agree to anything."""

    NONE = "none"
    EMPATHY = "empathy"  # wants its hardship acknowledged first
    VERIFICATION = "verification"  # wants the debt's details proven
    INVESTIGATION = "investigation"  # says it never owed this: wants escalation to a fraud team
    PRESSURE = "pressure"  # only moves once consequences are spelled out


class Ask(StrEnum):
    """The shape of what the debtor offers when it names a number."""

    PLAN = "plan"  # some money now and a monthly amount
    MONTHLY_ONLY = "monthly_only"  # keeps what savings it has: names a monthly amount, nothing now


class DisputeKind(StrEnum):
    """What a disputing debtor says is wrong; the words of a dispute say which."""

    BILLING_ERROR = "billing_error"  # the amount is wrong: a duplicate charge, a returned order, fees
    ALREADY_PAID = "already_paid"  # it was paid (or settled) already
    NOT_MINE = "not_mine"  # the debt is not theirs


class BehaviourProfile(BaseModel):
    """Behavioural constants of a root cause; probabilities are per debtor turn."""

    model_config = ConfigDict(frozen=True)

    reveal: float = Field(ge=0, le=1, description="chance to explain the real reason when asked")
    volunteer: float = Field(ge=0, le=1, description="chance to explain unprompted once the debt is stated")
    stall: float = Field(ge=0, le=1, description="chance to stall instead of answering an offer")
    plead: float = Field(ge=0, le=1, description="chance to plead for leniency before naming any number")
    outburst: float = Field(
        ge=0, le=1, description="chance to blow up when consequences are stated (scaled by volatility)"
    )
    dispute: float = Field(ge=0, le=1, description="chance to contest the debt when it is stated")
    refuse_identity: float = Field(0.0, ge=0, le=1, description="chance to refuse the first identity check")
    understate: float = Field(ge=0, le=1, description="fraction by which stated capacity is shaded")
    hang_up: float = Field(
        ge=0, le=1, description="added to the chance of hanging up once patience has run out"
    )
    willingness_shift: float = Field(ge=-1, le=1, description="added to the trait willingness")
    trust_shift: float = Field(
        0.0, ge=-1, le=1, description="added to the trait trust at the start of a call"
    )
    demand: Demand = Demand.NONE
    ask: Ask = Ask.PLAN
    patience: int = Field(ge=1, description="rejections tolerated before giving up on the call")
    dispute_kind: DisputeKind = Field(
        DisputeKind.NOT_MINE, description="what a dispute says, unless it says the debt was paid"
    )
    already_paid: float = Field(
        0.0, ge=0, le=1, description="share of this cause's disputes that say the debt was paid already"
    )
    identity_theft: float = Field(
        0.0,
        ge=0,
        le=1,
        description="share of disputes that report identity theft (a police or FTC report, 报案回执) instead",
    )
    cease: float = Field(
        0.02,
        ge=0,
        le=1,
        description="chance to ask for no more contact when the debt is stated, and again once out of patience "
        "(scaled by volatility)",
    )
    represented: float = Field(
        0.01, ge=0, le=1, description="chance to say an attorney or debt adviser acts for it on this debt"
    )
    bankruptcy: float = Field(
        0.0, ge=0, le=1, description="chance to say it has filed for bankruptcy (or an insolvency procedure)"
    )
    mismatch: float = Field(
        0.03,
        ge=0,
        le=1,
        description="chance the first identity answer does not match the file (misremembered, a relative "
        "answering, stalling)",
    )
    mismatch_again: float = Field(
        0.4, ge=0, le=1, description="chance the answer after the collector asks again still does not match"
    )
    income_now: float = Field(
        1.0,
        gt=0,
        le=1,
        description="monthly income now as a share of a typical one: a debtor who lost its job lives on "
        "benefits or a partner's pay, so it does not disclose a full wage",
    )


PROFILES: dict[RootCause, BehaviourProfile] = {
    # lost the wage, lives on what savings are left: wants to be heard, pleads for time,
    # and offers a monthly amount only (the savings pay the rent)
    RootCause.JOB_LOSS: BehaviourProfile(
        income_now=0.45,
        reveal=0.85,
        volunteer=0.35,
        stall=0.1,
        plead=0.5,
        outburst=0.1,
        dispute=0.0,
        understate=0.1,
        hang_up=0.06,
        willingness_shift=0.1,
        demand=Demand.EMPATHY,
        ask=Ask.MONTHLY_ONLY,
        patience=5,
    ),
    # still earning, less: matter-of-fact, names a realistic number at once, patient
    RootCause.INCOME_DROP: BehaviourProfile(
        income_now=0.7,
        reveal=0.7,
        volunteer=0.1,
        stall=0.1,
        plead=0.05,
        outburst=0.05,
        dispute=0.0,
        understate=0.05,
        hang_up=0.05,
        willingness_shift=0.15,
        demand=Demand.NONE,
        patience=6,
    ),
    # tells the story first and in full; wants it acknowledged
    RootCause.MEDICAL: BehaviourProfile(
        income_now=0.85,
        reveal=0.95,
        volunteer=0.3,
        stall=0.1,
        plead=0.2,
        outburst=0.15,
        dispute=0.0,
        understate=0.05,
        hang_up=0.08,
        willingness_shift=0.1,
        demand=Demand.EMPATHY,
        patience=4,
    ),
    # proud and guarded about why; waits on money owed to it, so it stalls, and shades its numbers;
    # some have filed for insolvency
    RootCause.BUSINESS_FAILURE: BehaviourProfile(
        income_now=0.6,
        reveal=0.3,
        volunteer=0.05,
        stall=0.55,
        plead=0.05,
        outburst=0.1,
        dispute=0.0,
        understate=0.25,
        hang_up=0.1,
        willingness_shift=0.0,
        demand=Demand.NONE,
        patience=4,
        represented=0.03,
        bankruptcy=0.12,
    ),
    # raw: volunteers what happened, pleads, and blows up when pressed; little patience
    RootCause.FAMILY_EMERGENCY: BehaviourProfile(
        reveal=0.9,
        volunteer=0.7,
        stall=0.15,
        plead=0.3,
        outburst=0.55,
        dispute=0.0,
        understate=0.1,
        hang_up=0.08,
        willingness_shift=0.1,
        demand=Demand.EMPATHY,
        patience=4,
        cease=0.04,
    ),
    # juggling lenders: names the least it can get away with, and hangs up on the next caller;
    # some have a debt adviser or attorney, some have filed for bankruptcy
    RootCause.OVER_INDEBTEDNESS: BehaviourProfile(
        reveal=0.5,
        volunteer=0.15,
        stall=0.25,
        plead=0.1,
        outburst=0.15,
        dispute=0.0,
        understate=0.5,
        hang_up=0.35,
        willingness_shift=-0.1,
        demand=Demand.NONE,
        patience=2,
        cease=0.04,
        represented=0.07,
        bankruptcy=0.1,
    ),
    # an honest slip: explains at once, pays what it can
    RootCause.FORGOT_OR_OVERSIGHT: BehaviourProfile(
        reveal=0.95,
        volunteer=0.55,
        stall=0.05,
        plead=0.0,
        outburst=0.0,
        dispute=0.0,
        understate=0.0,
        hang_up=0.02,
        willingness_shift=0.35,
        demand=Demand.NONE,
        patience=6,
        cease=0.0,
        represented=0.0,
    ),
    # contests the amount (a billing error, or says it paid already); some ask for proof first and deal
    RootCause.BILLING_DISPUTE: BehaviourProfile(
        reveal=0.9,
        volunteer=0.2,
        stall=0.1,
        plead=0.0,
        outburst=0.1,
        dispute=0.6,
        understate=0.05,
        hang_up=0.1,
        willingness_shift=0.0,
        demand=Demand.VERIFICATION,
        patience=4,
        dispute_kind=DisputeKind.BILLING_ERROR,
        already_paid=0.35,
    ),
    # never owed it: disputes even after proof, wants an investigation; most have reported the theft
    RootCause.FRAUD_VICTIM: BehaviourProfile(
        reveal=0.9,
        volunteer=0.1,
        stall=0.05,
        plead=0.0,
        outburst=0.2,
        dispute=1.0,
        understate=0.0,
        hang_up=0.15,
        willingness_shift=-0.5,
        demand=Demand.INVESTIGATION,
        patience=3,
        identity_theft=0.6,
    ),
    # evades: dodges the identity check (or gives wrong details), denies ("not mine", "paid years ago"),
    # stalls, lies about its means, moves only under pressure; hides behind a lawyer or a cease request
    RootCause.STRATEGIC_DEFAULT: BehaviourProfile(
        reveal=0.15,
        volunteer=0.0,
        stall=0.6,
        plead=0.0,
        outburst=0.1,
        dispute=0.3,
        refuse_identity=0.35,
        understate=0.6,
        hang_up=0.2,
        willingness_shift=-0.7,
        trust_shift=-0.2,
        demand=Demand.PRESSURE,
        patience=3,
        already_paid=0.4,
        cease=0.06,
        represented=0.08,
        mismatch=0.15,
        mismatch_again=0.6,
    ),
    # confused by the fees: asks what they are, needs time to think, asks for "the minimum"
    RootCause.FINANCIAL_ILLITERACY: BehaviourProfile(
        reveal=0.6,
        volunteer=0.2,
        stall=0.2,
        plead=0.15,
        outburst=0.05,
        dispute=0.0,
        understate=0.0,
        hang_up=0.05,
        willingness_shift=0.1,
        demand=Demand.VERIFICATION,
        ask=Ask.MONTHLY_ONLY,
        patience=5,
        mismatch=0.06,
    ),
}


ZH_CHANGES: dict[RootCause, dict[str, float]] = {
    # 反催收 / 债务优化 agents sell "debt negotiation" to borrowers with many 网贷 at once, and tell
    # them to stop talking to collectors; evaders hire them too
    RootCause.OVER_INDEBTEDNESS: {"represented": 0.15},
    RootCause.STRATEGIC_DEFAULT: {"represented": 0.12},
}
"""zh is its own world: where a Chinese debtor of a cause behaves otherwise, the rates it uses."""

_ZH_PROFILES = {cause: PROFILES[cause].model_copy(update=ZH_CHANGES.get(cause, {})) for cause in RootCause}


def profile_of(cause: RootCause, language: str | None = None) -> BehaviourProfile:
    """The cause's behaviour profile, for a debtor speaking `language` (None or en: the base one)."""
    return _ZH_PROFILES[cause] if language == "zh" else PROFILES[cause]
