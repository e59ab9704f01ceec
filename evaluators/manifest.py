"""A run's `manifest.json`, one section at a time.

`debtsim run` writes the whole manifest once its stages are done; a stage run
again on its own (`debtsim evaluate`, `debtsim export`, `debtsim aggregate`
scoring a run without scores) replaces only its own section — `evaluate` or
`export` — so the manifest keeps describing the files that are beside it.
The file is rewritten atomically; a manifest that is not valid JSON is an
error, never overwritten.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from simulator.errors import DebtsimError
from simulator.store import write_atomic

MANIFEST = "manifest.json"


class ManifestError(DebtsimError):
    """A manifest.json that cannot be read back; one line naming the file."""


def read_manifest(run_dir: Path) -> dict[str, Any]:
    path = Path(run_dir) / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ManifestError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise ManifestError(f"{path}: expected a JSON object")
    return data


def write_section(run_dir: Path, section: str, value: Any) -> dict[str, Any]:
    """Replace `section` of the run's manifest (creating the file if needed); the whole manifest back."""
    manifest = read_manifest(run_dir)
    manifest[section] = value
    write_atomic(Path(run_dir) / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest
