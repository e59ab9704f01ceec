"""`debtsim train RUN_DIR [train=cpu|gpu] [key=value ...]`: fine-tune the collector on a run's export.

Settings come from the Hydra group `conf/train/` (composed here, so the YAML
files hold the only defaults); `key=value` overrides name keys of that group
(`sft.steps=60`, `method=full`, `base_model=/models/x`). Prints a table of the
stages and where the collector was written.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from debtsim.train.result import TrainResult
from debtsim.train.train_settings import TrainError, TrainSettings, parse_train_settings
from simulator.errors import DebtsimError, fail

USAGE = "usage: debtsim train RUN_DIR [train=cpu|gpu] [sft.steps=N method=lora|full dpo.steps=N ...]"
CONF_DIR = Path(__file__).resolve().parents[2] / "conf"
DEFAULT_GROUP = "cpu"


def compose_settings(overrides: list[str]) -> TrainSettings:
    """The `train/` group with the user's overrides, as a frozen model."""
    from hydra import compose, initialize_config_dir
    from hydra.core.global_hydra import GlobalHydra
    from omegaconf import OmegaConf

    group = DEFAULT_GROUP
    keyed = []
    for arg in overrides:
        key, sep, value = arg.partition("=")
        if not sep:
            raise TrainError(f"expected key=value, got {arg!r}")
        if key == "train":
            group = value
        else:
            keyed.append(f"train.{arg}")
    overrides = [f"+train={group}", *keyed]
    try:
        if GlobalHydra.instance().is_initialized():  # inside `debtsim run` (the loop): same conf dir
            cfg = compose(overrides=overrides)
        else:
            with initialize_config_dir(config_dir=str(CONF_DIR), version_base="1.3"):
                cfg = compose(overrides=overrides)
    except Exception as exc:  # Hydra raises several types; all mean "bad override"
        raise TrainError(f"bad override: {' '.join(str(exc).split())}") from None
    return parse_train_settings(OmegaConf.to_container(cfg.train, resolve=True))


def stage_table(result: TrainResult) -> Table:
    table = Table(title=f"trained collector: {result.collector.adapter or result.collector.model}")
    for column in (
        "stage",
        "records",
        "truncated",
        "steps",
        "first loss",
        "last loss",
        "eval before → after",
        "seconds",
    ):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for s in result.stages:
        evals = "–" if s.eval_before is None else f"{s.eval_before:.3f} → {s.eval_after:.3f}"
        table.add_row(
            s.stage,
            str(s.records),
            "–" if s.truncated is None else str(s.truncated),
            str(s.steps),
            f"{s.first_loss:.3f}",
            f"{s.last_loss:.3f}",
            evals,
            f"{s.seconds:.1f}",
        )
    return table


def train_command(args: list[str]) -> None:
    if not args or args[0] in ("-h", "--help") or "=" in args[0]:
        fail(USAGE)
    run_dir = Path(args[0])
    if not run_dir.is_dir():
        fail(f"run directory not found: {run_dir}")
    try:
        settings = compose_settings(args[1:])
        from debtsim.train.job import train_run

        result = train_run(run_dir, settings)
    except DebtsimError as exc:  # TrainError, or a device the machine lacks
        fail(str(exc))
    except ModuleNotFoundError as exc:
        fail(f"`debtsim train` needs the train extra (pip install 'debtsim[train]'): {exc}")
    if isinstance(result, list):
        print("LLaMA-Factory runs in its own environment; there, run:")
        print("\n".join(result))
        return
    Console().print(stage_table(result))
    data = result.data
    if data:
        source = "train split" if data.get("split") else "whole export (no selection splits)"
        print(
            f"data: {source}; {data['samples']} samples from {data['conversations']} calls; eval: "
            f"{data.get('eval_file') or 'first training samples'}; IFD-dropped replies: {data['ifd_dropped']}"
        )
