"""Outputs an export no longer produces, removed once the new export is in place.

A run directory must describe one export. Re-exporting with fewer targets,
with DPO switched off, or without the selection would otherwise leave the
older files beside the new ones (an `sft/alpaca.jsonl` from last time, a
`dpo/` of pairs from dialogues now dropped, a dataset card of an older
selection) and a trainer pointed at the folder would read them. Only files
an export writes are removed — never transcripts, scores or anything else —
and each removal is listed in the export's manifest section.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Collection
from pathlib import Path

from debtsim.export.export_settings import Target
from debtsim.export.targets import DataKind, make_format
from debtsim.export.writer import DATASET_INFO

SIDE_FILES = {DataKind.SFT: "index.jsonl", DataKind.DPO: "pairs.jsonl"}


def _remove(path: Path, run_dir: Path, removed: list[str]) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    else:
        return
    removed.append(path.relative_to(run_dir).as_posix())


def split_folders() -> tuple[str, ...]:
    from evaluators.selection.reasons import Split

    return tuple(str(s) for s in Split)


def prune_kind(run_dir: Path, kind: DataKind, targets: Collection[Target], removed: list[str]) -> None:
    """In `sft/` or `dpo/`: drop files of targets not chosen and the old split folders (the selection,
    when configured, writes them again); with no target chosen, the whole folder's export files."""
    folder = run_dir / str(kind)
    if not folder.is_dir():
        return
    for target in Target:
        if target not in targets:
            _remove(folder / f"{target}.jsonl", run_dir, removed)
    for split in split_folders():
        _remove(folder / split, run_dir, removed)
    if not any(make_format(t).dataset_info(kind, f"{t}.jsonl", "x") for t in targets):
        _remove(folder / DATASET_INFO, run_dir, removed)  # no chosen target registers one
    if not targets:
        _remove(folder / SIDE_FILES[kind], run_dir, removed)
        if not any(folder.iterdir()):
            folder.rmdir()


def prune_exports(run_dir: Path, targets: Collection[Target], dpo: bool) -> list[str]:
    """Remove target files and folders this export did not write; the run-relative paths removed."""
    removed: list[str] = []
    prune_kind(run_dir, DataKind.SFT, targets, removed)
    prune_kind(run_dir, DataKind.DPO, targets if dpo else (), removed)
    return removed


def prune_selection(run_dir: Path) -> list[str]:
    """Without a selection: the card, marks, replayable test split and the score columns of an older one."""
    from evaluators.selection.card import CARD, STATS
    from evaluators.selection.partition import SCENARIOS
    from evaluators.selection.selection_stage import IFD_SAMPLES, MARKS, SCORE_COLUMNS
    from evaluators.table import SCORES

    removed: list[str] = []
    stats = run_dir / STATS
    if stats.exists():
        images = json.loads(stats.read_text(encoding="utf-8")).get("images", {})
        for name in images.values():
            if name and Path(name).name == name:  # a bare file name beside the card, never a path out
                _remove(run_dir / name, run_dir, removed)
    for name in (CARD, STATS, MARKS, IFD_SAMPLES, SCENARIOS):
        _remove(run_dir / name, run_dir, removed)
    scores = run_dir / SCORES
    if scores.exists():
        import pyarrow.parquet as pq

        table = pq.read_table(scores)
        stale = [c for c in SCORE_COLUMNS if c in table.column_names]
        if stale:
            tmp = scores.with_name(f".{scores.name}.tmp")
            pq.write_table(table.drop_columns(stale), tmp)
            tmp.replace(scores)
            removed += [f"{SCORES}:{c}" for c in stale]
    return removed
