"""Compliance across a run: findings per rule, compliance per jurisdiction, calls per termination.

The report shows what a compliance officer asks of a run — which rules were broken, how
often, under which law, in which language — from the score table alone
(`compliance_findings` entries `rule@turn`, the `compliance_<family>` counts, the
`jurisdiction` and `termination` columns), so an aggregate of many runs needs no
transcripts. Score tables written before these columns existed still render: the
missing columns count as unknown or zero.
"""

from __future__ import annotations

import pandas as pd

from evaluators.compliance.concepts import COLUMNS
from evaluators.compliance.registry import all_rules
from simulator.transcript import Termination


def rule_ids(cell: object) -> list[str]:
    """The rule ids of one `compliance_findings` cell (`rule@turn;rule@turn`)."""
    if not isinstance(cell, str) or not cell:
        return []
    return [entry.rsplit("@", 1)[0] for entry in cell.split(";") if entry]


def _with_defaults(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    if "jurisdiction" not in out:
        out["jurisdiction"] = "unknown"
    for name in COLUMNS:
        if name not in out:
            out[name] = 0
    if "compliance_findings" not in out:
        out["compliance_findings"] = ""
    return out


def by_rule(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (rule, language): findings, calls with the rule, their share of the language's calls."""
    frame = _with_defaults(frame)
    rows = []
    for language, group in frame.groupby("language", sort=True):
        found = group["compliance_findings"].map(rule_ids)
        for rule in sorted({r for ids in found for r in ids}):
            calls = int(found.map(lambda ids, r=rule: r in ids).sum())
            count = int(found.map(lambda ids, r=rule: ids.count(r)).sum())
            rows.append(
                {
                    "rule": rule,
                    "language": language,
                    "findings": count,
                    "calls": calls,
                    "share": calls / len(group),
                }
            )
    table = pd.DataFrame(rows, columns=["rule", "language", "findings", "calls", "share"])
    described = describe_rules()
    table["concepts"] = table["rule"].map(lambda r: described.get(r, ("", ""))[0])
    table["citation"] = table["rule"].map(lambda r: described.get(r, ("", ""))[1])
    return table


def describe_rules() -> dict[str, tuple[str, str]]:
    """Rule id → (its concepts, its first citation), for the table's reader."""
    concepts: dict[str, list[str]] = {}
    citation: dict[str, str] = {}
    for rule in all_rules():
        concepts.setdefault(rule.id, [])
        if str(rule.concept) not in concepts[rule.id]:
            concepts[rule.id].append(str(rule.concept))
        citation.setdefault(rule.id, rule.citation)
    return {rule: (", ".join(names), citation[rule]) for rule, names in concepts.items()}


def by_jurisdiction(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (jurisdiction, language): calls, compliance rate, and calls with a finding per family."""
    frame = _with_defaults(frame)
    grouped = frame.groupby(["jurisdiction", "language"], sort=True)
    table = grouped.agg(calls=("compliant", "size"), compliant=("compliant", "mean"))
    for name in COLUMNS:
        table[name] = grouped[name].agg(lambda counts: int((counts > 0).sum()))
    return table.reset_index()


def by_termination(frame: pd.DataFrame) -> pd.DataFrame:
    """Calls per termination and language, every termination listed (the new paths at 0 included)."""
    counts = pd.crosstab(frame["termination"], frame["language"])
    order = [str(t) for t in Termination] + sorted(set(counts.index) - {str(t) for t in Termination})
    return counts.reindex(order, fill_value=0).rename_axis("termination").reset_index()
