"""The export stage: a run directory's transcripts in, `sft/` and `dpo/` training files out.

`debtsim run` calls `export_run` after scoring (when `export.enabled`), and
`debtsim export` calls it on an old run. Transcripts stream through in chunks:
each line is projected onto a `DialogueRecord`, judged by the filter chain
(every drop counted by reason), turned into one conversation and written to
every target after validation. Kept dialogues, and with `dpo.branch_from=clean`
those dropped only for how they ended (up to `dpo.max_dialogues`; the rest
counted as `dpo.not_branched`), are then branched into preference pairs, and the selection runs when the filters configure one. The returned
summary is written as `manifest["export"]` (outputs of an older export that
this one did not write are removed and listed); a table of it is printed.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from rich.console import Console

from debtsim.export.conversation import sft_conversation
from debtsim.export.export_settings import ExportError, ExportSettings, parse_export_settings
from debtsim.export.preference import branchable, export_pairs
from debtsim.export.record import DialogueRecord, record_of
from debtsim.export.scores import ScoreSource
from debtsim.export.stale import prune_exports, prune_selection
from debtsim.export.summary import summary_tables
from debtsim.export.system_prompt import collector_system_prompt
from debtsim.export.targets import DataKind, make_format
from debtsim.export.writer import TargetFiles
from debtsim.review.decisions import Reviewed
from evaluators.filters import FilterChain, FilterSettings, parse_filter_settings
from evaluators.manifest import write_section
from simulator.errors import DebtsimError
from simulator.store import TRANSCRIPTS, repair_tail

INDEX = "index.jsonl"
"""Beside the SFT files: the dialogue id of each record, line for line (join to scores.parquet)."""


@contextmanager
def few_collections() -> Iterator[None]:
    """Collect garbage less often while exporting.

    The export builds millions of short-lived objects beside a growing,
    long-lived near-duplicate index; at the default gen-0 threshold the
    collector keeps re-walking that index, which cost about a fifth of the
    export's CPU time in `bench/bench_export.py`. The records hold no cycles.
    """
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def chunks(path: Path, size: int) -> Iterator[list[dict[str, Any]]]:
    """Parsed transcript lines, `size` at a time."""
    chunk: list[dict[str, Any]] = []
    with path.open("rb") as f:
        for line in f:
            if line.strip():
                chunk.append(orjson.loads(line))
            if len(chunk) >= size:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def active(settings: FilterSettings) -> FilterSettings:
    """Filters switched off means a chain with no stages: everything kept, still counted."""
    return settings if settings.enabled else settings.model_copy(update={"stages": ()})


def index_line(record: DialogueRecord) -> dict[str, Any]:
    """The side index's line for a written record; one kept with fallback turns (`filter.fallback=keep`)
    says how many, and that they are masked (OpenAI `weight: 0`, ms-swift `loss: false`) or cut off
    (LLaMA-Factory, TRL, alpaca: the record ends before the first)."""
    line: dict[str, Any] = {
        "dialogue_id": record.dialogue_id,
        "strategy": record.strategy,
        "cell": record.cell,
        "language": record.language,
    }
    if record.fallback_turns:
        line["fallback_turns"] = record.fallback_turns
    return line


def export_sft(
    run_dir: Path, fsettings: FilterSettings, settings: ExportSettings, files: TargetFiles
) -> tuple[dict, list[DialogueRecord]]:
    """Filter and write the SFT records into `files` (committed by the caller); their summary and the
    records to branch (the first `dpo.max_dialogues` that `preference.branchable` admits, DPO on)."""
    path = run_dir / TRANSCRIPTS
    if not path.exists():
        raise ExportError(f"{run_dir}: no {TRANSCRIPTS} to export")
    repair_tail(path)
    chain, scores = FilterChain(fsettings), ScoreSource(run_dir, fsettings.score_columns())
    to_branch: list[DialogueRecord] = []
    limit = settings.dpo.max_dialogues if settings.dpo.enabled else 0
    candidates = masked = 0
    index = files.side(INDEX)
    reviewed = Reviewed.load(run_dir)  # review decisions (debtsim review): rejected out, edits in
    for chunk in chunks(path, settings.chunk_size):
        for raw in chunk:
            if (data := reviewed.apply(raw)) is None:
                continue
            record = record_of(data)
            vouched = reviewed.accepted(record.dialogue_id)
            row = scores.row(data) if not vouched else {}
            reason = None if vouched else chain.judge(record.candidate(row))
            if limit and not record.fallback_turns and branchable(reason, row, settings.dpo.branch_from):
                candidates += 1
                if len(to_branch) < limit:
                    to_branch.append(record)
            if reason is not None:
                continue
            system = collector_system_prompt(
                record.case, record.policy, record.strategy, record.language, settings
            )
            conversation = sft_conversation(
                record.dialogue_id, system, record.turns, record.language, settings
            )
            files.write(conversation, record.dialogue_id)
            index.write(index_line(record))
            masked += record.fallback_turns > 0
    summary = {
        "filters": chain.summary(),
        "scores": scores.origin,
        "records": files.counts(),
        "branchable": candidates,
    }
    summary |= {"fallback_kept": masked} if masked else {}
    summary |= {"review": reviewed.summary()} if reviewed.verdicts or reviewed.edits else {}
    return summary, to_branch


def _ifd_model(name: str) -> Path:
    from simulator.local_model import ensure_local_model

    return ensure_local_model() if name == "local" else Path(name).expanduser()


def selection_settings(fsettings: FilterSettings):
    """The parsed selection block when the filters configure an enabled one, else None."""
    from evaluators.selection.selection_settings import parse_selection_settings

    if not fsettings.enabled or fsettings.selection is None:
        return None
    selection = parse_selection_settings(fsettings.selection)
    return selection if selection.enabled else None


def select_stage(run_dir: Path, fsettings: FilterSettings, selection, filters: dict) -> dict:
    """Selection (ROUGE-L pool, IFD, clusters, difficulty, splits, card) over the exported files."""
    from evaluators.selection.selection_stage import select_export

    near = fsettings.near_duplicate
    return select_export(
        run_dir, selection, filters, resolve_model=_ifd_model, shingles=(near.word_shingle, near.char_shingle)
    )


def write_training_files(run_dir: Path, fsettings: FilterSettings, settings: ExportSettings) -> dict:
    """SFT, then DPO from the kept records; the SFT files are committed only once DPO succeeded too,
    so a failure in either leaves the previous export's files as they were."""
    formats = [make_format(t) for t in settings.targets]
    timings: dict[str, float] = {}
    summary: dict[str, Any] = {"targets": [str(t) for t in settings.targets]}
    start = time.perf_counter()
    with TargetFiles(run_dir / "sft", DataKind.SFT, formats, settings.dataset_name) as files:
        with few_collections():
            summary["sft"], to_branch = export_sft(run_dir, fsettings, settings, files)
        timings["sft"] = round(time.perf_counter() - start, 3)
        if settings.dpo.enabled:
            start = time.perf_counter()
            summary["dpo"] = export_pairs(run_dir, to_branch, settings, formats)
            summary["dpo"]["not_branched"] = summary["sft"]["branchable"] - len(to_branch)
            timings["dpo"] = round(time.perf_counter() - start, 3)
    summary["timings_s"] = timings
    return summary


def export_run(run_dir: Path, filter_settings: dict, export_settings: dict) -> dict:
    """Filter, write SFT for every target, branch into DPO pairs, select; the summary for the manifest.

    The summary is also written as `manifest["export"]`, and outputs this export
    did not write (other targets, `dpo/` with DPO off, an older selection) are
    removed and listed under `removed`. A failure after the training files were
    replaced (in the selection) leaves `manifest["export"]` marked failed.
    """
    run_dir = Path(run_dir)
    fsettings = active(parse_filter_settings(filter_settings))
    settings = parse_export_settings(export_settings)
    selection = selection_settings(fsettings)
    summary = write_training_files(run_dir, fsettings, settings)
    summary["removed"] = prune_exports(run_dir, settings.targets, settings.dpo.enabled)
    try:
        if selection is None:
            summary["removed"] += prune_selection(run_dir)
        else:
            start = time.perf_counter()
            summary["selection"] = select_stage(run_dir, fsettings, selection, summary["sft"]["filters"])
            summary["timings_s"]["selection"] = round(time.perf_counter() - start, 3)
    except DebtsimError as exc:
        write_section(
            run_dir, "export", {"status": "failed", "error": str(exc), "removed": summary["removed"]}
        )
        raise
    summary["status"] = "complete"
    write_section(run_dir, "export", summary)
    console = Console(file=sys.stdout)
    for table in summary_tables(summary):
        console.print(table)
    return summary
