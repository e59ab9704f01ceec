"""What `debtsim train` fits: the export's TRAIN split, one sample per collector turn, shaped like replay.

Why this module: three things went wrong when the trainer read the whole
`sft/trl.jsonl`. Test-split debtors were trained on (the selection's held-out
split had no effect); whole calls of 500–1,200 tokens were cut at max_length
from the end, so offers and closings never trained; and replay prompts the
model with the system prompt and the last `history_lines` messages, a shape
training never showed it. So:

- files: `sft/train/` and `dpo/train/` when the selection wrote splits (else
  the top-level files, reported as `split: false`); evaluation on
  `sft/validation/` (else the first training samples, reported);
- one prompt/completion sample per collector reply: the SFT system prompt +
  `history_window` (as `llm=hf` builds it, `simulator.llm.collector_prompt`)
  → that reply; history cut from the left to fit `max_length`; samples that
  still do not fit are counted as truncated;
- replies the selection's IFD stage dropped (`ifd_samples.parquet`, keyed by
  dialogue and reply number) are left out and counted;
- DPO prompts get the same window; extra pairs (SPIN) are added to the
  export's pairs, never replacing them.

`TrainingData.report` is written beside the model as `data.json`, with the
dialogue ids trained on, so "was a test debtor trained on?" is answerable
from the output folder alone. No torch here: token counts come in as a function.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from debtsim.train.train_settings import SampleUnit, TrainError, TrainSettings
from simulator.llm.collector_prompt import (
    ASSISTANT,
    SYSTEM,
    TokenCount,
    collector_prompt,
    fit_history,
    history_window,
    reply_positions,
)

TRL, INDEX, PAIRS = "trl.jsonl", "index.jsonl", "pairs.jsonl"
TRAIN, VALIDATION = "train", "validation"
DATA_REPORT = "data.json"


class DataReport(BaseModel):
    """Where the training data came from and what became of it; `data.json` beside the model."""

    model_config = ConfigDict(frozen=True)

    split: bool = Field(description="trained on the selection's train split (else the whole export)")
    sft_file: str
    eval_file: str | None = Field(description="None: evaluated on the first training samples")
    dpo_files: list[str]
    unit: SampleUnit
    conversations: int
    samples: int
    truncated: int = Field(description="samples longer than max_length even with the history cut")
    ifd_dropped: int = Field(description="replies left out because the IFD stage dropped them")
    eval_samples: int
    dpo_pairs: int
    dialogues: list[str] = Field(description="dialogue ids of every SFT and export-DPO record trained on")


@dataclass
class TrainingData:
    sft: list[dict]
    eval: list[dict]
    dpo: list[dict]
    report: DataReport


def jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def keyed(folder: Path, key_file: str) -> list[tuple[str, dict]]:
    """(dialogue id, TRL record) pairs of a split folder, read in lockstep with its key file."""
    data, keys = folder / TRL, folder / key_file
    if not data.exists():
        raise TrainError(f"no training file {data} (export with target trl)")
    ids = [row["dialogue_id"] for row in jsonl(keys)] if keys.exists() else None
    records = list(jsonl(data))
    if ids is not None and len(ids) != len(records):
        raise TrainError(f"{data}: {len(records)} records but {len(ids)} keys in {keys}")
    return list(zip(ids or [f"{data.name}#{i}" for i in range(len(records))], records, strict=True))


def split_folder(kind_dir: Path) -> tuple[Path, bool]:
    """`<kind>/train` when the selection wrote splits, else `<kind>` itself."""
    train = kind_dir / TRAIN
    return (train, True) if (train / TRL).exists() else (kind_dir, False)


def ifd_drops(run_dir: Path) -> set[tuple[str, int]]:
    """(dialogue id, reply number) of replies the selection's IFD stage did not keep."""
    from evaluators.selection.selection_stage import IFD_SAMPLES

    path = run_dir / IFD_SAMPLES
    if not path.exists():
        return set()
    import pandas as pd

    frame = pd.read_parquet(path, columns=["dialogue_id", "reply", "kept"])
    dropped = frame[~frame["kept"].astype(bool)]
    return set(zip(dropped["dialogue_id"], dropped["reply"].astype(int), strict=True))


@dataclass
class Built:
    records: list[dict] = field(default_factory=list)
    truncated: int = 0
    dropped: int = 0


def turn_samples(
    conversations: Iterable[tuple[str, dict]],
    settings: TrainSettings,
    count: TokenCount,
    skip: set[tuple[str, int]] = frozenset(),
) -> Built:
    """One prompt/completion record per collector reply, windowed and fitted like a replay prompt."""
    built = Built()
    for dialogue_id, record in conversations:
        messages = record["messages"]
        system = messages[0]["content"] if messages and messages[0]["role"] == SYSTEM else ""
        rest = messages[1:] if system else messages
        for k, i in enumerate(reply_positions(rest)):
            if (dialogue_id, k) in skip:
                built.dropped += 1
                continue
            reply = rest[i]["content"]
            history = history_window(rest[:i], settings.history_lines)
            history, fits = fit_history(system, history, reply, count, settings.max_length)
            built.truncated += not fits
            built.records.append(
                {
                    "prompt": collector_prompt(system, history),
                    "completion": [{"role": ASSISTANT, "content": reply}],
                }
            )
    return built


def conversation_samples(conversations: Iterable[tuple[str, dict]], settings, count: TokenCount) -> Built:
    """Whole calls (the old path): loss on every collector turn; calls over max_length counted."""
    built = Built()
    for _, record in conversations:
        messages = record["messages"]
        built.truncated += count(messages, "") > settings.max_length
        built.records.append({"messages": messages})
    return built


def build(conversations, settings: TrainSettings, count: TokenCount, skip=frozenset()) -> Built:
    if settings.samples is SampleUnit.TURN:
        return turn_samples(conversations, settings, count, skip)
    return conversation_samples(conversations, settings, count)


def windowed_pair(record: dict, history_lines: int) -> dict:
    """A DPO record whose prompt is the system prompt + the replay's history window."""
    prompt = record["prompt"]
    system = [m for m in prompt[:1] if m["role"] == SYSTEM]
    window = history_window(prompt[len(system) :], history_lines)
    return {"prompt": system + window, "chosen": record["chosen"], "rejected": record["rejected"]}


def dpo_records(run_dir: Path, settings: TrainSettings, extra: Path | None) -> tuple[list, list, list]:
    """The export's train-split pairs plus `extra` (SPIN) pairs; records, their files, dialogue ids."""
    folder, _ = split_folder(run_dir / "dpo")
    records, files, ids = [], [], []
    if (folder / TRL).exists():
        for dialogue_id, record in keyed(folder, PAIRS):
            records.append(windowed_pair(record, settings.history_lines))
            ids.append(dialogue_id)
        files.append(str(folder / TRL))
    if extra is not None and extra.exists():
        records += [windowed_pair(r, settings.history_lines) for r in jsonl(extra)]
        files.append(str(extra))
    return records, files, ids


def training_data(
    run_dir: Path, settings: TrainSettings, count: TokenCount, extra_pairs: Path | None = None
) -> TrainingData:
    """The SFT samples, evaluation samples and DPO pairs of `run_dir`, and the report on them."""
    run_dir = Path(run_dir)
    folder, split = split_folder(run_dir / "sft")
    conversations = keyed(folder, INDEX)
    if not conversations:
        raise TrainError(f"{folder / TRL}: no records to train on")
    train = build(conversations, settings, count, ifd_drops(run_dir))
    validation = run_dir / "sft" / VALIDATION / TRL
    has_eval = split and validation.exists() and validation.stat().st_size > 0
    evals = build(keyed(validation.parent, INDEX), settings, count).records if has_eval else train.records
    evals = evals[: settings.eval_samples]
    dpo, dpo_files, dpo_ids = (
        dpo_records(run_dir, settings, extra_pairs) if settings.dpo.steps else ([], [], [])
    )
    report = DataReport(
        split=split,
        sft_file=str(folder / TRL),
        eval_file=str(validation) if has_eval else None,
        dpo_files=dpo_files,
        unit=settings.samples,
        conversations=len(conversations),
        samples=len(train.records),
        truncated=train.truncated,
        ifd_dropped=train.dropped,
        eval_samples=len(evals),
        dpo_pairs=len(dpo),
        dialogues=sorted({d for d, _ in conversations} | set(dpo_ids)),
    )
    return TrainingData(train.records, evals, dpo, report)


def save_report(report: DataReport, out: Path) -> Path:
    from simulator.store import write_atomic

    path = Path(out) / DATA_REPORT
    write_atomic(path, report.model_dump_json(indent=2))
    return path
