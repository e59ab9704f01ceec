"""The dataset card: `DATASET.md` and `stats.json` beside the exported training files.

A reader should be able to judge a dataset from its card alone: how many
records each split and target holds (counted from the files themselves, so the
card cannot disagree with them), how long prompts and replies are, how varied
the collector's words are (distinct-1/2), which acts, strategies, root causes
and health bands are covered, the IFD distribution, cluster sizes, and what
each filter and selection stage dropped and why. Token counts use the
selection's tokens (words for en, characters for zh), not a model tokenizer,
so the card is the same whichever model is trained next.

The Markdown lives in `evaluators/selection/templates/dataset_card.md.j2`
(package data, rendered by Jinja2); this module computes the numbers and hands
the template plain rows.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from jinja2 import Environment, PackageLoader, StrictUndefined

from evaluators.selection.reasons import Split
from evaluators.selection.record import TOKENS, Sample
from evaluators.selection.selector import Selection, drops_by_stage
from personas import HealthBand, RootCause
from scenarios import CollectorAct
from simulator.store import write_atomic
from simulator.transcript import Speaker

CARD, STATS = "DATASET.md", "stats.json"
TEMPLATES, CARD_TEMPLATE = "templates", "dataset_card.md.j2"
"""The card's template, in `evaluators/selection/templates/` (shipped as package data)."""
KINDS = ("sft", "dpo")


def line_count(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for line in f if line.strip())


def file_counts(export_dir: Path) -> dict[str, dict[str, dict[str, int]]]:
    """kind -> split -> file stem -> records, counted from the split folders."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for kind in KINDS:
        for split in Split:
            folder = export_dir / kind / str(split)
            if folder.is_dir():
                files = {p.stem: line_count(p) for p in sorted(folder.glob("*.jsonl"))}
                out.setdefault(kind, {})[str(split)] = files
    return out


def lengths(samples: Iterable[Sample]) -> tuple[list[int], list[int]]:
    """Tokens of each collector reply, and of everything said before it (its prompt)."""
    prompts, replies = [], []
    for sample in samples:
        prompts += sample.prompt_tokens
        replies += sample.reply_tokens
    return prompts, replies


def distinct(samples: Iterable[Sample]) -> dict[str, float]:
    """distinct-n: distinct n-grams ÷ all n-grams over the collector's replies."""
    grams: dict[int, Counter] = {1: Counter(), 2: Counter()}
    for sample in samples:
        for text in sample.collector_texts:
            tokens = TOKENS.tokens(text, sample.language)
            for n, counter in grams.items():
                counter.update(zip(*(tokens[i:] for i in range(n)), strict=False))
    return {f"distinct_{n}": round(len(c) / max(1, c.total()), 4) for n, c in grams.items()}


def coverage(samples: Sequence[Sample]) -> dict[str, dict]:
    acts = Counter(a for s in samples for a in s.acts(Speaker.COLLECTOR))

    def cover(counter: Counter, universe: Iterable[str]) -> dict:
        names = [str(u) for u in universe]
        return {
            "counts": {n: counter.get(n, 0) for n in names},
            "covered": sum(counter.get(n, 0) > 0 for n in names),
            "of": len(names),
        }

    return {
        "collector_acts": cover(acts, CollectorAct),
        "strategies": {"counts": dict(Counter(s.strategy for s in samples))},
        "root_causes": cover(Counter(s.root_cause for s in samples), RootCause),
        "health_bands": cover(Counter(s.band for s in samples), HealthBand),
    }


def histogram(values: Sequence[float], title: str, path: Path, bins: int = 40) -> str | None:
    if not len(values):
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.hist(values, bins=bins, color="#4477aa")
    ax.set_title(title)
    ax.set_ylabel("count")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path.name


def summary_of(values: Sequence[float]) -> dict[str, float]:
    if not len(values):
        return {}
    arr = np.asarray(values, dtype=float)
    arr = arr[np.isfinite(arr)]
    qs = np.quantile(arr, [0.05, 0.25, 0.5, 0.75, 0.95]) if arr.size else [np.nan] * 5
    return {
        "n": int(arr.size),
        "mean": round(float(arr.mean()), 4),
        **{
            f"p{int(q * 100)}": round(float(v), 4)
            for q, v in zip((0.05, 0.25, 0.5, 0.75, 0.95), qs, strict=True)
        },
    }


def ifd_stats(selection: Selection) -> dict:
    """Per-sample and per-dialogue IFD summaries and how many replies were kept; {} when not computed."""
    if selection.ifd is None:
        return {}
    dialogues = selection.ifd.by_dialogue()
    return {
        "per_sample": summary_of(selection.ifd_samples),
        "per_dialogue": summary_of(dialogues["ifd"].tolist()),
        "samples": len(selection.ifd_samples),
        "samples_kept": int(selection.ifd.kept.sum()),
        "dialogues": len(dialogues),
    }


def build_stats(export_dir: Path, samples: Sequence[Sample], selection: Selection, filters: dict) -> dict:
    kept_ids = {m.dialogue_id for m in selection.kept()}
    kept = [s for s in samples if s.dialogue_id in kept_ids]
    prompts, replies = lengths(kept)
    images = {
        "prompt_tokens": histogram(
            prompts, "prompt tokens (before each collector reply)", export_dir / "prompt_tokens.png"
        ),
        "reply_tokens": histogram(replies, "collector reply tokens", export_dir / "reply_tokens.png"),
        "ifd": histogram(selection.ifd_samples, "IFD per sample", export_dir / "ifd.png"),
        "cluster_sizes": histogram(
            list(selection.cluster_sizes.values()),
            "records per cluster",
            export_dir / "cluster_sizes.png",
            bins=30,
        ),
    }
    return {
        "ifd": ifd_stats(selection),
        "records": file_counts(export_dir),
        "dialogues": {"selected": len(kept), "input": len(samples)},
        "tokens": {"prompt": summary_of(prompts), "reply": summary_of(replies)},
        "diversity": distinct(kept),
        "coverage": coverage(kept),
        "clusters": {"k": len(selection.cluster_sizes), "sizes": selection.cluster_sizes},
        "filters": filters,
        "selection": {
            "stages": selection.stages,
            "drops": drops_by_stage(selection),
            "notices": selection.notices,
        },
        "images": {k: v for k, v in images.items() if v},
    }


@dataclass(frozen=True)
class RecordsTable:
    """Records of one target (sft or dpo): a row per split, a column per file stem."""

    kind: str
    header: list[str]
    rows: list[list[object]]


@dataclass(frozen=True)
class CoverageTable:
    """Counts of one dimension; `covered`/`of` only where the universe of values is known."""

    key: str
    covered: int | None
    of: int | None
    rows: list[tuple[str, int]]


@dataclass(frozen=True)
class CardView:
    """The card's tables as plain rows: the template lays them out, no Markdown is built here."""

    records: list[RecordsTable]
    filter_drops: list[tuple[str, int]]
    stages: list[list[object]]
    stage_drops: list[tuple[str, str, int]]
    token_header: list[str]
    token_rows: list[list[object]]
    coverage: list[CoverageTable]
    cluster_sizes: list[int]


def markdown_cell(value: object) -> str:
    """A value made safe for one Markdown table cell: a `|` or a newline would split the row."""
    return str(value).replace("|", "\\|").replace("\n", " ")


@functools.cache
def environment() -> Environment:
    """The card's template, loaded through package resources so an installed wheel finds it.

    Autoescaping is off: the card is Markdown, and HTML entities would show up
    literally in a Markdown viewer. Table cells are made safe by `cell` instead.
    """
    env = Environment(
        loader=PackageLoader("evaluators.selection", TEMPLATES),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = markdown_cell
    env.filters["json"] = json.dumps
    return env


def records_tables(records: dict) -> list[RecordsTable]:
    """One table per target (sft, dpo): a row per split, a column per file stem (0 where absent)."""
    tables = []
    for kind, splits in records.items():
        stems = sorted({stem for files in splits.values() for stem in files})
        rows = [[split, *(files.get(s, 0) for s in stems)] for split, files in splits.items()]
        tables.append(RecordsTable(kind, ["split", *stems], rows))
    return tables


def card_view(stats: dict) -> CardView:
    sel, tokens = stats["selection"], stats["tokens"]
    return CardView(
        records=records_tables(stats["records"]),
        filter_drops=sorted(stats["filters"].get("dropped", {}).items()),
        stages=[
            [s["stage"], s["seen"], s["kept"], *s["difficulty"].values(), s["hard_agreed"]]
            for s in sel["stages"]
        ],
        stage_drops=[(stage, reason, n) for stage, rs in sel["drops"].items() for reason, n in rs.items()],
        token_header=["", *tokens["reply"].keys()],
        token_rows=[[k, *v.values()] for k, v in tokens.items() if v],
        coverage=[
            CoverageTable(key, cov.get("covered"), cov.get("of"), sorted(cov["counts"].items()))
            for key, cov in stats["coverage"].items()
        ],
        cluster_sizes=sorted(stats["clusters"]["sizes"].values(), reverse=True),
    )


def render(stats: dict, name: str) -> str:
    """DATASET.md from the stats alone, so the card never shows a number stats.json lacks."""
    return environment().get_template(CARD_TEMPLATE).render(stats=stats, view=card_view(stats), name=name)


def write_card(
    export_dir: Path,
    samples: Sequence[Sample],
    selection: Selection,
    filters: dict,
    name: str = "debtsim dataset",
) -> dict:
    """Write `DATASET.md`, `stats.json` and the histogram images into `export_dir`; the stats."""
    export_dir = Path(export_dir)
    stats = build_stats(export_dir, samples, selection, filters)
    write_atomic(export_dir / STATS, json.dumps(stats, indent=2, ensure_ascii=False, default=str))
    write_atomic(export_dir / CARD, render(stats, name))
    return stats
