"""DATASET.md renders from its Markdown template: headings and tables kept, nothing HTML-escaped."""

from __future__ import annotations

import re

from evaluators.selection.card import render

STATS = {
    "ifd": {},
    "records": {"sft": {"train": {"llamafactory": 3, "index": 3}, "test": {"index": 2}}},
    "dialogues": {"selected": 3, "input": 5},
    "tokens": {"prompt": {"n": 3, "mean": 1.5}, "reply": {"n": 3, "mean": 2.5}},
    "diversity": {"distinct_1": 0.5, "distinct_2": 0.75},
    "coverage": {
        "collector_acts": {"counts": {"greet": 2, "close": 0}, "covered": 1, "of": 2},
        "strategies": {"counts": {"firm & <b>fair</b>": 3}},
    },
    "clusters": {"k": 2, "sizes": {"0": 1, "1": 4}},
    "filters": {"kept": 3, "seen": 5, "dropped": {"too|short": 2}},
    "selection": {
        "stages": [
            {
                "stage": "dedup",
                "seen": 5,
                "kept": 4,
                "difficulty": {"easy": 1, "medium": 2, "hard": 1},
                "hard_agreed": 0,
            }
        ],
        "drops": {"dedup": {"duplicate": 1}},
        "notices": ["ifd: skipped (no model)"],
    },
    "images": {"prompt_tokens": "prompt_tokens.png"},
}


def test_card_keeps_its_headings_and_tables() -> None:
    card = render(STATS, "debtsim <test> & co")
    assert card.startswith("# debtsim <test> & co\n\n") and card.endswith("\n")
    assert re.findall(r"^## (.+)$", card, re.M) == [
        "Records per split and target",
        "Filters",
        "Selection stages",
        "Lengths and diversity",
        "Coverage",
        "IFD and clusters",
    ]
    assert (
        "**sft**\n\n| split | index | llamafactory |\n|---|---|---|\n| train | 3 | 3 |\n| test | 2 | 0 |\n\n"
        in card
    )
    assert "| dedup | 5 | 4 | 1 | 2 | 1 | 0 |\n\n| stage | drop reason | count |" in card
    assert "|  | n | mean |\n|---|---|---|\n| prompt | 3 | 1.5 |\n| reply | 3 | 2.5 |" in card
    assert "**collector_acts** (1 of 2)\n\n| value | count |\n|---|---|\n| close | 0 |\n| greet | 2 |" in card
    assert "> ifd: skipped (no model)\n\n" in card
    assert "IFD per sample: not computed (no model configured)\n\nclusters: k = 2; sizes: [4, 1]\n" in card
    assert card.endswith("\n![prompt_tokens](prompt_tokens.png)\n")


def test_card_is_markdown_not_html() -> None:
    """No HTML entities; a `|` in a cell is escaped so it cannot split the table row."""
    card = render(STATS, "set")
    assert "| firm & <b>fair</b> | 3 |" in card and "&amp;" not in card and "&lt;" not in card
    assert "| too\\|short | 2 |" in card
    assert '{"distinct_1": 0.5, "distinct_2": 0.75}' in card  # json.dumps, not the HTML-safe tojson


def test_card_with_ifd_prints_its_summaries() -> None:
    ifd = {"per_sample": {"n": 2}, "per_dialogue": {"n": 1}, "samples_kept": 1, "samples": 2}
    card = render({**STATS, "ifd": ifd}, "set")
    assert (
        'IFD per sample: {"n": 2}\n\nIFD per dialogue (mean of its replies): {"n": 1}\n\n'
        "replies kept by IFD: 1 of 2\n\nclusters:" in card
    )
