"""sim2real.json and sim2real.html from a comparison: the same rows, for machines and for people."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from evaluators.sim2real.compare import FeatureResult
from simulator.store import write_atomic

JSON_NAME, HTML_NAME = "sim2real.json", "sim2real.html"


def document(
    features: list[FeatureResult], by_cause: dict[str, list[FeatureResult]], meta: dict[str, Any]
) -> dict:
    return {
        **meta,
        "features": [f.model_dump() for f in features],
        "by_root_cause": {k: [f.model_dump() for f in v] for k, v in by_cause.items()},
    }


def _finite(value: Any) -> Any:
    """NaN (a feature neither side could measure) as null: JSON has no NaN."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def write_report(out_dir: Path, doc: dict) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(out_dir / JSON_NAME, json.dumps(_finite(doc), indent=2, ensure_ascii=False))
    source = (
        resources.files("evaluators.sim2real").joinpath("templates", "sim2real.html.j2").read_text("utf-8")
    )
    page = (
        jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
        .from_string(source)
        .render(**doc)
    )
    write_atomic(out_dir / HTML_NAME, page)
    return out_dir / JSON_NAME, out_dir / HTML_NAME
