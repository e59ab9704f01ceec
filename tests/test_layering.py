"""Imports point down only, and no two modules (or sub-packages) import each other.

Layers, bottom to top: domain (`personas`, `scenarios`) → engine (`simulator`) →
judges (`evaluators`) → app (`debtsim`). Every import of every module counts —
top-level, lazy (inside a function) and `TYPE_CHECKING` alike — and there is no
exception list: a module that needs something from above takes it as an argument.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {"personas": 0, "scenarios": 0, "simulator": 1, "evaluators": 2, "debtsim": 3}
"""A package may import packages of a lower layer; the domain's two packages import neither each other."""


def module_files() -> dict[str, Path]:
    modules = {}
    for package in LAYERS:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module file an imported name lives in: `a.b.C` → `a.b` when `a/b.py` holds C."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module of ours that `path` imports, wherever the import statement stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {m for n in names if n.split(".")[0] in LAYERS and (m := resolve(n, modules))}
    return found


def import_graph() -> dict[str, set[str]]:
    modules = module_files()
    return {name: imports_of(path, modules) - {name} for name, path in modules.items()}


def cycles(graph: dict[str, Iterable[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def part_of(module: str, modules: dict[str, Path]) -> str:
    """The unit a package cycle is counted between: a second-level package (`simulator.llm`,
    `debtsim.export`, nested packages included) or, outside those, the module itself."""
    package = ".".join(module.split(".")[:2])
    return package if modules.get(package, Path()).name == "__init__.py" else module


def test_imports_point_down():
    bad = []
    for module, targets in import_graph().items():
        top = module.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if other != top and LAYERS[other] >= LAYERS[top]:
                bad.append(f"{module} imports {target}")
    assert not bad, "upward or sideways imports:\n" + "\n".join(sorted(bad))


def test_no_module_imports_another_that_imports_it_back():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_no_cycle_between_subpackages():
    """`simulator.agents` → `simulator.llm` means nothing in `llm` reaches back into `agents`, even
    through a third module (`llm` → `config` → `agents` is a cycle of parts though no two modules
    import each other)."""
    modules = module_files()
    between: dict[str, set[str]] = {}
    for module, targets in import_graph().items():
        source = part_of(module, modules)
        between.setdefault(source, set()).update(
            part for target in targets if (part := part_of(target, modules)) != source
        )
    found = cycles(between)
    assert not found, "cycles between packages:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_cycle_finder_finds_what_it_should():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set(), "c": {"b"}}) == []
    assert sorted(cycles({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}})) == [["a", "b"], ["c", "d"]]


def test_lazy_imports_count(tmp_path):
    """An import inside a function or under TYPE_CHECKING is an import like any other."""
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from debtsim.cli import main\n"
        "def f():\n    import evaluators.scoring\n    from simulator import runner\n"
    )
    modules = {"debtsim.cli": Path(), "evaluators.scoring": Path(), "simulator.runner": Path()}
    assert imports_of(source, modules) == {"debtsim.cli", "evaluators.scoring", "simulator.runner"}


def test_every_import_of_ours_names_something_that_exists():
    """Lazy imports run only when their function does: a moved or renamed name would fail late, in a
    user's command (or in a test that only CI's model run reaches). Resolve every `from ours import
    name` of the packages, the tests and the benchmarks statically, wherever it stands."""
    import importlib

    modules, missing = module_files(), []
    scripts = {
        p.relative_to(ROOT).as_posix(): p for d in ("tests", "bench") for p in (ROOT / d).rglob("*.py")
    }
    for module, path in {**modules, **scripts}.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.module and node.level == 0):
                continue
            if node.module.split(".")[0] not in LAYERS:
                continue
            try:
                target = importlib.import_module(node.module)
            except ModuleNotFoundError as exc:
                if exc.name and exc.name.split(".")[0] in LAYERS:
                    missing.append(f"{module}: no module {node.module}")
                continue  # an optional third-party library this machine lacks
            for alias in node.names:
                if not hasattr(target, alias.name) and f"{node.module}.{alias.name}" not in modules:
                    missing.append(f"{module}: {node.module} has no {alias.name}")
    assert not missing, "\n".join(missing)
