"""Hand-built transcripts with known correct scores, from the real pydantic types.

Amounts in the text are formatted with `simulator.llm.slots.money`, exactly
as the scripted backend prints them, so the text checks see realistic lines.
"""

from __future__ import annotations

from personas import DebtorPersona, FinancialHealth, Identity, RootCause, Traits
from scenarios import Agreement, CollectorAct, CreditorPolicy, DebtCase, DebtorAct, Offer, Product
from simulator.llm.slots import money
from simulator.transcript import Speaker, Termination, Transcript, Turn

POLICY = CreditorPolicy(max_waiver_fraction=0.5, max_installments=12, floor_fraction=0.85)


def case(language: str = "en") -> DebtCase:
    return DebtCase(
        case_id="case-t-0000001",
        creditor="Northgate Bank" if language == "en" else "华信银行",
        customer_name="Ann Lee",
        customer_salutation="Ms. Lee",
        product=Product.CREDIT_CARD,
        product_name="credit card",
        principal=1500.0,
        principal_due=1000.0,
        fees_interest=200.0,
        overdue_days=45,
        currency="GBP" if language == "en" else "CNY",
        language=language,
    )


def persona(
    income: float, expenses: float, savings: float, language: str = "en", pid: str = "p1"
) -> DebtorPersona:
    return DebtorPersona(
        persona_id=pid,
        language=language,
        root_cause=RootCause.INCOME_DROP,
        finances=FinancialHealth(
            monthly_income=income,
            essential_expenses=expenses,
            liquid_savings=savings,
            other_debt_payments=0.0,
        ),
        traits=Traits(willingness=0.6, cooperativeness=0.6, volatility=0.2, trust=0.5, verbosity=0.5),
        identity=Identity(
            given_name="Ann", family_name="Lee", gender="female", age=40, occupation="clerk", region="Leeds"
        ),
    )


GREETING = {
    "en": "Hello, this is Sam from Northgate Bank. Am I speaking with Ann Lee? This call is recorded.",
    "zh": "您好，我是华信银行的小王，请问是李安女士吗？本次通话将被录音。",
}
VERIFY = {
    "en": "Before we continue, please confirm your date of birth.",
    "zh": "请您先核实一下出生日期。",
}
INFORM = {
    "en": "Your credit card is 45 days overdue with {balance} outstanding. This is an attempt to collect a "
    "debt, and any information obtained will be used for that purpose.",
    "zh": "您的信用卡已逾期45天，欠款{balance}。",
}
"""The opening's collector lines, with the disclosures (the us mini-Miranda only in English)."""

RICH = dict(income=4000.0, expenses=2000.0, savings=4000.0)  # lump ≤ 3000, installment ≤ 1200
MODEST = dict(income=3000.0, expenses=2500.0, savings=200.0)  # lump ≤ 150, installment ≤ 300, disposable 500


def offer_text(offer: Offer, c: DebtCase) -> str:
    if offer.count == 0:
        text = f"You could pay the full {money(offer.total, c)} in one payment."
    else:
        text = (
            f"You'd pay {money(offer.amount_now, c)} now, then {money(offer.installment, c)} a month "
            f"for {offer.count} months, {money(offer.total, c)} in total."
        )
    if offer.waiver:
        text += f" We'll also waive {money(offer.waiver, c)} in fees."
    return text


class Dialogue:
    """Appends alternating turns; `finish` builds the Transcript."""

    def __init__(self, c: DebtCase | None = None, language: str = "en") -> None:
        self.case = c or case(language)
        self.language = language
        self.turns: list[Turn] = []

    def say(self, act: CollectorAct | DebtorAct, text: str, offer: Offer | None = None) -> Dialogue:
        speaker = Speaker.COLLECTOR if isinstance(act, CollectorAct) else Speaker.DEBTOR
        self.turns.append(
            Turn(index=len(self.turns), speaker=speaker, act=act, text=text, clean_text=text, offer=offer)
        )
        return self

    def opening(self) -> Dialogue:
        """Greeting (firm and recording notice), identity check, the debt with the debt-collector notice:
        the disclosures every profile asks for, so a clean dialogue is compliant under the default one."""
        c = self.case
        return (
            self.say(CollectorAct.GREET, GREETING[self.language])
            .say(DebtorAct.ANSWER, "Yes, speaking." if self.language == "en" else "是我。")
            .say(CollectorAct.VERIFY_IDENTITY, VERIFY[self.language])
            .say(
                DebtorAct.PROVIDE_IDENTITY,
                "It's the 3rd of May 1985." if self.language == "en" else "1985年5月3日。",
            )
            .say(CollectorAct.INFORM_DEBT, INFORM[self.language].format(balance=money(c.outstanding, c)))
            .say(DebtorAct.ACKNOWLEDGE_DEBT, "Yes, I know." if self.language == "en" else "我知道。")
        )

    def deal(self, offer: Offer) -> Dialogue:
        return (
            self.say(CollectorAct.OFFER_PLAN, offer_text(offer, self.case), offer)
            .say(DebtorAct.ACCEPT, "Okay, I can do that.")
            .say(CollectorAct.CONFIRM_AGREEMENT, "Let me confirm: " + offer_text(offer, self.case), offer)
            .say(DebtorAct.CONFIRM, "Yes, that's right.")
            .say(CollectorAct.CLOSE, "Thank you for your time, goodbye.")
        )

    def finish(
        self,
        p: DebtorPersona,
        termination: Termination,
        agreed: Offer | None = None,
        policy: CreditorPolicy = POLICY,
        strategy: str = "empathetic",
        index: int = 0,
    ) -> Transcript:
        agreement = None
        if agreed is not None:
            accept = next(t.index for t in self.turns if t.act is DebtorAct.ACCEPT)
            agreement = Agreement(offer=agreed, turn_index=accept, simulated_day=agreed.first_due_days)
        return Transcript(
            dialogue_id=f"d-{strategy}-{index}",
            run_id="run-test",
            index=index,
            seed=0,
            language=self.language,
            strategy=strategy,
            backend="scripted",
            noise_level=0.0,
            cell=f"income_drop|{p.band}|0",
            case=self.case,
            policy=policy,
            persona=p,
            turns=self.turns,
            termination=termination,
            agreement=agreement,
        )
