"""The collector's system prompt: only what a collector knows.

Built from the case (the creditor's file), the policy and the strategy's
approach — the same facts the collector agent saw in the simulation — in the
dialogue's language. It takes no persona argument, so the debtor's hidden
finances, root cause and traits cannot reach it; a test searches every
exported prompt for them anyway.
"""

from __future__ import annotations

from debtsim.export.export_settings import ExportError, ExportSettings
from scenarios import CreditorPolicy, DebtCase
from simulator.llm.collector_prompt import render_system_prompt


def collector_system_prompt(
    case: DebtCase, policy: CreditorPolicy, strategy: str, language: str, settings: ExportSettings
) -> str:
    try:
        template = settings.system_prompt[language]
        note = settings.strategy_notes[language][strategy]
    except KeyError as exc:
        raise ExportError(f"export: no system prompt or strategy note for {exc.args[0]!r}") from None
    return render_system_prompt(case, policy, template, note)
