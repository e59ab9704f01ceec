"""An income-and-expenditure statement: the budget a debtor discloses when the collector asks.

CONC 7.3 (notes/collections-practice.md, "United Kingdom") expects an income-and-expenditure
assessment before a repayment plan is agreed, and plans that are affordable and sustainable;
US hardship programmes and China's 个性化分期 (《商业银行信用卡业务监督管理办法》 art. 70) rest
on the same question. The statement is what the debtor *said*, honest or not: it is known to
both sides and travels on the turn, so a collector may size its plans by it, and a judge can
check that it did. Nothing here reads the debtor's hidden finances.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, computed_field

SURPLUS_SHARE = 0.6
"""Share of the disclosed monthly surplus a plan may take; the rest is the contingency a
financial statement leaves for irregular costs (the Standard Financial Statement's practice)."""
SAVINGS_SHARE = 0.75
"""Share of disclosed savings a lump sum may take; a quarter stays as an emergency buffer."""
TOKEN_PAYMENT = 1.0
"""The smallest token payment, in the case currency (the common £1 / $1 token)."""


class Budget(BaseModel):
    """Monthly amounts in the case currency, as disclosed on the call."""

    model_config = ConfigDict(frozen=True)

    monthly_income: float = Field(ge=0)
    essential_expenses: float = Field(ge=0)
    other_debt_payments: float = Field(ge=0)
    savings: float = Field(ge=0)

    @computed_field
    @property
    def disposable(self) -> float:
        return round(self.monthly_income - self.essential_expenses - self.other_debt_payments, 2)

    @property
    def affordable_installment(self) -> float:
        """The most a plan may ask per month by this statement (0 when there is no surplus)."""
        return int(max(self.disposable, 0.0) * SURPLUS_SHARE * 100) / 100

    @property
    def affordable_lump(self) -> float:
        """The most a lump sum may ask by this statement."""
        return int(self.savings * SAVINGS_SHARE * 100) / 100

    def allows(self, amount_now: float, installment: float) -> bool:
        """Whether a plan's payments fit this statement (a cent of slack for rounding)."""
        return amount_now <= self.affordable_lump + 0.01 and installment <= self.affordable_installment + 0.01
