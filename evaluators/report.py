"""One self-contained HTML report per run or aggregate: tables, figures, sample dialogues.

Figures are embedded as base64 PNGs and the page declares UTF-8 with a
CJK-capable font stack, so the file renders (Chinese included) when mailed or
opened from disk without its run directory. The page's `lang` is that of its
dialogues (`zh-Hans` for a zh run, so browsers pick Chinese glyphs and
screen readers the right voice); in a mixed aggregate each sample transcript
carries its own. The report only presents: every number comes from
`evaluators.aggregate`.

The markup lives in `evaluators/templates/` (package data) and is rendered by
Jinja2 with autoescaping, so debtor speech, strategy names and a failed cell's
reason can never inject markup into the page. This module only turns tables
into plain rows of text and numbers (the "views" below) for the templates.
"""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from pydantic import BaseModel, ConfigDict

from evaluators.aggregate import METRICS, group_table, pairwise_table, wide
from evaluators.compliance.concepts import COLUMNS
from evaluators.compliance.tables import by_jurisdiction, by_rule, by_termination
from evaluators.evaluate_settings import EvaluateSettings
from evaluators.plots import FIGURES
from evaluators.report_cuts import CUT_METRICS, cut_tables
from evaluators.report_samples import Sample
from simulator.store import write_atomic

TEMPLATES = "templates"
"""The folder of `evaluators` holding the report's templates (shipped as package data)."""
PAGE, PARTS = "report.html.j2", "report_parts.html.j2"
ROOT_CAUSE_METRICS = ("success_recovery_rate", "recovery_ratio", "over_concession_rate")
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
"""Run language → BCP 47 tag of the page."""


class FailedCell(BaseModel):
    """A sweep cell that failed (its FAILED marker), left out of the aggregate."""

    model_config = ConfigDict(frozen=True)

    path: str
    reason: str


@dataclass(frozen=True)
class Estimate:
    """A mean or difference as printed: its value and its CI, formatted here so templates stay dumb."""

    value: str
    ci: str | None = None


@dataclass(frozen=True)
class MetricsRow:
    """One group: its key values, its size and each metric's estimate."""

    groups: list[str]
    n: int
    cells: list[Estimate]


@dataclass(frozen=True)
class MetricsView:
    """A group table as the template reads it: key columns, metric labels, one row per group."""

    columns: list[str]
    labels: list[str]
    rows: list[MetricsRow]


@dataclass(frozen=True)
class PairCell:
    """One metric's a − b; `significant` shades the cell (its CI excludes 0)."""

    estimate: Estimate
    significant: bool


@dataclass(frozen=True)
class PairRow:
    """One strategy pair; `design` is plain text (autoescaped like any other)."""

    a: str
    b: str
    design: str
    cells: list[PairCell]


@dataclass(frozen=True)
class PairwiseView:
    """The pairwise table: one row per strategy pair, one column per metric label; no rows, no table."""

    labels: list[str]
    rows: list[PairRow]


@dataclass(frozen=True)
class Figure:
    """A figure's title and its PNG as a data URI, so the page needs no files beside it."""

    title: str
    uri: str


@dataclass(frozen=True)
class TableView:
    """A plain table as the template reads it: column labels and rows of already formatted text."""

    columns: list[str]
    rows: list[list[str]]


def rule_view(frame: pd.DataFrame) -> TableView:
    """Compliance by rule: per language, findings and the share of calls with the rule."""
    table = by_rule(frame)
    rows = [
        [r.rule, r.concepts, r.language, str(r.findings), str(r.calls), f"{r.share:.3f}", r.citation]
        for r in table.itertuples()
    ]
    return TableView(["rule", "concept", "language", "findings", "calls", "share of calls", "citation"], rows)


def jurisdiction_view(frame: pd.DataFrame) -> TableView:
    """Compliance by jurisdiction and language: calls, compliance rate, calls with a finding per family."""
    table = by_jurisdiction(frame)
    families = [name.removeprefix("compliance_").replace("_", " ") for name in COLUMNS]
    rows = [
        [str(r["jurisdiction"]), str(r["language"]), str(r["calls"]), f"{r['compliant']:.3f}"]
        + [str(r[name]) for name in COLUMNS]
        for _, r in table.iterrows()
    ]
    return TableView(["jurisdiction", "language", "calls", "compliance rate", *families], rows)


def termination_view(frame: pd.DataFrame) -> TableView:
    """Calls per termination and language, the new terminations (dispute_recorded, …) included."""
    table = by_termination(frame)
    languages = [c for c in table.columns if c != "termination"]
    rows = [[str(r["termination"]), *(str(int(r[lang])) for lang in languages)] for _, r in table.iterrows()]
    return TableView(["termination", *languages], rows)


@functools.cache
def environment() -> Environment:
    """The templates' environment, loaded through package resources so an installed wheel finds them.

    Autoescaping is on for every template here (they are all HTML): a template
    never has to remember to escape, and `Markup` is never needed.
    """
    return Environment(
        loader=PackageLoader("evaluators", TEMPLATES),
        autoescape=select_autoescape(("html", "html.j2"), default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def page_language(languages: list[str]) -> str:
    """The page's tag: the one language of the dialogues, or English for a mix."""
    found = set(languages)
    return HTML_LANG.get(found.pop(), "en") if len(found) == 1 else "en"


def estimate(value: float, lo: float | None = None, hi: float | None = None) -> Estimate:
    """Three decimals, a dash when there is no value, the CI only when both ends are finite."""
    if value is None or not np.isfinite(value):
        return Estimate("–")
    ci = f"[{lo:.3f}, {hi:.3f}]" if lo is not None and np.isfinite(lo) and np.isfinite(hi) else None
    return Estimate(f"{value:.3f}", ci)


def constant(values: pd.Series) -> bool:
    """All equal (NaN counts as one value): a column that says nothing about the rows."""
    return values.round(9).nunique(dropna=False) <= 1


def metrics_view(table: pd.DataFrame, by: list[str], names: tuple[str, ...] | None = None) -> MetricsView:
    """The group table's rows; a metric constant over two or more rows is not shown (it never varies)."""
    flat = wide(table, by)
    chosen = [m for m in METRICS if (names is None or m.name in names) and m.name in flat.columns]
    if len(flat) > 1:
        chosen = [m for m in chosen if not constant(flat[m.name])]
    rows = [
        MetricsRow(
            groups=[str(row[c]) for c in by],
            n=int(row["n"]),
            cells=[estimate(row[m.name], row[m.name + "_lo"], row[m.name + "_hi"]) for m in chosen],
        )
        for _, row in flat.iterrows()
    ]
    return MetricsView(columns=list(by), labels=[m.label for m in chosen], rows=rows)


@dataclass(frozen=True)
class CutView:
    """One cut of the outcomes (`evaluators.report_cuts`): its title and its table."""

    title: str
    table: MetricsView


def cut_views(frame: pd.DataFrame, n_boot: int, seed: int) -> list[CutView]:
    """A table per cut that varies in the data (band, stage, product, noise level, day), × strategy."""
    return [
        CutView(" × ".join([cut.label, *keys[1:]]), metrics_view(table, keys, CUT_METRICS))
        for cut, keys, table in cut_tables(frame, n_boot, seed)
    ]


def pair_design(first: pd.Series, a: str, b: str) -> str:
    """How a pair was resampled and, when paired, how many personas only one of them met."""
    design = f"{'paired' if first['paired'] else 'unpaired'}, {first['units']} personas"
    if first["paired"] and first["only_a"] + first["only_b"]:
        design += f"; left out: {first['only_a']} met only by {a}, {first['only_b']} only by {b}"
    return design


def pairwise_view(pairs: pd.DataFrame) -> PairwiseView:
    """One row per strategy pair, one column per metric: a − b [95% CI], significant cells marked."""
    if pairs.empty:
        return PairwiseView(labels=[], rows=[])
    rows = []
    for (a, b), group in pairs.groupby(["a", "b"], sort=False):
        cells = [
            PairCell(estimate(row["difference"], row["ci_low"], row["ci_high"]), bool(row["significant"]))
            for _, row in group.iterrows()
        ]
        rows.append(PairRow(str(a), str(b), pair_design(group.iloc[0], str(a), str(b)), cells))
    return PairwiseView(labels=list(dict.fromkeys(pairs["label"])), rows=rows)


def pairwise_html(pairs: pd.DataFrame) -> str:
    """The pairwise table alone (the page's own macro), for callers that show just the differences."""
    return str(environment().get_template(PARTS).module.pairwise_table(pairwise_view(pairs)))


def figures_view(frame: pd.DataFrame) -> list[Figure]:
    """Each figure as a base64 data URI, so the page stays one file."""
    return [
        Figure(title, "data:image/png;base64," + base64.b64encode(draw(frame)).decode("ascii"))
        for title, draw in FIGURES.items()
    ]


def build_report(
    frame: pd.DataFrame,
    samples: list[Sample],
    n_boot: int,
    seed: int,
    title: str,
    by: list[str] | None = None,
    failed: list[FailedCell] | tuple[FailedCell, ...] = (),
) -> str:
    by = by or ["strategy"]
    return (
        environment()
        .get_template(PAGE)
        .render(
            title=title,
            lang=page_language(list(frame["language"].astype(str).unique())),
            failed=list(failed),
            dialogues=len(frame),
            runs=sorted(frame["run_id"].unique()),
            n_boot=n_boot,
            by=by,
            by_group=metrics_view(group_table(frame, by, n_boot, seed), by),
            pairwise=pairwise_view(pairwise_table(frame, n_boot, seed)),
            by_root_cause=metrics_view(
                group_table(frame, ["strategy", "root_cause"], n_boot, seed),
                ["strategy", "root_cause"],
                ROOT_CAUSE_METRICS,
            ),
            cuts=cut_views(frame, n_boot, seed),
            figures=figures_view(frame),
            compliance_rules=rule_view(frame),
            compliance_jurisdictions=jurisdiction_view(frame),
            terminations=termination_view(frame),
            samples=[(s, HTML_LANG.get(s.language, "en")) for s in samples],
        )
    )


def write_report(
    path: Path,
    frame: pd.DataFrame,
    samples: list[Sample],
    settings: EvaluateSettings,
    title: str,
    by: list[str] | None = None,
) -> None:
    write_atomic(path, build_report(frame, samples, settings.bootstrap, settings.seed, title, by))
