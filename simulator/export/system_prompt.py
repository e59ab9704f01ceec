"""The collector's system prompt: only what a collector knows.

Built from the case (the creditor's file), the policy and the strategy's
approach — the same facts the collector agent saw in the simulation — in the
dialogue's language. It takes no persona argument, so the debtor's hidden
finances, root cause and traits cannot reach it; a test searches every
exported prompt for them anyway.
"""

from __future__ import annotations

from scenarios import CreditorPolicy, DebtCase
from simulator.export.settings import ExportError, ExportSettings


def money(value: float) -> str:
    return f"{value:,.2f}"


def collector_system_prompt(
    case: DebtCase, policy: CreditorPolicy, strategy: str, language: str, settings: ExportSettings
) -> str:
    try:
        template = settings.system_prompt[language]
        note = settings.strategy_notes[language][strategy]
    except KeyError as exc:
        raise ExportError(f"export: no system prompt or strategy note for {exc.args[0]!r}") from None
    outstanding = case.outstanding
    return template.format(
        creditor=case.creditor,
        customer_name=case.customer_name,
        salutation=case.customer_salutation,
        product_name=case.product_name,
        principal=money(case.principal),
        principal_due=money(case.principal_due),
        fees_interest=money(case.fees_interest),
        outstanding=money(outstanding),
        currency=case.currency,
        overdue_days=case.overdue_days,
        max_waiver=money(policy.max_waiver(case)),
        max_installments=policy.max_installments,
        min_down=money(outstanding * policy.min_down_fraction),
        first_payment_days=policy.latest_first_payment_days,
        floor=money(policy.floor(case)),
        strategy_note=note,
    ).strip()
