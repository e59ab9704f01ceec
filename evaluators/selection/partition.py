"""Route exported training files into `train/`, `validation/` and `test/` folders by the selection.

The export writes every target's records line for line with a key file
(`sft/index.jsonl`, `dpo/pairs.jsonl`) that names each line's dialogue. This
step reads them in lockstep and copies each line whose dialogue the selection
kept into the folder of that dialogue's split, with a `dataset_info.json`
beside it — so it plugs in after the export without changing how targets are
written. Files are written to hidden temporary names and renamed when whole.
The test split's personas are also written as replayable `EvalScenario`s, each
with its transcript's jurisdiction profile and call context, so a replayed
debtor meets the same legal regime at the same hour.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import orjson

from evaluators.selection.reasons import Split
from evaluators.selection.selector import Mark
from evaluators.selection.split import scenario_of
from simulator.store import write_atomic

DATASET_INFO = "dataset_info.json"
SCENARIOS = "eval_scenarios.jsonl"


def _ids(key_file: Path) -> list[str]:
    with key_file.open("rb") as f:
        return [orjson.loads(line)["dialogue_id"] for line in f if line.strip()]


def _route(
    source: Path,
    ids: list[str],
    marks: Mapping[str, Mark],
    folder: Path,
    unmarked: Mapping[str, Split] | None = None,
) -> dict[Split, int]:
    sinks = {s: (folder / str(s) / f".{source.name}.tmp") for s in Split}
    files = {s: p.open("wb") for s, p in sinks.items()}
    counts = dict.fromkeys(Split, 0)
    try:
        seen = 0
        with source.open("rb") as f:
            for line in f:
                if not line.strip():
                    continue
                if seen >= len(ids):
                    raise ValueError(f"{source}: more lines than keys ({len(ids)})")
                mark = marks.get(ids[seen])
                split = mark.split if mark is not None and mark.kept else (unmarked or {}).get(ids[seen])
                seen += 1
                if split is not None:
                    files[split].write(line)
                    counts[split] += 1
        if seen != len(ids):
            raise ValueError(f"{source}: {seen} lines but {len(ids)} keys")
    except BaseException:
        for handle in files.values():
            handle.close()
        for tmp in sinks.values():
            tmp.unlink(missing_ok=True)
        raise
    for handle in files.values():
        handle.close()
    for tmp in sinks.values():
        os.replace(tmp, tmp.with_name(source.name))
    return counts


def write_splits(
    folder: Path, key_file: str, marks: Mapping[str, Mark], unmarked: Mapping[str, Split] | None = None
) -> dict[str, dict[str, int]]:
    """Split every JSONL in `folder` (the key file included) by its line's dialogue; counts per split/file.

    `unmarked`: the split of dialogues the selection never saw (DPO branches dialogues the SFT
    filters dropped for how they ended: their pairs go to their persona's split).
    """
    folder = Path(folder)
    ids = _ids(folder / key_file)
    for split in Split:
        (folder / str(split)).mkdir(exist_ok=True)
    out: dict[str, dict[str, int]] = {str(s): {} for s in Split}
    for source in sorted(folder.glob("*.jsonl")):
        for split, n in _route(source, ids, marks, folder, unmarked).items():
            out[str(split)][source.stem] = n
    info = folder / DATASET_INFO
    if info.exists():
        for split in Split:
            shutil.copyfile(info, folder / str(split) / DATASET_INFO)
    return out


def write_scenarios(
    transcripts: Path, split_for: Callable[[str], Split], selected: set[str], path: Path
) -> int:
    """One `EvalScenario` per test-split persona (its first dialogue, in transcript order); how many.

    Every persona of the run counts, not only those whose calls the filters
    kept: a held-out set of only the calls the scripted collector handled well
    would flatter any collector replayed on it. `split_for` gives a persona's
    split (its group's, when it has selected dialogues); `selected` are the
    dialogue ids the selection kept, recorded on each scenario.
    """
    lines, seen = [], set()
    with Path(transcripts).open("rb") as f:
        for raw in f:
            if not raw.strip():
                continue
            data = orjson.loads(raw)
            persona = data["persona"]["persona_id"]
            if persona in seen:
                continue
            seen.add(persona)
            if split_for(persona) is Split.TEST:
                lines.append(_scenario_line(data, data["dialogue_id"] in selected))
    write_atomic(path, "".join(f"{line}\n" for line in lines))
    return len(lines)


REGIME_KEYS = ("jurisdiction", "call")
"""Transcript fields a scenario line carries beside `EvalScenario`'s (None in older transcripts)."""


def _scenario_line(data: dict, selected: bool) -> str:
    """The scenario of one transcript line as JSON, with the regime the debtor was called under."""
    scenario = scenario_of(data).model_copy(update={"selected": selected})
    regime = {key: data.get(key) for key in REGIME_KEYS}
    return orjson.dumps(scenario.model_dump(mode="json") | regime).decode()
