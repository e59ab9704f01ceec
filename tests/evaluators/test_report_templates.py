"""report.html renders from templates shipped as package data, and escapes whatever a dialogue holds.

Debtor speech, strategy names, a failed sweep cell's reason and the title are
user-controlled text; the page must show them, never run them.
"""

from __future__ import annotations

import ast
import fnmatch
import importlib.resources
import re
import tomllib
from pathlib import Path

import pandas as pd
from jinja2 import PackageLoader

from debtsim.evaluate_commands import FAILED, aggregate_command
from evaluators.report import FailedCell, build_report, environment
from evaluators.report_samples import SampleKeeper
from evaluators.scoring import score_transcript
from evaluators.selection import card
from scenarios import CollectorAct, DebtorAct, plan_offer
from simulator.transcript import Termination
from tests.evaluators.eval_dialogues import RICH, Dialogue, persona

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<script>alert(1)</script> & co"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
FULL = plan_offer(1200.0, 0.0, 1200.0, 0, 7)
TEMPLATES = {
    "evaluators": {"report.html.j2", "report_parts.html.j2"},
    "evaluators.selection": {"dataset_card.md.j2"},
}
TAG = re.compile(r"<(!DOCTYPE|html|body|table|tr|td|th|div|h[1-6]|p|li|ul|img|details|small|code)\b", re.I)


def hostile(strategy: str, index: int):
    """A dialogue whose debtor says, and whose collector is misheard saying, HOSTILE."""
    d = Dialogue().opening().deal(FULL).say(DebtorAct.ACKNOWLEDGE_DEBT, HOSTILE)
    d.turns[6] = d.turns[6].model_copy(update={"text": "heard " + HOSTILE})  # the offer, misheard
    return d.finish(
        persona(**RICH, pid=f"p{index}"), Termination.AGREEMENT, FULL, strategy=strategy, index=index
    )


def two_strategies() -> list:
    return [hostile("plain", 0), hostile("s" + HOSTILE, 1)]


def page(transcripts, **kw) -> str:
    keeper, rows = SampleKeeper(4), []
    for t in transcripts:
        row = score_transcript(t)
        keeper.offer(t, row)
        rows.append(row)
    return build_report(pd.DataFrame(rows), keeper.samples(), 50, 0, "title " + HOSTILE, **kw)


def test_user_text_is_escaped_in_the_run_report() -> None:
    text = page(two_strategies(), failed=[FailedCell(path="7", reason=HOSTILE)])
    assert "<script" not in text.lower() and HOSTILE not in text
    assert f"<title>title {ESCAPED}</title>" in text and f"<h1>title {ESCAPED}</h1>" in text
    assert f"<code>7</code>: {ESCAPED}</li>" in text  # failed cell's reason
    assert f"<i>({DebtorAct.ACKNOWLEDGE_DEBT})</i>: {ESCAPED}</div>" in text  # debtor speech
    assert f'<div class="heard">heard: heard {ESCAPED}</div>' in text  # what the debtor heard
    assert f'<td class="key">s{ESCAPED}</td>' in text  # strategy in the group table
    assert f'<td class="key">plain − s{ESCAPED}</td>' in text  # and in the pairwise table
    assert f"<summary>s{ESCAPED} · " in text  # and in a sample's summary
    assert text.count("<table>") == 5 and text.count('<img alt="') == 4  # + compliance, terminations


def test_aggregate_report_escapes_failed_cells_and_dialogues(tmp_path: Path, capsys) -> None:
    root = tmp_path / "sweep"
    (root / "0").mkdir(parents=True)
    (root / "0" / "transcripts.jsonl").write_text(
        "".join(t.model_dump_json() + "\n" for t in two_strategies()), encoding="utf-8"
    )
    (root / "1").mkdir()
    (root / "1" / FAILED).write_text(HOSTILE + "\n", encoding="utf-8")
    aggregate_command([str(root), "--bootstrap", "100"])
    assert "1 failed cell(s) left out" in capsys.readouterr().out
    text = (root / "report.html").read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert "<h2>Failed cells</h2>" in text and f"<li><code>1</code>: {ESCAPED}</li>" in text
    assert f'<td class="key">s{ESCAPED}</td>' in text and f": {ESCAPED}</div>" in text


def test_templates_are_package_resources() -> None:
    """Listed by importlib.resources (what an installed wheel holds), loaded by PackageLoader."""
    for package, names in TEMPLATES.items():
        shipped = {p.name for p in importlib.resources.files(package).joinpath("templates").iterdir()}
        assert names <= shipped, package
    for env, package in ((environment(), "evaluators"), (card.environment(), "evaluators.selection")):
        assert isinstance(env.loader, PackageLoader) and env.loader.package_name == package
        assert TEMPLATES[package] <= set(env.list_templates())


def test_pyproject_ships_the_templates_and_needs_jinja2() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert any(d.replace(" ", "").startswith("jinja2>=") for d in project["project"]["dependencies"])
    package_data = project["tool"]["setuptools"]["package-data"]
    for package, names in TEMPLATES.items():
        for name in names:
            assert any(fnmatch.fnmatch(f"templates/{name}", g) for g in package_data[package]), name


def test_report_autoescapes_and_the_card_does_not() -> None:
    assert environment().get_template("report.html.j2").environment.autoescape("report.html.j2")
    assert not card.environment().autoescape


def test_no_html_is_built_in_python_strings() -> None:
    """Markup lives in the templates only: no string literal of the app, judges or engine holds a tag."""
    found = []
    for package in ("evaluators", "debtsim", "simulator"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and TAG.search(node.value):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, found


def test_collector_turns_keep_their_class() -> None:
    text = page([hostile("plain", 0)])
    assert f'<div class="turn collector"><b>collector</b> <i>({CollectorAct.GREET})</i>: Hello' in text
