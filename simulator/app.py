"""`debtsim run`: the Hydra application. Hydra stops here.

The composed DictConfig becomes a frozen `RunConfig` once; everything below
works with that. Overrides are checked before Hydra starts, so a typo fails
at once with one line instead of after a sweep has launched.
"""

from __future__ import annotations

import sys
from pathlib import Path

import hydra
from hydra import compose, initialize_config_dir
from hydra.core.hydra_config import HydraConfig
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf

from simulator.config import ConfigError, parse_run_config
from simulator.errors import DebtsimError, fail
from simulator.pipeline import run_pipeline
from simulator.runner import prepare_dir
from simulator.sweep import FAILED_CELLS, record_failure

CONF_DIR = str(Path(__file__).resolve().parents[1] / "conf")


def _first_values(overrides: list[str]) -> list[str]:
    """Each sweep override reduced to its first value, for a dry compose."""
    parsed = OverridesParser.create().parse_overrides(overrides)
    single = []
    for raw, override in zip(overrides, parsed, strict=True):
        if override.is_sweep_override():
            first = next(iter(override.sweep_string_iterator()))
            prefix = raw[: len(raw) - len(raw.lstrip("+~"))]
            single.append(f"{prefix}{override.key_or_group}={first}")
        else:
            single.append(raw)
    return single


def check_overrides(overrides: list[str]) -> None:
    user = [o for o in overrides if not o.startswith("hydra") and not o.startswith("-")]
    try:
        with initialize_config_dir(config_dir=CONF_DIR, version_base="1.3"):
            cfg = compose(config_name="run", overrides=_first_values(user), return_hydra_config=True)
    except Exception as exc:  # Hydra raises several types; all mean "bad override"
        fail(f"bad override: {' '.join(str(exc).split())}")
    data = OmegaConf.to_container(cfg, resolve=False)
    data.pop("hydra", None)
    data.pop("self_improve", None)
    data["output_dir"] = "."
    try:
        parse_run_config(data)
        for chosen in (a.split("=", 1)[1] for a in user if a.startswith("output_dir=")):
            prepare_dir(Path(chosen))
    except ConfigError as exc:
        fail(str(exc))


@hydra.main(config_path=CONF_DIR, config_name="run", version_base="1.3")
def hydra_main(cfg: DictConfig) -> None:
    try:
        data = OmegaConf.to_container(cfg, resolve=True)
        if "self_improve" in data:  # +experiment=self_improve: the train-and-replay rounds
            from simulator.loop import self_improve

            self_improve(data)
            return
        run_pipeline(parse_run_config(data), OmegaConf.to_yaml(cfg))
    except DebtsimError as exc:
        if HydraConfig.get().mode is RunMode.MULTIRUN:
            record_failure(str(exc))
            return
        fail(str(exc))


def _pin_run_dir(args: list[str]) -> list[str]:
    """Let an explicit output_dir be Hydra's run dir too, so no stray runs/ folder appears."""
    chosen = [a.split("=", 1)[1] for a in args if a.startswith("output_dir=")]
    if chosen and not any(a.startswith("hydra.run.dir=") for a in args):
        return [*args, f"hydra.run.dir={chosen[-1]}"]
    return args


def run_command(args: list[str]) -> None:
    check_overrides(args)
    sys.argv = ["debtsim run", *_pin_run_dir(args)]
    hydra_main()
    if FAILED_CELLS:
        raise SystemExit(1)
