"""`debtsim ingest PATH output_dir=DIR [language=zh] [format=jsonl|csv|text] [columns.FIELD=NAME]`.

Reads real call transcripts (a file, or every transcript file of a folder),
redacts PII, infers acts, offers and the outcome, and writes a run directory
that every other command reads: transcripts.jsonl, bad_rows.jsonl (every
unusable line with its file and line number, also printed), and the ingest
section of manifest.json (counts: calls, turns, unmatched acts, PII found).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from debtsim.ingest.build import Inferred, build_transcript
from debtsim.ingest.columns import ColumnError, ColumnMap
from debtsim.ingest.formats import Format, read_path
from debtsim.ingest.raw import BadRow
from evaluators.manifest import write_section
from simulator.errors import DebtsimError, fail
from simulator.store import TRANSCRIPTS, write_atomic

USAGE = "usage: debtsim ingest PATH output_dir=DIR [language=en|zh|auto] [format=jsonl|csv|text] [columns.FIELD=NAME]"
BAD_ROWS = "bad_rows.jsonl"
CONFIG = "config.yaml"
HUMAN_NOTES = {
    "en": {
        "human": "handle the call as an experienced human collector would, within the law and the policy."
    },
    "zh": {"human": "像经验丰富的催收员一样处理这通电话，遵守法律和公司政策。"},
}
"""The system prompt's approach line for ingested calls (strategy `human`): export needs one per strategy."""


class IngestError(DebtsimError):
    """An ingest that cannot start or produced nothing; one line."""


class IngestOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    path: Path
    output_dir: Path
    language: str = Field(
        "auto", pattern="^(en|zh|auto)$", description="auto: by the share of CJK characters"
    )
    format: Format | None = None
    columns: dict[str, str] = Field(default_factory=dict)


def parse_args(args: list[str]) -> IngestOptions:
    if not args or args[0] in ("-h", "--help") or "=" in args[0]:
        fail(USAGE)
    data: dict = {"path": Path(args[0]), "columns": {}}
    for arg in args[1:]:
        key, sep, value = arg.partition("=")
        if not sep:
            fail(f"expected key=value, got {arg!r}\n{USAGE}")
        if key.startswith("columns."):
            data["columns"][key.removeprefix("columns.")] = value
        else:
            data[key] = value
    try:
        return IngestOptions.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        fail(f"ingest: {'.'.join(map(str, first['loc']))}: {first['msg']}\n{USAGE}")


def run_id_of(files: list[str]) -> str:
    digest = hashlib.sha256()
    for name in files:
        digest.update(Path(name).read_bytes())
    return f"ingest-{digest.hexdigest()[:10]}"


def ingest(options: IngestOptions) -> dict:
    """Read, redact, infer, write; the summary (also manifest["ingest"])."""
    if not options.path.exists():
        raise IngestError(f"{options.path}: no such file or folder")
    calls, bad, files = read_path(options.path, options.format, ColumnMap.with_overrides(options.columns))
    if not files:
        raise IngestError(f"{options.path}: no .jsonl, .csv or .txt file (set format= for another extension)")
    run_id, counts = run_id_of(files), Inferred()
    out = options.output_dir
    out.mkdir(parents=True, exist_ok=True)
    lines, seen = [], set()
    for call in calls:
        if call.call_id in seen:  # the same id in two files: keep both, apart
            call = call.model_copy(update={"call_id": f"{call.call_id}~{call.source_file}"})
        seen.add(call.call_id)
        lines.append(build_transcript(call, len(lines), run_id, options.language, counts).model_dump_json())
    write_atomic(out / TRANSCRIPTS, "".join(line + "\n" for line in lines))
    write_atomic(out / BAD_ROWS, "".join(row.model_dump_json() + "\n" for row in bad))
    summary = {
        "source": [str(f) for f in files],
        "run_id": run_id,
        "calls": len(lines),
        "turns": counts.turns,
        "unmatched_acts": counts.unmatched,
        "bad_rows": len(bad),
        "pii": dict(sorted(counts.pii.items())),
        "language": options.language,
    }
    write_section(out, "ingest", summary)
    write_atomic(
        out / CONFIG, yaml.safe_dump(run_config(lines, options), allow_unicode=True, sort_keys=False)
    )
    return summary


def run_config(lines: list[str], options: IngestOptions) -> dict:
    """The config.yaml other commands read: the main language, and no DPO (a real call cannot be
    branched: there is no simulator state to re-run it from)."""
    languages = [json.loads(line)["language"] for line in lines]
    main = max(set(languages), key=languages.count) if languages else "en"
    return {
        "source": "ingested",
        "input": str(options.path),
        "language": main,
        "export": {"dpo": {"enabled": False}, "strategy_notes": HUMAN_NOTES},
    }


def bad_row_line(row: BadRow) -> str:
    call = f" (call {row.call_id})" if row.call_id else ""
    return f"  {row.file}:{row.line}{call}: {row.reason}"


def ingest_command(args: list[str]) -> None:
    options = parse_args(args)
    try:
        summary = ingest(options)
    except (IngestError, ColumnError) as exc:
        fail(str(exc))
    bad = [BadRow.model_validate_json(x) for x in (options.output_dir / BAD_ROWS).read_text().splitlines()]
    if bad:
        print(f"{len(bad)} bad row(s), written to {options.output_dir / BAD_ROWS}:")
        print("\n".join(bad_row_line(row) for row in bad))
    pii = ", ".join(f"{k} {v}" for k, v in summary["pii"].items()) or "none"
    print(
        f"ingested {summary['calls']} calls ({summary['turns']} turns, {summary['unmatched_acts']} with no act "
        f"rule) from {len(summary['source'])} file(s); PII redacted: {pii}; wrote {options.output_dir / TRANSCRIPTS}"
    )
