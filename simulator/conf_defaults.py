"""The packaged defaults of a config group, for stages and backends run outside Hydra.

Hydra composes `conf/` for `debtsim run`; a command that re-uses a stage on an old
run, and a backend that must build prompts in the exported training format, read
the same YAML through this one function.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def load_defaults(group: str) -> dict[str, Any]:
    """The packaged `conf/<group>/default.yaml` as a plain dict."""
    text = resources.files("conf").joinpath(group, "default.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
