"""Dependencies point one way: personas, scenarios → nothing of ours; simulator → them; evaluators → simulator types.

Parses every module's imports (top-level and lazy) and fails on an upward edge.
The composition root (CLI, app, pipeline, export) is the one place allowed to
reach `evaluators` from `simulator`.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OURS = ("personas", "scenarios", "simulator", "evaluators")
ALLOWED = {
    "personas": set(),
    "scenarios": set(),
    "simulator": {"personas", "scenarios"},
    "evaluators": {"personas", "scenarios", "simulator"},
}
COMPOSITION_ROOT = (
    "simulator/cli.py",
    "simulator/app.py",
    "simulator/pipeline.py",
    "simulator/export/",
    "simulator/branching",
    "simulator/loop.py",
    "simulator/train/",
)
SIMULATOR_TYPES = (
    "simulator.transcript",
    "simulator.store",
    "simulator.errors",
    "simulator.llm",
    "simulator.config",
    "simulator.views",
    "simulator.noise",
)


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {n for n in names if n.split(".")[0] in OURS}


def test_no_upward_imports():
    bad = []
    for package in OURS:
        for path in (ROOT / package).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            for name in imported(path):
                top = name.split(".")[0]
                if top == package:
                    continue
                if package == "simulator" and top == "evaluators" and rel.startswith(COMPOSITION_ROOT):
                    continue
                if top not in ALLOWED[package]:
                    bad.append(f"{rel} imports {name}")
                elif package == "evaluators" and top == "simulator" and not name.startswith(SIMULATOR_TYPES):
                    bad.append(f"{rel} imports {name} (evaluators may use simulator types only)")
    assert not bad, "\n".join(bad)
