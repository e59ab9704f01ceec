"""What a Hydra multirun checks before it starts and tells the user about its cells.

Before Hydra starts, `variants` turns the sweep overrides (command line plus an
experiment's `hydra.sweeper.params`, merged the way Hydra's basic sweeper does)
into the override lists worth composing: the first value of every sweep, then
each other value of each sweep on its own — linear in the number of values, not
their product — so every value is checked at start.

A failing cell must not stop the others: inside a sweep a cell's error is
printed as one line, recorded in a `FAILED` file in the cell's directory (so
`debtsim aggregate` can say which cells are missing) and the job returns. The
parent process cannot count failures in memory — under `hydra/launcher=joblib`
cells run in worker processes — so the `SweepReport` callback, which Hydra runs
in the parent, reads the markers this sweep wrote from the sweep directory, and
the CLI exits non-zero with one line listing them.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hydra.core.hydra_config import HydraConfig
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.experimental.callback import Callback
from omegaconf import DictConfig

from simulator.errors import DebtsimError

FAILED = "FAILED"
CLOCK_SLACK_S = 1.0
"""A marker counts for this sweep if written at most this long before it started (mtime granularity)."""


class SweepError(DebtsimError):
    """A sweep override that cannot be expanded (a range or interval the basic sweeper refuses)."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One override list to compose at start; `value` names the swept value it tries, if any."""

    overrides: list[str]
    value: str | None = None


def _choices(overrides: list[str]) -> OrderedDict[str, list[str]]:
    """key -> its `key=value` strings, later overrides of a key replacing earlier ones (as Hydra does)."""
    try:
        parsed = OverridesParser.create().parse_overrides(overrides)
    except Exception as exc:  # Hydra's parser raises several types; all mean "bad override"
        raise SweepError(f"bad override: {' '.join(str(exc).split())}") from None
    choices: OrderedDict[str, list[str]] = OrderedDict()
    for raw, override in zip(overrides, parsed, strict=True):
        key = override.get_key_element()
        if not override.is_sweep_override():
            choices[key] = [raw]
        elif not override.is_discrete_sweep():
            raise SweepError(f"{key}: the basic sweeper takes lists of values, not {raw.split('=', 1)[1]}")
        else:
            choices[key] = [f"{key}={value}" for value in override.sweep_string_iterator()]
    return choices


def sweep_keys(overrides: list[str]) -> list[str]:
    """Keys given more than one value (a sweep without -m is an error Hydra reports badly)."""
    return [key for key, values in _choices(overrides).items() if len(values) > 1]


def variants(params: dict[str, Any], overrides: list[str]) -> list[Variant]:
    """The first-value cell, then one variant per further value of each sweep."""
    choices = _choices([f"{k}={v}" for k, v in params.items()] + overrides)
    base = [values[0] for values in choices.values()]
    found = [Variant(base)]
    for position, values in enumerate(choices.values()):
        for value in values[1:]:
            found.append(Variant([*base[:position], value, *base[position + 1 :]], value))
    return found


def record_failure(reason: str, detail: str = "") -> None:
    """Print the cell's one-line error and leave a `FAILED` marker (with any traceback) in its dir."""
    hydra = HydraConfig.get()
    overrides = " ".join(hydra.overrides.task)
    line = f"cell {hydra.job.num} [{overrides}] failed: {reason}"
    print(f"debtsim: error: {line}", file=sys.stderr)
    out = Path(hydra.runtime.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / FAILED).write_text(line + "\n" + detail, encoding="utf-8")


def record_crash(exc: BaseException) -> None:
    """An unexpected error in one cell: one line now, the traceback kept in the marker."""
    detail = "".join(traceback.format_exception(exc))
    record_failure(f"{type(exc).__name__}: {exc}", detail)


def clear_failure() -> None:
    """A cell that runs again starts without the marker of an earlier failed attempt."""
    (Path(HydraConfig.get().runtime.output_dir) / FAILED).unlink(missing_ok=True)


def failed_cells(sweep_dir: Path, since: float) -> list[str]:
    """The first line of every marker under `sweep_dir` written since `since` (epoch seconds)."""
    if not sweep_dir.is_dir():
        return []
    found = []
    for marker in sorted(sweep_dir.rglob(FAILED)):
        if marker.is_file() and marker.stat().st_mtime >= since - CLOCK_SLACK_S:
            text = marker.read_text(encoding="utf-8").strip()
            found.append(text.splitlines()[0] if text else f"{marker.parent} failed")
    return found


FAILURES: list[str] = []
"""Failed cells of the sweep that just ended, found by the callback in the parent process."""


class SweepReport(Callback):
    """Runs in the parent process whatever the launcher: finds the cells that failed."""

    def __init__(self) -> None:
        self.started = time.time()

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        self.started = time.time()
        FAILURES.clear()

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        FAILURES[:] = failed_cells(Path(config.hydra.sweep.dir), self.started)


def failure_line(failures: list[str]) -> str:
    """One line for the end of a sweep with failed cells."""
    return f"{len(failures)} cell(s) failed, the others finished: " + "; ".join(failures)
