"""Money amounts as they appear in utterances, read back as numbers.

Templates and prompts print amounts with `simulator.llm.slots.money`
(`£1,234.50`, `$12.00`, `€3.10`, `USD 9.00` / `1,234.50元`). The coherence and
compliance checks need to know which amounts a turn *said*, to compare them
with the structured offer and the case record. This module only reads text; it
never decides what an amount should have been.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scenarios import DebtCase, Offer

CENT = 0.01
"""Two amounts closer than this (after the 2-decimal formatting) are the same amount."""

_EN_MONEY = re.compile(r"(?:[£$€]|\b[A-Z]{3} )\s?(\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)")
_ZH_MONEY = re.compile(r"(\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)\s?(?:元|块)")


def amounts_in(text: str, language: str) -> list[float]:
    """Every money amount written in `text`, in order of appearance."""
    pattern = _ZH_MONEY if language == "zh" else _EN_MONEY
    return [float(match.group(1).replace(",", "")) for match in pattern.finditer(text)]


def offer_amounts(offer: Offer) -> set[float]:
    """The amounts a spoken offer may print: lump sum, installment, waiver, total."""
    return {round(v, 2) for v in (offer.amount_now, offer.installment, offer.waiver, offer.total)}


def case_amounts(case: DebtCase) -> set[float]:
    """The amounts on the creditor's record that a collector may state truthfully."""
    return {round(v, 2) for v in (case.outstanding, case.principal_due, case.fees_interest, case.principal)}


def unknown(amounts: Iterable[float], known: set[float]) -> list[float]:
    """Amounts that match none of `known` (within a cent)."""
    return [a for a in amounts if not any(abs(a - k) < CENT + 1e-9 for k in known)]
