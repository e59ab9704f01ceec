"""No hidden persona field reaches a collector system prompt, in any exported file."""

from __future__ import annotations

import json
from pathlib import Path

from debtsim.export.export_settings import Target
from personas import DebtorPersona, Traits
from tests.export.conftest import TARGETS, transcripts_by_id


def hidden_values(persona: DebtorPersona) -> list[str]:
    """Strings that would betray the persona: its finances, root cause, band, traits, identity details."""
    f = persona.finances
    amounts = (
        f.monthly_income,
        f.essential_expenses,
        f.liquid_savings,
        f.other_debt_payments,
        f.disposable_income,
        f.max_lump_sum,
        f.max_installment,
    )
    found = [form for v in amounts if abs(v) >= 10 for form in (f"{v:,.2f}", f"{v:.2f}")]
    cause = str(persona.root_cause)
    found += [cause, cause.replace("_", " "), str(persona.band)]
    traits = [repr(getattr(persona.traits, name)) for name in Traits.model_fields]
    found += [t for t in traits if len(t) > 5]  # 0.0 / 1.0 (clipped) would match any amount
    found += list(Traits.model_fields)
    found += [persona.identity.occupation, persona.identity.region]
    return found


def system_prompt(record: dict, target: Target) -> str:
    if target in (Target.LLAMAFACTORY, Target.ALPACA):
        return record["system"]
    messages = record.get("messages") or record.get("prompt") or record["input"]["messages"]
    assert messages[0]["role"] == "system"
    return messages[0]["content"]


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_no_hidden_persona_value_in_any_system_prompt(exported):
    run_dir, _ = exported
    transcripts = transcripts_by_id(run_dir)
    owners = {
        "sft": [r["dialogue_id"] for r in records(run_dir / "sft" / "index.jsonl")],
        "dpo": [r["dialogue_id"] for r in records(run_dir / "dpo" / "pairs.jsonl")],
    }
    checked = 0
    for kind, ids in owners.items():
        for target in TARGETS:
            for dialogue_id, record in zip(ids, records(run_dir / kind / f"{target}.jsonl"), strict=True):
                prompt = system_prompt(record, target)
                transcript = transcripts[dialogue_id]
                assert transcript.case.creditor in prompt  # the prompt does hold the case
                leaks = [v for v in hidden_values(transcript.persona) if v in prompt]
                assert not leaks, f"{kind}/{target} {dialogue_id}: {leaks}"
                checked += 1
    assert checked >= len(TARGETS) * len(owners["sft"]) > 0


def test_the_leak_check_would_catch_a_leak(exported):
    run_dir, _ = exported
    transcript = next(iter(transcripts_by_id(run_dir).values()))
    f = transcript.persona.finances
    leaked = f"monthly income {f.monthly_income:,.2f}, root cause {transcript.persona.root_cause}"
    assert any(v in leaked for v in hidden_values(transcript.persona))
