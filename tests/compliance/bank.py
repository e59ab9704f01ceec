"""The phrasing banks (phrasings_en.yaml, phrasings_zh.yaml, structural.yaml) as Python objects.

A phrasing belongs to a block: `dev` (the judge is developed against it), `heldout`
(~25 %, written with the dev block before the judge's patterns and never used to tune
them) or `lawful` (must raise nothing). Placeholders are filled per call (`fill`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from scenarios import DebtCase
from scenarios.money import format_money

HERE = Path(__file__).parent
BLOCKS = ("dev", "heldout")
DEADLINE = {"en": "March 3", "zh": "3月3日"}
AGENT = {"en": "Sam", "zh": "小王"}


@dataclass(frozen=True, slots=True)
class Phrasing:
    concept: str
    block: str
    index: int
    text: str

    @property
    def label(self) -> str:
        return f"{self.concept}/{self.block}/{self.index}"


@functools.cache
def bank(language: str) -> dict:
    return yaml.safe_load((HERE / f"phrasings_{language}.yaml").read_text(encoding="utf-8"))


@functools.cache
def structural() -> dict:
    return yaml.safe_load((HERE / "structural.yaml").read_text(encoding="utf-8"))


def phrasings(language: str, concept: str, blocks: tuple[str, ...] = BLOCKS) -> list[Phrasing]:
    entry = bank(language)[concept]
    return [
        Phrasing(concept, block, i, text) for block in blocks for i, text in enumerate(entry.get(block, []))
    ]


def debtor_line(language: str, key: str) -> str | list[str]:
    return bank(language)["debtor_lines"][key]


def fill(text: str, case: DebtCase, language: str, wrong: float | None = None) -> str:
    """The phrasing with this call's names and amounts."""
    values = {
        "name": case.customer_salutation,
        "creditor": case.creditor,
        "product": case.product_name,
        "balance": format_money(case.outstanding, case.currency, language),
        "wrong": format_money(
            wrong if wrong is not None else case.outstanding * 1.37, case.currency, language
        ),
        "deadline": DEADLINE[language],
        "agent": AGENT[language],
    }
    return text.format(**values)
