"""`debtsim export RUN_DIR [target=a,b] [key=value ...]`: filter + export an existing run.

Settings start from the run's own `config.yaml` — its `filter` and `export`
sections, so a run made with `filter=selection` or `export.text.debtor=clean`
is re-exported the way it was configured (and writes its dataset card when a
selection is configured). A run directory without `config.yaml`, or a config
written before a section existed, falls back to the packaged
`conf/<group>/default.yaml` for that section. `key=value` then overrides a
dotted key of the export settings, `filter.key=value` one of the filter
settings (values parsed as YAML). Every failure is one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from omegaconf import OmegaConf

from debtsim.export.export_settings import ExportError
from evaluators.filters import FilterError
from evaluators.selection import load_selection_defaults
from simulator.conf_defaults import load_defaults
from simulator.config import ConfigError
from simulator.errors import fail

USAGE = "usage: debtsim export RUN_DIR [target=llamafactory,swift,trl,openai,alpaca] [key=value ...]"
CONFIG = "config.yaml"


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


def run_sections(run_dir: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The run's own (filter, export) settings; a missing or empty section: the packaged default."""
    config: dict[str, Any] = {}
    path = run_dir / CONFIG
    if path.exists():
        try:
            config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            fail(f"{path}: not valid YAML ({str(exc).splitlines()[0]})")
        if not isinstance(config, dict):
            fail(f"{path}: expected a mapping of settings")
    filters, export = (
        over_defaults(config.get(group), load_defaults(group)) for group in ("filter", "export")
    )
    if isinstance(filters.get("selection"), dict):  # its defaults live in their own file, selection.yaml
        filters["selection"] = over_defaults(filters["selection"], load_selection_defaults())
    return filters, export


def over_defaults(saved: Any, defaults: dict[str, Any]) -> dict[str, Any]:
    """A run's saved settings merged over today's packaged defaults (OmegaConf's deep merge): a
    setting added since the run was made takes its default instead of failing the re-export; a saved
    key unknown today still fails, with one line naming it. A missing or empty section: the defaults."""
    if not isinstance(saved, dict) or not saved:
        return defaults
    merged = OmegaConf.merge(OmegaConf.create(defaults), OmegaConf.create(saved))
    return OmegaConf.to_container(merged, resolve=False)


def parse_args(args: list[str]) -> tuple[Path, dict, dict]:
    if not args or args[0] in ("-h", "--help") or "=" in args[0]:
        fail(USAGE)
    run_dir = Path(args[0])
    if not run_dir.is_dir():
        fail(f"run directory not found: {run_dir}")
    filters, export = run_sections(run_dir)
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
    from debtsim.export.export_stage import export_run

    run_dir, filters, export = parse_args(args)
    try:
        export_run(run_dir, filters, export)
    except (ExportError, FilterError, ConfigError) as exc:
        fail(str(exc))
