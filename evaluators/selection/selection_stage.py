"""The selection stage: after the export, choose, split and document the training data.

`select_export(run_dir, ...)` runs once the filter chain and the export have
written `sft/` (and `dpo/`): the dialogues named in `sft/index.jsonl` (what
the filters kept) are read back from `transcripts.jsonl`, the selection stages
mark them, every target file is routed into `train/`, `validation/` and
`test/` folders, the test split's personas are written as replayable scenarios, the marks
go to `selection.parquet` (IFD, cluster, difficulty and split are also joined
into `scores.parquet`), the per-reply IFD verdicts to `ifd_samples.parquet`,
and the dataset card is written. It needs nothing from
the export's code — only its files — so it plugs in after `export_run`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import fields
from functools import partial
from pathlib import Path

import orjson
import pandas as pd

from evaluators.selection.card import write_card
from evaluators.selection.ifd import TRL, exported_items
from evaluators.selection.partition import SCENARIOS, write_scenarios, write_splits
from evaluators.selection.reasons import Split
from evaluators.selection.record import Sample, sample_of
from evaluators.selection.selection_settings import SelectionSettings
from evaluators.selection.selector import Mark, Selection, select
from evaluators.selection.split import split_of
from evaluators.table import SCORES
from simulator.store import TRANSCRIPTS

INDEX, PAIRS = "index.jsonl", "pairs.jsonl"
MARKS = "selection.parquet"
IFD_SAMPLES = "ifd_samples.parquet"
"""One row per scored collector reply (dialogue id, reply number, losses, IFD, kept); `debtsim train` reads it."""
SCORE_COLUMNS = ("ifd", "cluster", "difficulty", "split", "rouge_l", "selected")
MARK_COLUMNS = [f.name for f in fields(Mark)]
ModelResolver = Callable[[str], Path]
"""Turns `ifd.model` into a folder (the composition root maps 'local' to the converted SmolLM2)."""


def kept_samples(run_dir: Path) -> list[Sample]:
    """The dialogues the filters kept, in the export's order, read back from the transcripts.

    Each line is parsed and projected at once (`sample_of`): only the compact
    `Sample` of a kept dialogue is held, never the transcript's turns.
    """
    with (run_dir / "sft" / INDEX).open("rb") as f:
        order = [orjson.loads(line)["dialogue_id"] for line in f if line.strip()]
    wanted, found = set(order), {}
    with (run_dir / TRANSCRIPTS).open("rb") as f:
        for raw in f:
            if raw.strip():
                data = orjson.loads(raw)
                if data["dialogue_id"] in wanted:
                    found[data["dialogue_id"]] = sample_of(data)
    return [found[d] for d in order]


def join_scores(run_dir: Path, marks: pd.DataFrame) -> None:
    """Add the selection's columns to `scores.parquet` (rows of unselected dialogues get nulls)."""
    path = run_dir / SCORES
    if not path.exists():
        return
    scores = pd.read_parquet(path).drop(columns=list(SCORE_COLUMNS), errors="ignore")
    extra = marks.rename(columns={"kept": "selected"})[["dialogue_id", *SCORE_COLUMNS]]
    merged = scores.merge(extra, on="dialogue_id", how="left")
    tmp = path.with_name(f".{path.name}.tmp")
    merged.to_parquet(tmp, index=False)
    tmp.replace(path)


def marks_kept(selection: Selection) -> list[str]:
    return [m.dialogue_id for m in selection.kept()]


def persona_splits(selection: Selection, settings: SelectionSettings) -> Callable[[str], Split]:
    """A persona's split: its group's when it has selected dialogues, else its own digest's."""
    known = {m.persona_id: m.split for m in selection.kept() if m.split is not None}
    return lambda persona: known.get(persona) or split_of(persona, settings.split)


def unmarked_splits(
    run_dir: Path, key_file: Path, marks: dict[str, Mark], split_for: Callable[[str], Split]
) -> dict[str, Split]:
    """The persona split of each dialogue named in `key_file` that the selection never saw.

    DPO branches dialogues the SFT filters dropped for their ending (`export.dpo.branch_from`);
    held out by persona like every other record, their pairs follow their debtor's split.
    """
    with key_file.open("rb") as f:
        wanted = {orjson.loads(line)["dialogue_id"] for line in f if line.strip()} - marks.keys()
    found: dict[str, Split] = {}
    if not wanted:
        return found
    with (run_dir / TRANSCRIPTS).open("rb") as f:
        for line in f:
            if line.strip() and (data := orjson.loads(line))["dialogue_id"] in wanted:
                found[data["dialogue_id"]] = split_for(data["persona"]["persona_id"])
    return found


def write_ifd_samples(run_dir: Path, selection: Selection) -> None:
    """The per-reply IFD verdicts; an older file is removed when IFD did not run (it would be stale)."""
    path = run_dir / IFD_SAMPLES
    if selection.ifd is None:
        path.unlink(missing_ok=True)
        return
    tmp = path.with_name(f".{path.name}.tmp")
    selection.ifd.frame().to_parquet(tmp, index=False)
    tmp.replace(path)


def select_export(
    run_dir: Path,
    settings: SelectionSettings,
    filters: dict,
    resolve_model: ModelResolver | None = None,
    shingles: tuple[int, int] = (3, 3),
) -> dict:
    """Select, split, write scenarios, marks and the card; the summary for the manifest."""
    run_dir = Path(run_dir)
    start = time.perf_counter()
    samples = kept_samples(run_dir)
    model = None
    if settings.ifd.model is not None:
        model = resolve_model(settings.ifd.model) if resolve_model else Path(settings.ifd.model).expanduser()
    conversations = None
    if (run_dir / "sft" / TRL).exists():
        lines = settings.ifd.history_lines
        conversations = partial(exported_items, run_dir / "sft", history_lines=lines)
    selection: Selection = select(samples, settings, model, shingles, conversations)
    write_ifd_samples(run_dir, selection)
    marks = {m.dialogue_id: m for m in selection.marks}
    routed = {"sft": write_splits(run_dir / "sft", INDEX, marks)}
    split_for = persona_splits(selection, settings)
    if (run_dir / "dpo" / PAIRS).exists():
        unmarked = unmarked_splits(run_dir, run_dir / "dpo" / PAIRS, marks, split_for)
        routed["dpo"] = write_splits(run_dir / "dpo", PAIRS, marks, unmarked)
    scenarios = write_scenarios(
        run_dir / TRANSCRIPTS,
        split_for,
        set(marks_kept(selection)),
        run_dir / SCENARIOS,
    )
    frame = pd.DataFrame(selection.rows(), columns=MARK_COLUMNS)  # columns even when nothing was kept
    tmp = run_dir / f".{MARKS}.tmp"
    frame.to_parquet(tmp, index=False)
    tmp.replace(run_dir / MARKS)
    join_scores(run_dir, frame)
    stats = write_card(run_dir, samples, selection, filters)
    print(
        f"selection: kept {len(selection.kept())} of {len(samples)}; card in {run_dir / 'DATASET.md'}",
        file=sys.stderr,
    )
    return {
        "stages": selection.stages,
        "routed": routed,
        "eval_scenarios": scenarios,
        "records": stats["records"],
        "notices": selection.notices,
        "seconds": round(time.perf_counter() - start, 3),
    }
