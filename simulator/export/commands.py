"""`debtsim export RUN_DIR [target=a,b] [key=value ...]`: filter + export an existing run.

Settings start from the packaged `conf/export/default.yaml` and
`conf/filter/default.yaml`; `key=value` overrides a dotted key of the export
settings, `filter.key=value` one of the filter settings (values parsed as
YAML). Every failure is one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from evaluators.filters import FilterError
from simulator.config import ConfigError
from simulator.errors import fail
from simulator.export.settings import ExportError, load_defaults

USAGE = "usage: debtsim export RUN_DIR [target=llamafactory,swift,trl,openai] [key=value ...]"


def set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    node = data
    for part in parts[:-1]:
        if not isinstance(node.get(part), dict):
            fail(f"unknown setting {key!r}")
        node = node[part]
    if parts[-1] not in node:
        fail(f"unknown setting {key!r}")
    node[parts[-1]] = value


def parse_args(args: list[str]) -> tuple[Path, dict, dict]:
    if not args or args[0] in ("-h", "--help") or "=" in args[0]:
        fail(USAGE)
    run_dir = Path(args[0])
    if not run_dir.is_dir():
        fail(f"run directory not found: {run_dir}")
    export, filters = load_defaults("export"), load_defaults("filter")
    for arg in args[1:]:
        key, sep, raw = arg.partition("=")
        if not sep:
            fail(f"expected key=value, got {arg!r}")
        value = raw if key in ("target", "targets") else yaml.safe_load(raw)
        if key in ("target", "targets"):
            export["targets"] = value
        elif key.startswith("filter."):
            set_dotted(filters, key.removeprefix("filter."), value)
        else:
            set_dotted(export, key, value)
    return run_dir, filters, export


def export_command(args: list[str]) -> None:
    from simulator.export.stage import export_run

    run_dir, filters, export = parse_args(args)
    try:
        export_run(run_dir, filters, export)
    except (ExportError, FilterError, ConfigError) as exc:
        fail(str(exc))
