"""Self-improvement rounds: generate → score → select → train → replay on held-out debtors → compare.

Round r generates dialogues with collector_r (round 0: the scripted collector)
on training personas (seed `train_seed + r`), scores and exports them (the
filters are the selection), and trains collector_{r+1} from the base model on
that export. From round 1 on, SPIN-style pairs feed DPO: at the same history,
chosen = the collector's reply in the previous round's best-scored
transcripts, rejected = collector_r's own reply there. Every collector is
replayed on the held-out personas (`test_seed`, never used for generation), so
all replays meet the same debtors with the same draws and compare pairwise.

What the replay can and cannot show: the `hf` collector speaks the policy's
move (speak mode), and the scripted debtor decides from the move, not the
words. So agreement and recovery move only where the words change the call
(fallbacks, coherence-driven ends); compliance, coherence and completeness are
where a better speaker shows. The table says so with paired differences.

A composition root: it may import evaluators. Entry: `self_improve(data)`
with the composed run config plus its `self_improve` block
(`conf/experiment/self_improve.yaml`).
"""

from __future__ import annotations

import asyncio
import copy
import json
import time
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator import runner
from simulator.config import RunConfig, first_error, parse_run_config
from simulator.llm.base import BackendName
from simulator.pipeline import later_stages
from simulator.store import TRANSCRIPTS, iter_transcripts, write_atomic
from simulator.train.result import Collector, TrainResult
from simulator.train.settings import TrainError
from simulator.transcript import Speaker


class LoopSettings(BaseModel):
    """The `self_improve` block: sizes, seeds and the training and replay options of every round."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rounds: int = Field(ge=1)
    n_generate: int = Field(gt=0, description="dialogues generated per round (training personas)")
    n_test: int = Field(gt=0, description="held-out dialogues each collector is replayed on")
    train_seed: int = Field(ge=0, description="round r generates with seed train_seed + r")
    test_seed: int = Field(ge=0, description="held-out personas; must differ from every generation seed")
    select_top: float = Field(
        gt=0, le=1, description="share of best-scored transcripts giving SPIN chosen replies"
    )
    spin_pairs: int = Field(ge=0, description="most SPIN pairs per round; 0: no DPO from round 1 on")
    baselines: tuple[str, ...] = Field(("scripted", "base"), description="also replayed: scripted, base")
    train: dict[str, Any] = Field(default_factory=dict, description="overrides of the train/ group")
    replay: dict[str, Any] = Field(default_factory=dict, description="llm.settings of the hf collector")

    def check(self) -> LoopSettings:
        used = range(self.train_seed, self.train_seed + self.rounds)
        if self.test_seed in used:
            raise ValueError(
                f"self_improve.test_seed {self.test_seed} is also a generation seed: not held out"
            )
        return self


def hf_llm(collector: Collector, replay: dict[str, Any]) -> dict[str, Any]:
    text = resources.files("conf").joinpath("llm", "hf.yaml").read_text(encoding="utf-8")
    llm = yaml.safe_load(text)
    llm["settings"] |= replay | collector.settings()
    return llm


def round_config(base: dict, out: Path, seed: int, n: int, llm: dict | None, export: bool) -> RunConfig:
    data = copy.deepcopy(base)
    data.update(seed=seed, n_dialogues=n, output_dir=str(out))
    if llm is not None:
        data["llm"] = llm
    data["evaluate"] = {**data.get("evaluate", {}), "report": False}
    data["export"] = {**data.get("export", {}), "enabled": export}
    return parse_run_config(data)


def simulate(config: RunConfig) -> dict[str, float]:
    """One run directory (simulate, score, export as configured); returns seconds per stage."""
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


def spin_pairs(previous: Path, collector: Collector, settings: LoopSettings, out: Path) -> int:
    """Chosen: replies of the previous round's best transcripts; rejected: `collector` at the same history."""
    from evaluators.table import SCORES, read_scores
    from simulator.export.conversation import alternating
    from simulator.export.settings import load_defaults, parse_export_settings
    from simulator.export.system_prompt import collector_system_prompt
    from simulator.llm.hf import Generator, HFSettings

    scores = read_scores(previous / SCORES).sort_values("reward", ascending=False)
    best = set(scores["dialogue_id"].head(max(1, int(len(scores) * settings.select_top))))
    export = parse_export_settings(load_defaults("export"))
    lines = HFSettings(**settings.replay).history_lines  # the replay's window, so pairs match replay prompts
    prompts, chosen = [], []
    for t in iter_transcripts(previous / TRANSCRIPTS):
        if t.dialogue_id not in best:
            continue
        system = collector_system_prompt(t.case, t.policy, t.strategy, t.language, export)
        for k, turn in enumerate(t.turns):
            if (
                k == 0
                or turn.speaker is not Speaker.COLLECTOR
                or t.turns[k - 1].speaker is not Speaker.DEBTOR
            ):
                continue
            history = alternating(t.turns[:k], t.language, export, t.dialogue_id)[-lines:]
            history = history[1:] if history[0].role == "assistant" else history
            prompts.append(
                [
                    {"role": "system", "content": system},
                    *({"role": str(m.role), "content": m.content} for m in history),
                ]
            )
            chosen.append(turn.clean_text)
            if len(prompts) >= settings.spin_pairs:
                break
        if len(prompts) >= settings.spin_pairs:
            break
    generator = Generator(HFSettings(**(settings.replay | collector.settings())))
    rejected = []
    for i in range(0, len(prompts), generator.settings.batch_size):
        batch = prompts[i : i + generator.settings.batch_size]
        rejected += [r.text for r in generator.generate(batch, list(range(i, i + len(batch))))]
    records = [
        {
            "prompt": p,
            "chosen": [{"role": "assistant", "content": c}],
            "rejected": [{"role": "assistant", "content": r}],
        }
        for p, c, r in zip(prompts, chosen, rejected, strict=True)
        if r.strip() and r.strip() != c.strip()
    ]
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / "trl.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return len(records)


def train(run_dir: Path, out: Path, settings: LoopSettings, pairs: Path | None) -> TrainResult:
    from simulator.train.commands import compose_settings
    from simulator.train.job import train_run

    overrides = [f"{k}={v}" for k, v in flatten(settings.train).items()] + [f"output_dir={out}"]
    pairs = pairs or run_dir / "dpo" / "trl.jsonl"  # round 0: the export's own branch pairs
    if not pairs.exists() or pairs.stat().st_size == 0:
        overrides.append("dpo.steps=0")
    result = train_run(run_dir, compose_settings(overrides), pairs)
    if not isinstance(result, TrainResult):
        raise TrainError("self_improve trains in process: keep train.trainer=trl")
    return result


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat |= flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = "null" if value is None else value
    return flat


def replay(base: dict, out: Path, settings: LoopSettings, llm: dict | None) -> dict[str, float]:
    return simulate(round_config(base, out, settings.test_seed, settings.n_test, llm, export=False))


def baselines(base: dict, root: Path, settings: LoopSettings, base_model: Collector) -> dict[str, dict]:
    rows = {}
    for name in settings.baselines:
        llm = None if name == "scripted" else hf_llm(base_model, settings.replay)
        if name == "scripted":
            llm = {**base["llm"], "backend": "scripted", "settings": {}}
        rows[f"test_{name}"] = {
            "round": -1,
            "collector": name,
            **replay(base, root / f"test_{name}", settings, llm),
        }
    return rows


def one_round(
    base: dict, root: Path, r: int, collector: Collector | None, settings: LoopSettings
) -> tuple[Collector, dict]:
    here = root / f"round{r}"
    llm = None if collector is None else hf_llm(collector, settings.replay)
    row: dict[str, Any] = {"round": r, "collector": f"round{r + 1}"}
    timings = simulate(
        round_config(base, here / "generate", settings.train_seed + r, settings.n_generate, llm, True)
    )
    row |= {f"generate_{k}": v for k, v in timings.items()}
    pairs = None
    if collector is not None and r > 0 and settings.spin_pairs:
        start = time.perf_counter()
        row["spin_pairs"] = spin_pairs(
            root / f"round{r - 1}" / "generate", collector, settings, here / "spin"
        )
        row["spin_s"] = round(time.perf_counter() - start, 2)
        pairs = here / "spin" / "trl.jsonl" if row["spin_pairs"] else None
    result = train(here / "generate", here / "train", settings, pairs)
    for stage in result.stages:
        row |= {
            f"{stage.stage}_loss_first": stage.first_loss,
            f"{stage.stage}_loss_last": stage.last_loss,
            f"{stage.stage}_s": stage.seconds,
            f"{stage.stage}_records": stage.records,
            f"{stage.stage}_eval_before": stage.eval_before,
            f"{stage.stage}_eval_after": stage.eval_after,
        }
    timings = replay(base, root / f"test_round{r + 1}", settings, hf_llm(result.collector, settings.replay))
    return result.collector, row | {f"replay_{k}": v for k, v in timings.items()}


def self_improve(data: dict[str, Any]) -> pd.DataFrame:
    """Run every round and write `rounds.csv` (stages, losses, times) and the held-out comparison."""
    from evaluators.compare import collectors_table, compare_runs, paired_table
    from simulator.train.commands import compose_settings
    from simulator.train.job import base_model

    base = {k: v for k, v in data.items() if k not in ("self_improve", "hydra")}
    try:
        settings = LoopSettings.model_validate(data["self_improve"]).check()
    except ValidationError as exc:
        raise TrainError(f"self_improve.{first_error(exc)}") from None
    root = Path(base["output_dir"])
    root.mkdir(parents=True, exist_ok=True)
    start_model = Collector(
        model=str(base_model(compose_settings([f"{k}={v}" for k, v in flatten(settings.train).items()])))
    )
    rows = baselines(base, root, settings, start_model)
    collector = None
    for r in range(settings.rounds):
        collector, row = one_round(base, root, r, collector, settings)
        rows[f"test_round{r + 1}"] = row
    runs = [root / name for name in rows]
    comparison = compare_runs(runs, seed=int(base.get("seed", 0)))
    metrics = comparison.table.pivot(index="collector", columns="metric", values="mean")
    table = pd.DataFrame.from_dict(rows, orient="index").join(metrics)
    write_atomic(root / "rounds.csv", table.to_csv())
    write_atomic(root / "compare.csv", comparison.table.to_csv(index=False))
    write_atomic(root / "paired.csv", comparison.paired.to_csv(index=False))
    from rich.console import Console

    console = Console(width=200)
    console.print(collectors_table(comparison))
    console.print(paired_table(comparison))
    return table
