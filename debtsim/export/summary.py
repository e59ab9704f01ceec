"""The export summary as rich tables: records per target, drops by reason, DPO pairs by margin,
DPO coverage (branchable dialogues not branched) and what an older export left that was removed."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title)
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i == 0 else "right")
    return table


def summary_tables(summary: dict) -> list[Table | Text]:
    sft, dpo = summary["sft"], summary.get("dpo")
    filters = sft["filters"]
    records = _table("export: records per target", "target", "sft", "dpo")
    for target in summary["targets"]:
        dpo_count = str(dpo["records"].get(target, 0)) if dpo else "-"
        records.add_row(target, str(sft["records"].get(target, 0)), dpo_count)
    drops = _table(f"filters: kept {filters['kept']} of {filters['seen']}", "drop reason", "count", "share")
    seen = max(1, filters["seen"])
    for reason, count in sorted(filters["dropped"].items(), key=lambda kv: -kv[1]):
        drops.add_row(reason, str(count), f"{count / seen:.1%}")
    tables: list[Table | Text] = [records, drops]
    if sft.get("fallback_kept"):
        tables.append(
            Text(
                f"filters: {sft['fallback_kept']} dialogues kept with fallback turns (filter.fallback=keep): "
                "masked in openai/swift, cut before the first in llamafactory/trl/alpaca"
            )
        )
    if dpo:
        margins = _table(f"dpo: {dpo['pairs']} pairs", "margin", "pairs")
        for bucket, count in dpo["by_margin"].items():
            margins.add_row(bucket, str(count))
        tables.append(margins)
        tables.append(
            Text(
                f"dpo: {dpo['decision_points']} decision points in {dpo['branched']} dialogues; "
                f"{dpo.get('tied', 0)} with a tied best reward; {dpo['below_margin']} below margin; "
                f"{dpo['replay_mismatch']} replay mismatches; "
                f"{dpo['not_branched']} branchable dialogues not branched (dpo.max_dialogues)"
            )
        )
        if dpo.get("compliance_by_concept"):
            kinds = _table(
                f"dpo: {dpo['compliance_pairs']} compliance pairs ({dpo['compliance_refused']} not confirmed "
                "by the judge)",
                "concept",
                "pairs",
            )
            for concept, count in dpo["compliance_by_concept"].items():
                kinds.add_row(concept, str(count))
            tables.append(kinds)
        if dpo.get("skipped"):
            tables.append(Text(f"dpo skipped: {dpo['skipped']}"))
    if summary.get("removed"):
        tables.append(Text(f"removed from an older export: {', '.join(summary['removed'])}"))
    return tables
