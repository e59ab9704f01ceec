"""`debtsim run`: the Hydra application. Hydra stops here.

The composed DictConfig becomes a frozen `RunConfig` once; everything below
works with that. Overrides are checked before Hydra starts — every value of
every sweep, Hydra's own overrides, the later stages' settings (evaluate,
filter, export) and values left `???` — so a typo fails at once with one line
instead of after a sweep has launched or a run has simulated for an hour.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import hydra
from hydra import compose, initialize_config_dir
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf
from omegaconf.errors import MissingMandatoryValue

from debtsim import sweep
from debtsim.pipeline import run_pipeline
from simulator.config import ConfigError, RunConfig, parse_run_config
from simulator.errors import EXIT_USAGE, DebtsimError, fail
from simulator.runner import check_errors, check_same_run, prepare_dir

CONF_DIR = str(Path(__file__).resolve().parents[1] / "conf")
CONFIG_NAME = "run"
MULTIRUN_FLAGS = ("-m", "--multirun")
VALUE_FLAGS = ("-c", "--cfg", "-p", "--package", "-cp", "--config-path", "-cn", "--config-name")
VALUE_FLAGS += ("-cd", "--config-dir", "--experimental-rerun")
INFO_TOPICS = ("all", "config", "defaults", "defaults-tree", "plugins", "searchpath")
OUTPUT_DIR = "output_dir="


@dataclass(frozen=True, slots=True)
class CommandLine:
    """`debtsim run` arguments split into Hydra's flags and the key=value overrides."""

    overrides: list[str]
    multirun: bool
    config_name: str = CONFIG_NAME


def split_args(args: list[str]) -> CommandLine:
    overrides, flags, config_name = [], [], CONFIG_NAME
    rest = iter(args)
    for arg in rest:
        if arg in VALUE_FLAGS:
            value = next(rest, "")
            config_name = value if arg in ("-cn", "--config-name") else config_name
        elif arg.startswith("-"):
            flags.append(arg)
        elif flags and flags[-1] in ("-i", "--info") and arg in INFO_TOPICS:
            flags.append(arg)  # --info takes an optional topic
        else:
            overrides.append(arg)
    multirun = any(f in MULTIRUN_FLAGS for f in flags) or "hydra.mode=MULTIRUN" in overrides
    return CommandLine(overrides, multirun, config_name)


def hydra_message(exc: BaseException) -> str:
    """Hydra's error as one line: its cause appended, the config search path left out."""
    text = str(exc).split("Config search path")[0]
    if exc.__cause__ is not None and str(exc.__cause__) not in text:
        text = f"{text}: {str(exc.__cause__).splitlines()[0]}"
    return " ".join(text.replace("\t", " ").split()).rstrip(":")


def pin_dirs(args: list[str], line: CommandLine) -> list[str]:
    """Let an explicit output_dir name Hydra's directory, so no stray runs/ or multirun/ folder appears.

    A single run writes into output_dir (hydra.run.dir too). In a sweep, output_dir=X is the
    sweep directory (hydra.sweep.dir=X) and each cell writes into its own job dir below it,
    so cells never share a directory.
    """
    chosen = [a for a in line.overrides if a.startswith(OUTPUT_DIR)]
    if not chosen:
        return args
    value = chosen[-1].removeprefix(OUTPUT_DIR)
    if not line.multirun:
        has_run_dir = any(a.startswith("hydra.run.dir=") for a in line.overrides)
        return args if has_run_dir else [*args, f"hydra.run.dir={value}"]
    if sweep.sweep_keys(chosen[-1:]):
        fail("output_dir: a sweep takes one directory (its cells get job dirs below it), not a list")
    if any(a.startswith("hydra.sweep.dir=") for a in line.overrides):
        fail("output_dir: in a sweep it names the sweep dir; give output_dir or hydra.sweep.dir, not both")
    return [f"hydra.sweep.dir={value}" if a.startswith(OUTPUT_DIR) else a for a in args]


def _compose(config_name: str, overrides: list[str], value: str | None) -> DictConfig:
    try:
        return compose(config_name=config_name, overrides=overrides, return_hydra_config=True)
    except Exception as exc:  # Hydra raises several types; all mean "bad override"
        where = f" (sweep value {value})" if value else ""
        raise ConfigError(f"bad override{where}: {hydra_message(exc)}") from None


def check_stages(config: RunConfig) -> None:
    """The later stages' settings, parsed by their own parsers now rather than after simulating."""
    from debtsim.export.export_settings import parse_export_settings
    from evaluators.evaluate_settings import parse_settings
    from evaluators.filters.filter_settings import parse_filter_settings

    parse_settings(config.evaluate)
    filters = parse_filter_settings(config.filter)
    if filters.selection is not None:  # its package pulls in scikit-learn: imported only when used
        from evaluators.selection.selection_settings import parse_selection_settings

        parse_selection_settings(filters.selection)
    parse_export_settings(config.export)


def validate(cfg: DictConfig) -> RunConfig:
    """One composed cell as it would run: no `???` left, a valid RunConfig, valid later stages."""
    data = OmegaConf.to_container(cfg, resolve=False)
    data.pop("hydra", None)
    data["output_dir"] = "."  # Hydra's run or job dir: not known before Hydra starts
    missing = sorted(OmegaConf.missing_keys(OmegaConf.create(data)))
    if missing:
        raise ConfigError(f"{missing[0]}: a required value is not set (??? in conf/); add {missing[0]}=...")
    data.pop("self_improve", None)
    config = parse_run_config(data)
    check_stages(config)
    return config


def _check_cells(line: CommandLine) -> RunConfig:
    """Compose and validate each variant of the sweep (the one cell of a plain run); returns the last."""
    with initialize_config_dir(config_dir=CONF_DIR, version_base="1.3"):
        base = _compose(line.config_name, sweep.variants({}, line.overrides)[0].overrides, None)
        params = dict(base.hydra.sweeper.get("params") or {}) if line.multirun else {}
        for variant in sweep.variants(params, line.overrides):
            cfg = base if variant.value is None and not params else None
            cfg = cfg or _compose(line.config_name, variant.overrides, variant.value)
            try:
                config = validate(cfg)
            except DebtsimError as exc:
                raise ConfigError(
                    f"{exc} (sweep value {variant.value})" if variant.value else str(exc)
                ) from None
    return config


def check_overrides(args: list[str]) -> None:
    """Compose every cell's values before Hydra starts; the first problem ends the command with one line."""
    line = split_args(args)
    try:
        if not line.multirun and (swept := sweep.sweep_keys(line.overrides)):
            raise ConfigError(f"{swept[0]}: several values make a sweep; add -m (debtsim run -m ...)")
        config = _check_cells(line)
        target = [a.removeprefix(OUTPUT_DIR) for a in line.overrides if a.startswith(OUTPUT_DIR)]
        sweep_dir = [a.split("=", 1)[1] for a in line.overrides if a.startswith("hydra.sweep.dir=")]
        if target and not line.multirun:
            check_same_run(config, prepare_dir(Path(target[-1])))
        elif sweep_dir and line.multirun:
            prepare_dir(Path(sweep_dir[-1]))
    except DebtsimError as exc:
        fail(str(exc))


def _plain(cfg: DictConfig) -> dict:
    try:
        return OmegaConf.to_container(cfg, resolve=True, throw_on_missing=True)
    except MissingMandatoryValue as exc:
        raise ConfigError(f"{exc.full_key}: a required value is not set (??? in conf/)") from None


@hydra.main(config_path=CONF_DIR, config_name=CONFIG_NAME, version_base="1.3")
def hydra_main(cfg: DictConfig) -> None:
    multirun = HydraConfig.get().mode is RunMode.MULTIRUN
    if multirun:
        sweep.clear_failure()
    try:
        data = _plain(cfg)
        if "self_improve" in data:  # +experiment=self_improve: the train-and-replay rounds
            from debtsim.loop import self_improve

            self_improve(data)
            return
        config = parse_run_config(data)
        check_errors(run_pipeline(config, OmegaConf.to_yaml(cfg)), config.max_error_share)
    except DebtsimError as exc:
        if not multirun:
            fail(str(exc), getattr(exc, "exit_code", EXIT_USAGE))
        sweep.record_failure(str(exc))
    except Exception as exc:  # a bug in one cell of a sweep: recorded with its traceback, others go on
        if not multirun:
            raise
        sweep.record_crash(exc)


def run_command(args: list[str]) -> None:
    line = split_args(args)
    pinned = pin_dirs(args, line)
    check_overrides(pinned)
    sys.argv = ["debtsim run", *pinned]
    try:
        hydra_main()
    except ValueError as exc:  # Hydra's own usage errors (e.g. -m with --info); a job's errors never get here
        fail(str(exc))
    if line.multirun and sweep.FAILURES:
        fail(sweep.failure_line(sweep.FAILURES), code=1)
