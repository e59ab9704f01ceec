"""Self-improvement rounds: generate → score → select → train → replay on held-out debtors → compare.

Round r generates dialogues with collector_r (round 0: the scripted collector)
on training personas (seed `train_seed + r`), scores, exports and SELECTS them
(`filter=selection`: ROUGE-L pool, IFD when configured, clusters, difficulty,
persona splits), and trains collector_{r+1} from the base model on that
export's train split (`debtsim train`: one sample per collector reply, shaped
like the replay prompt; when the filters kept none of round r's calls — a small
model's calls may all fail them — on the latest round that kept some,
`sft_data_round` in rounds.csv). From round 1 on, SPIN pairs (`debtsim.train.spin`:
chosen = a reply of the previous round's best train-split calls, rejected =
collector_r's own reply at the same history) are ADDED to the export's branch
DPO pairs. The held-out set is round 0's test split (`eval_scenarios.jsonl`,
one scenario per test persona): the scripted collector, the base model and
every trained collector are replayed on it (`replay=PATH`), so they meet the
same debtors with the same draws and compare pairwise.

The trained collectors replay in `decide_and_speak` mode (`conf/llm/hf.yaml`):
their move is read from their own words and checked against policy, so
agreement, recovery, over-concession and plan burden measure the model.

Outputs in the experiment folder: `rounds.csv` (one row per collector:
seconds per stage, losses, data counts, every metric with its 95% bootstrap
CI, and paired differences against the base model and against the previous
round, with CIs), `compare.csv`, `paired.csv`.

The figures of issue 11 — base 135M vs SFT 135M vs SFT+DPO on >= 100 held-out
dialogues (compliance rate, stage completeness, agreement rate, recovery
ratio with CIs, wall time per stage) — come from one command (hours of CPU;
CI runs `tests/train/test_round.py`, a smaller round):

    debtsim run +experiment=self_improve output_dir=runs/loop135m self_improve.rounds=1 \\
        self_improve.n_generate=600 self_improve.n_test=120 self_improve.replay_sft=true

In its rounds.csv: `test_base` (base 135M), `test_round1_sft` (SFT 135M) and
`test_round1` (SFT+DPO), each with compliance_rate, completeness (stage
completeness), agreement_rate and recovery_ratio and their `_ci_low/_ci_high`,
the paired `_vs_base` differences (and `_vs_sft_only` for DPO) with CIs, and the
seconds of every stage (`generate_*`, `sft_s`, `dpo_s`, `replay_*`).

A composition root: it may import evaluators. Entry: `self_improve(data)`
with the composed run config plus its `self_improve` block
(`conf/experiment/self_improve.yaml`).
"""

from __future__ import annotations

import asyncio
import copy
import time
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from debtsim.pipeline import later_stages
from debtsim.train.result import Collector, TrainResult
from debtsim.train.train_settings import TrainError
from simulator import runner
from simulator.config import RunConfig, first_error, parse_run_config
from simulator.llm.base import BackendName
from simulator.store import TRANSCRIPTS, write_atomic

SCENARIOS = "eval_scenarios.jsonl"


class LoopSettings(BaseModel):
    """The `self_improve` block: sizes, seeds and the training and replay options of every round."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rounds: int = Field(ge=1)
    n_generate: int = Field(gt=0, description="dialogues generated per round (training personas)")
    n_test: int = Field(gt=0, description="most held-out dialogues each collector is replayed on")
    train_seed: int = Field(ge=0, description="round r generates with seed train_seed + r")
    select_top: float = Field(
        gt=0, le=1, description="share of best-scored transcripts giving SPIN chosen replies"
    )
    spin_pairs: int = Field(ge=0, description="most SPIN pairs per round from round 1 on (0: none)")
    baselines: tuple[str, ...] = Field(("scripted", "base"), description="also replayed: scripted, base")
    replay_sft: bool = Field(False, description="also replay each round's SFT-only collector (before DPO)")
    train: dict[str, Any] = Field(default_factory=dict, description="overrides of the train/ group")
    replay: dict[str, Any] = Field(default_factory=dict, description="llm.settings of the hf collector")


def hf_llm(collector: Collector, replay: dict[str, Any]) -> dict[str, Any]:
    text = resources.files("conf").joinpath("llm", "hf.yaml").read_text(encoding="utf-8")
    llm = yaml.safe_load(text)
    llm["settings"] |= replay | collector.settings()
    return llm


def round_config(
    base: dict, out: Path, seed: int, n: int, llm: dict | None, export: bool, replay: Path | None = None
) -> RunConfig:
    """A round's run config. With a model collector the export branches no DPO pairs: branching
    replays a call turn by turn and needs a deterministic collector (SPIN pairs cover those rounds)."""
    data = copy.deepcopy(base)
    data.update(seed=seed, n_dialogues=n, output_dir=str(out), replay=None if replay is None else str(replay))
    if llm is not None:
        data["llm"] = llm
    data["evaluate"] = {**data.get("evaluate", {}), "report": False}
    export_block = data.get("export", {})
    dpo = {
        **export_block.get("dpo", {}),
        "enabled": export_block.get("dpo", {}).get("enabled", True) and llm is None,
    }
    data["export"] = {**export_block, "enabled": export, "dpo": dpo}
    return parse_run_config(data)


def simulate(config: RunConfig) -> dict[str, float]:
    """One run directory (simulate, score, export + select as configured); seconds per stage."""
    out = runner.prepare_dir(Path(config.output_dir))
    write_atomic(out / "config.yaml", yaml.safe_dump(config.model_dump(mode="json"), sort_keys=False))
    start = time.perf_counter()
    if config.llm.backend is BackendName.HF:
        from simulator.batch import simulate_async
        from simulator.llm.hf import HFBackend
        from simulator.tally import tally_file

        backend = HFBackend.from_config(config.llm, str(config.language))
        try:
            asyncio.run(simulate_async(config, out, backend, progress=True))
        finally:
            backend.close()
        tally = tally_file(out / TRANSCRIPTS)
    else:
        tally = runner.simulate(config, out)
    manifest = runner.write_manifest(out, config, tally, {"simulate": time.perf_counter() - start})
    return later_stages(config, out, manifest)["timings_s"]


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat |= flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = "null" if value is None else value
    return flat


def train_overrides(settings: LoopSettings) -> list[str]:
    """The loop's train/ overrides; the samples' history window is the replay's."""
    lines = settings.replay.get("history_lines")
    extra = [] if lines is None else [f"history_lines={lines}"]
    return [f"{k}={v}" for k, v in flatten(settings.train).items()] + extra


def train(run_dir: Path, out: Path, settings: LoopSettings, spin: Path | None) -> TrainResult:
    from debtsim.train.commands import compose_settings
    from debtsim.train.job import train_run

    result = train_run(run_dir, compose_settings([*train_overrides(settings), f"output_dir={out}"]), spin)
    if not isinstance(result, TrainResult):
        raise TrainError("self_improve trains in process: keep train.trainer=trl")
    return result


def replay(
    base: dict, out: Path, settings: LoopSettings, llm: dict | None, held_out: Path
) -> dict[str, float]:
    seed = int(base.get("seed", 0))
    return simulate(round_config(base, out, seed, settings.n_test, llm, export=False, replay=held_out))


def baselines(base: dict, root: Path, settings: LoopSettings, model: Collector, held_out: Path) -> dict:
    rows = {}
    for name in settings.baselines:
        if name == "scripted":
            llm = {**base["llm"], "backend": "scripted", "collector_mode": "speak", "settings": {}}
        else:
            llm = hf_llm(model, settings.replay)
        timings = replay(base, root / f"test_{name}", settings, llm, held_out)
        rows[f"test_{name}"] = {
            "round": -1,
            "collector": name,
            **{f"replay_{k}": v for k, v in timings.items()},
        }
    return rows


def generate(base: dict, here: Path, r: int, collector: Collector | None, settings: LoopSettings) -> dict:
    llm = None if collector is None else hf_llm(collector, settings.replay)
    config = round_config(base, here / "generate", settings.train_seed + r, settings.n_generate, llm, True)
    return {f"generate_{k}": v for k, v in simulate(config).items()}


def spin(root: Path, r: int, collector: Collector | None, settings: LoopSettings) -> tuple[Path | None, dict]:
    if collector is None or r == 0 or not settings.spin_pairs:
        return None, {}
    from debtsim.train.spin import SPIN_FILE, spin_pairs

    start, out = time.perf_counter(), root / f"round{r}" / "spin"
    n = spin_pairs(
        root / f"round{r - 1}" / "generate",
        collector,
        settings.replay,
        settings.select_top,
        settings.spin_pairs,
        out,
    )
    return (out / SPIN_FILE if n else None), {
        "spin_pairs": n,
        "spin_s": round(time.perf_counter() - start, 2),
    }


def stage_columns(result: TrainResult) -> dict:
    row = {f"data_{k}": v for k, v in result.data.items() if not isinstance(v, list)}
    for s in result.stages:
        row |= {
            f"{s.stage}_loss_first": s.first_loss,
            f"{s.stage}_loss_last": s.last_loss,
            f"{s.stage}_s": s.seconds,
            f"{s.stage}_records": s.records,
            f"{s.stage}_eval_before": s.eval_before,
            f"{s.stage}_eval_after": s.eval_after,
            f"{s.stage}_truncated": s.truncated,
        }
    return row


def has_train_records(run_dir: Path) -> bool:
    from debtsim.train.train_samples import split_folder

    folder, _ = split_folder(run_dir / "sft")
    trl = folder / "trl.jsonl"
    return trl.exists() and trl.stat().st_size > 0


def data_round(root: Path, r: int) -> int:
    """The latest round up to r whose selection kept training calls: a small model's own calls may
    all fail the filters, and then the next collector is fitted on the last round that had data."""
    for k in range(r, -1, -1):
        if has_train_records(root / f"round{k}" / "generate"):
            return k
    raise TrainError(f"{root}: no round kept any training call (see round0/generate/DATASET.md)")


def one_round(
    base: dict, root: Path, r: int, collector: Collector | None, settings: LoopSettings, held_out: Path
) -> tuple[Collector, dict]:
    here = root / f"round{r}"
    row: dict[str, Any] = {"round": r, "collector": f"round{r + 1}"}
    if r > 0:  # round 0's generation ran first: its test split is the held-out set
        row |= generate(base, here, r, collector, settings)
    pairs, spin_row = spin(root, r, collector, settings)
    source = data_round(root, r)
    result = train(root / f"round{source}" / "generate", here / "train", settings, pairs)
    row |= spin_row | {"sft_data_round": source} | stage_columns(result)
    timings = replay(
        base, root / f"test_round{r + 1}", settings, hf_llm(result.collector, settings.replay), held_out
    )
    return result.collector, row | {f"replay_{k}": v for k, v in timings.items()}


def sft_only(base: dict, root: Path, r: int, settings: LoopSettings, held_out: Path) -> dict | None:
    """Replay round r's SFT collector alone (when DPO followed it): SFT vs SFT+DPO on the same debtors."""
    result = TrainResult.load(root / f"round{r}" / "train")
    if not settings.replay_sft or "dpo" not in result.stage_collectors:
        return None
    llm = hf_llm(result.stage_collectors["sft"], settings.replay)
    timings = replay(base, root / f"test_round{r + 1}_sft", settings, llm, held_out)
    return {
        "round": r,
        "collector": f"round{r + 1} (sft only)",
        **{f"replay_{k}": v for k, v in timings.items()},
    }


def comparison_pairs(names: list[str]) -> list[tuple[str, str, str]]:
    """Every round against the base model and against the round before; the base against scripted;
    a round's SFT+DPO collector against its SFT-only one when that was replayed."""
    pairs = (
        [("test_base", "test_scripted", "scripted")] if {"test_base", "test_scripted"} <= set(names) else []
    )
    rounds = [n for n in names if n.startswith("test_round") and not n.endswith("_sft")]
    for name in (n for n in names if n.endswith("_sft") and "test_base" in names):
        pairs.append((name, "test_base", "base"))
    for i, name in enumerate(rounds):
        if "test_base" in names:
            pairs.append((name, "test_base", "base"))
        if i:
            pairs.append((name, rounds[i - 1], "previous"))
        if f"{name}_sft" in names:
            pairs.append((name, f"{name}_sft", "sft_only"))
    return pairs


def report(root: Path, rows: dict[str, dict], seed: int) -> pd.DataFrame:
    from rich.console import Console

    from debtsim.compare import collectors_table, compare_runs, paired_table, wide

    names = list(rows)
    comparison = compare_runs(
        [root / n for n in names], seed=seed, names=names, pairs=comparison_pairs(names)
    )
    table = pd.DataFrame.from_dict(rows, orient="index").join(wide(comparison))
    write_atomic(root / "rounds.csv", table.to_csv())
    write_atomic(root / "compare.csv", comparison.table.to_csv(index=False))
    write_atomic(root / "paired.csv", comparison.paired.to_csv(index=False))
    console = Console(width=200)
    console.print(collectors_table(comparison))
    console.print(paired_table(comparison))
    return table


def self_improve(data: dict[str, Any]) -> pd.DataFrame:
    """Run every round and write `rounds.csv` and the held-out comparison; the rounds table."""
    from debtsim.train.commands import compose_settings
    from debtsim.train.job import base_model

    base = {k: v for k, v in data.items() if k not in ("self_improve", "hydra")}
    try:
        settings = LoopSettings.model_validate(data["self_improve"])
    except ValidationError as exc:
        raise TrainError(f"self_improve.{first_error(exc)}") from None
    root = Path(base["output_dir"])
    root.mkdir(parents=True, exist_ok=True)
    start_model = Collector(model=str(base_model(compose_settings(train_overrides(settings)))))
    first = generate(base, root / "round0", 0, None, settings)
    held_out = root / "round0" / "generate" / SCENARIOS
    if not held_out.exists() or not held_out.read_text(encoding="utf-8").strip():
        raise TrainError(
            f"{held_out}: no held-out scenarios (self_improve needs filter=selection and a test split)"
        )
    rows = baselines(base, root, settings, start_model, held_out)
    collector = None
    for r in range(settings.rounds):
        collector, row = one_round(base, root, r, collector, settings, held_out)
        sft_row = sft_only(base, root, r, settings, held_out)
        if sft_row is not None:
            rows[f"test_round{r + 1}_sft"] = sft_row
        rows[f"test_round{r + 1}"] = (first if r == 0 else {}) | row
    return report(root, rows, int(base.get("seed", 0)))
