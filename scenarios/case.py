"""The debt being collected: what the creditor's file says.

Everything here is known to both sides, so it may appear in the collector's
prompt and in training data; nothing about the debtor's finances belongs here.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from scenarios.acts import Language


class Product(StrEnum):
    CREDIT_CARD = "credit_card"
    CONSUMER_LOAN = "consumer_loan"
    BNPL = "bnpl"
    AUTO_LOAN = "auto_loan"


class DelinquencyStage(StrEnum):
    EARLY = "early"  # < 30 days ("M1")
    MID = "mid"  # 30..89 days (M2-M3)
    LATE = "late"  # 90 days to charge-off (M3+, 不良)
    CHARGE_OFF = "charge_off"  # charged off: 180+ days open-end, 120+ closed-end


OPEN_END_CHARGE_OFF_DAYS = 180
CLOSED_END_CHARGE_OFF_DAYS = 120
"""US regulators' charge-off rule (notes/collections-practice.md, "Debt economics"): open-end
accounts (cards, BNPL lines) at 180 days past due, closed-end loans at 120."""
CLOSED_END = frozenset({"consumer_loan", "auto_loan"})
DAYS_PER_INSTALMENT = 30
"""A monthly schedule: one more instalment falls due every 30 days past due."""


def stage_of(overdue_days: int, charge_off_days: int = OPEN_END_CHARGE_OFF_DAYS) -> DelinquencyStage:
    if overdue_days < 30:
        return DelinquencyStage.EARLY
    if overdue_days < 90:
        return DelinquencyStage.MID
    if overdue_days < charge_off_days:
        return DelinquencyStage.LATE
    return DelinquencyStage.CHARGE_OFF


def charge_off_days(product: str) -> int:
    return CLOSED_END_CHARGE_OFF_DAYS if str(product) in CLOSED_END else OPEN_END_CHARGE_OFF_DAYS


class DebtCase(BaseModel):
    # computed fields are written out for readers and ignored when read back
    model_config = ConfigDict(frozen=True, extra="ignore")

    case_id: str
    creditor: str
    customer_name: str = Field(description="full name on the creditor's file")
    customer_salutation: str = Field(description="how the collector addresses the customer")
    product: Product
    product_name: str = Field(description="how the product is called in the case language")
    principal: float = Field(gt=0, description="original amount lent")
    principal_due: float = Field(gt=0, description="unpaid principal")
    fees_interest: float = Field(ge=0, description="accrued late fees and interest")
    overdue_days: int = Field(ge=1)
    currency: str
    language: Language
    instalment: float | None = Field(
        None,
        gt=0,
        description="contractual monthly instalment (for a card, the minimum payment); None in old cases",
    )
    id_last4: str | None = Field(
        None,
        pattern=r"^\d{4}$",
        description="last four digits of the customer's ID on file, for the identity check",
    )

    @model_validator(mode="after")
    def _due_within_principal(self) -> DebtCase:
        if self.principal_due > self.principal:
            raise ValueError("principal_due exceeds principal")
        return self

    @computed_field
    @property
    def outstanding(self) -> float:
        return round(self.principal_due + self.fees_interest, 2)

    @computed_field
    @property
    def stage(self) -> DelinquencyStage:
        return stage_of(self.overdue_days, charge_off_days(self.product))

    @computed_field
    @property
    def missed_instalments(self) -> int:
        """Instalments that fell due unpaid: one at day 1, one more every 30 days."""
        return 1 + (self.overdue_days - 1) // DAYS_PER_INSTALMENT

    @computed_field
    @property
    def amount_past_due(self) -> float:
        """Missed instalments plus fees: what brings the account current (never above the balance).

        Early arrears ask for this, not the balance (notes/collections-practice.md, "Debt
        economics"). A case without a schedule (written before schedules) owes its whole balance.
        """
        if self.instalment is None:
            return self.outstanding
        return round(min(self.outstanding, self.missed_instalments * self.instalment + self.fees_interest), 2)

    @property
    def current_possible(self) -> bool:
        """Whether the ask is to bring the account current: early or mid arrears below the balance."""
        early = self.stage in (DelinquencyStage.EARLY, DelinquencyStage.MID)
        return early and self.amount_past_due < self.outstanding - 0.01
