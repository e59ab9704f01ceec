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
    EARLY = "early"  # < 30 days
    MID = "mid"  # 30..89 days
    LATE = "late"  # 90..179 days
    CHARGE_OFF = "charge_off"  # 180+ days


def stage_of(overdue_days: int) -> DelinquencyStage:
    if overdue_days < 30:
        return DelinquencyStage.EARLY
    if overdue_days < 90:
        return DelinquencyStage.MID
    if overdue_days < 180:
        return DelinquencyStage.LATE
    return DelinquencyStage.CHARGE_OFF


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
        return stage_of(self.overdue_days)
