"""Wording variety of a run's collector turns: distinct-1/2 and the most-used template's share.

Distinct-n is unique n-grams ÷ total n-grams over the whole corpus of collector
turns (en by word, zh by character) — the strict, corpus-level form; the mean
per-dialogue value is printed beside it. Targets: distinct-2 ≥ 0.35, top template ≤ 5 %.

Usage: python bench/variety.py RUN_DIR
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from scenarios import Language
from simulator.store import iter_records

_WORD = re.compile(r"\w+|[^\w\s]")


def tokens(text: str, language: Language) -> list[str]:
    if language is Language.ZH:
        return [ch for ch in text if not ch.isspace()]
    return _WORD.findall(text.lower())


def ngrams(toks: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)]


def variety(run_dir: Path) -> dict[str, float]:
    uni, bi, n_uni, n_bi = set(), set(), 0, 0
    templates: Counter = Counter()
    per_dialogue: list[float] = []
    turns = 0
    for record in iter_records(run_dir / "transcripts.jsonl"):
        local_bi, local_n = set(), 0
        for turn in record["turns"]:
            if turn["speaker"] != "collector":
                continue
            turns += 1
            templates[turn["template_id"]] += 1
            toks = tokens(turn["clean_text"], Language(record["language"]))
            grams = ngrams(toks, 2)
            uni.update(toks)
            bi.update(grams)
            local_bi.update(grams)
            n_uni, n_bi, local_n = n_uni + len(toks), n_bi + len(grams), local_n + len(grams)
        if local_n:
            per_dialogue.append(len(local_bi) / local_n)
    top_id, top_count = templates.most_common(1)[0]
    return {
        "collector_turns": turns,
        "distinct_1": len(uni) / max(n_uni, 1),
        "distinct_2": len(bi) / max(n_bi, 1),
        "distinct_2_per_dialogue": sum(per_dialogue) / max(len(per_dialogue), 1),
        "templates_used": len(templates),
        "top_template": top_id,
        "top_template_share": top_count / max(turns, 1),
    }


if __name__ == "__main__":
    figures = variety(Path(sys.argv[1]))
    for key, value in figures.items():
        print(f"{key:26s} {value:.4f}" if isinstance(value, float) else f"{key:26s} {value}")
    print(
        f"distinct-2 {figures['distinct_2']:.3f} vs target 0.35; top template share "
        f"{figures['top_template_share']:.2%} vs target ≤ 5%"
    )
