"""One self-contained HTML report per run or aggregate: tables, figures, sample dialogues.

Figures are embedded as base64 PNGs and the page declares UTF-8 with a
CJK-capable font stack, so the file renders (Chinese included) when mailed or
opened from disk without its run directory. The page's `lang` is that of its
dialogues (`zh-Hans` for a zh run, so browsers pick Chinese glyphs and
screen readers the right voice); in a mixed aggregate each sample transcript
carries its own. The report only presents: every number comes from
`evaluators.aggregate`.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from evaluators.aggregate import METRICS, group_table, pairwise_table, wide
from evaluators.evaluate_settings import EvaluateSettings
from evaluators.plots import FIGURES
from evaluators.report_samples import Sample
from simulator.store import write_atomic

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
    '"WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
)
STYLE = f"""
body {{ font-family: {FONT_STACK}; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; font-size: 13px; }}
th, td {{ border: 1px solid #ccc; padding: 3px 7px; text-align: right; }}
th {{ background: #f3f3f3; }} td.key, th.key {{ text-align: left; }}
td.sig {{ background: #eaf6ea; }} img {{ max-width: 100%; margin: 0.5em 0; }}
details {{ margin: 0.4em 0; }} .turn {{ margin: 2px 0; }} .collector {{ color: #1a4f8b; }}
.heard {{ color: #888; font-size: 12px; }} .findings {{ color: #b03030; }}
"""
SIG_CELL = '<td class="sig">'
ROOT_CAUSE_METRICS = ("success_recovery_rate", "recovery_ratio", "over_concession_rate")
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
"""Run language → BCP 47 tag of the page."""


class FailedCell(BaseModel):
    """A sweep cell that failed (its FAILED marker), left out of the aggregate."""

    model_config = ConfigDict(frozen=True)

    path: str
    reason: str


def page_language(languages: list[str]) -> str:
    """The page's tag: the one language of the dialogues, or English for a mix."""
    found = set(languages)
    return HTML_LANG.get(found.pop(), "en") if len(found) == 1 else "en"


def fmt(value: float, lo: float | None = None, hi: float | None = None) -> str:
    if value is None or not np.isfinite(value):
        return "–"
    text = f"{value:.3f}"
    if lo is not None and np.isfinite(lo) and np.isfinite(hi):
        text += f" <small>[{lo:.3f}, {hi:.3f}]</small>"
    return text


def metrics_html(table: pd.DataFrame, by: list[str], names: tuple[str, ...] | None = None) -> str:
    flat = wide(table, by)
    chosen = [m for m in METRICS if names is None or m.name in names]
    head = "".join(f'<th class="key">{html.escape(c)}</th>' for c in by) + "<th>n</th>"
    head += "".join(f"<th>{html.escape(m.label)}</th>" for m in chosen)
    rows = []
    for _, row in flat.iterrows():
        cells = "".join(f'<td class="key">{html.escape(str(row[c]))}</td>' for c in by)
        cells += f"<td>{int(row['n'])}</td>"
        cells += "".join(
            f"<td>{fmt(row[m.name], row[m.name + '_lo'], row[m.name + '_hi'])}</td>" for m in chosen
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def pairwise_html(pairs: pd.DataFrame) -> str:
    """One row per strategy pair, one column per metric: a − b [95% CI], significant cells shaded."""
    if pairs.empty:
        return "<p>Only one strategy: no pairwise differences.</p>"
    labels = list(dict.fromkeys(pairs["label"]))
    head = '<th class="key">a − b</th><th class="key">design</th>'
    head += "".join(f"<th>{html.escape(label)}</th>" for label in labels)
    rows = []
    for (a, b), group in pairs.groupby(["a", "b"], sort=False):
        first = group.iloc[0]
        design = f"{'paired' if first['paired'] else 'unpaired'}, {first['units']} personas"
        if first["paired"] and first["only_a"] + first["only_b"]:
            design += (
                f"; left out: {first['only_a']} met only by {html.escape(str(a))}, "
                f"{first['only_b']} only by {html.escape(str(b))}"
            )
        cells = "".join(
            (SIG_CELL if row["significant"] else "<td>")
            + fmt(row["difference"], row["ci_low"], row["ci_high"])
            + "</td>"
            for _, row in group.iterrows()
        )
        rows.append(
            f'<tr><td class="key">{html.escape(a)} − {html.escape(b)}</td><td class="key">{design}</td>{cells}</tr>'
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def figures_html(frame: pd.DataFrame) -> str:
    parts = []
    for title, draw in FIGURES.items():
        encoded = base64.b64encode(draw(frame)).decode("ascii")
        parts.append(
            f'<h3>{html.escape(title)}</h3><img alt="{html.escape(title)}" src="data:image/png;base64,{encoded}">'
        )
    return "\n".join(parts)


def sample_html(sample: Sample) -> str:
    lines = []
    for turn in sample.turns:
        heard = (
            "" if turn.heard == turn.text else f'<div class="heard">heard: {html.escape(turn.heard)}</div>'
        )
        lines.append(
            f'<div class="turn {html.escape(turn.speaker)}"><b>{html.escape(turn.speaker)}</b> '
            f"<i>({html.escape(turn.act)})</i>: {html.escape(turn.text)}{heard}</div>"
        )
    findings = (
        f'<div class="findings">findings: {html.escape(sample.findings)}</div>' if sample.findings else ""
    )
    summary = (
        f"{html.escape(sample.strategy)} · {html.escape(sample.root_cause)} · {html.escape(sample.cell)} · "
        f"{html.escape(sample.termination)} · reward {sample.reward:.2f} · {html.escape(sample.dialogue_id)}"
    )
    lang = HTML_LANG.get(sample.language, "en")
    return f'<details lang="{lang}"><summary>{summary}</summary>{findings}{"".join(lines)}</details>'


def failed_html(failed: list[FailedCell]) -> str:
    items = "".join(f"<li><code>{html.escape(c.path)}</code>: {html.escape(c.reason)}</li>" for c in failed)
    return (
        f'<h2>Failed cells</h2><p class="findings">{len(failed)} cell(s) of the sweep failed and are '
        f"left out of every table and figure:</p><ul>{items}</ul>"
    )


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
    sections = [
        f"<h1>{html.escape(title)}</h1>",
        failed_html(list(failed)) if failed else "",
        f"<p>{len(frame)} dialogues · runs: {html.escape(', '.join(sorted(frame['run_id'].unique())))} · "
        f"95% bootstrap CIs ({n_boot} resamples) in brackets.</p>",
        f"<h2>By {html.escape(', '.join(by))}</h2>",
        metrics_html(group_table(frame, by, n_boot, seed), by),
        "<h2>Pairwise strategy differences</h2><p>Shaded: the 95% CI excludes 0.</p>",
        pairwise_html(pairwise_table(frame, n_boot, seed)),
        "<h2>By strategy × root cause</h2>",
        metrics_html(
            group_table(frame, ["strategy", "root_cause"], n_boot, seed),
            ["strategy", "root_cause"],
            ROOT_CAUSE_METRICS,
        ),
        "<h2>Figures</h2>",
        figures_html(frame),
        "<h2>Sample transcripts</h2>",
        "\n".join(sample_html(s) for s in samples) or "<p>No samples kept.</p>",
    ]
    body = "\n".join(s for s in sections if s)
    lang = page_language(list(frame["language"].astype(str).unique()))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>\n{body}\n</body></html>\n"
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
