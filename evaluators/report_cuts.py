"""The report's cuts: outcomes by the debtor's band, the account's stage, the product, the
line's noise level and, in a campaign, the day — each beside the strategy.

Strategy comparisons that pool every debtor hide where a strategy works: a firm ask can
win on healthy debtors and lose everything on distressed ones, and an early-arrears ask
is another job than a charged-off one. These are the cuts a collections analyst reads
first (notes/collections-practice.md, "Debt economics"). A cut whose column has one value
in the data (a noise-free run has one noise level, a single-call run has no day) says
nothing and is left out; so is the strategy key when the data has one strategy. Columns are the score table's (`ScoreRow`);
the campaign's day (`day`, or the transcript's `campaign_day`) is read only where present.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from evaluators.aggregate import group_table


class Cut(NamedTuple):
    column: str
    label: str


CUTS: tuple[Cut, ...] = (
    Cut("band", "financial band"),
    Cut("delinquency", "account stage"),
    Cut("product", "product"),
    Cut("noise_level", "noise level"),
    Cut("day", "campaign day"),
    Cut("campaign_day", "campaign day"),
)
CUT_METRICS = (
    "agreement_rate",
    "success_recovery_rate",
    "recovery_ratio",
    "expected_recovery",
    "plan_burden",
    "unsustainable_rate",
)
"""What each cut shows: whether a deal was reached, what it is worth, and what it costs the debtor."""


def varies(frame: pd.DataFrame, column: str) -> bool:
    """Whether `column` is there and holds more than one value."""
    return column in frame.columns and frame[column].nunique(dropna=True) > 1


def varying_cuts(frame: pd.DataFrame) -> list[Cut]:
    """The cuts that vary, each label once (the campaign's day may be `day` or the transcript's `campaign_day`)."""
    found: dict[str, Cut] = {}
    for cut in CUTS:
        if varies(frame, cut.column):
            found.setdefault(cut.label, cut)
    return list(found.values())


def cut_keys(frame: pd.DataFrame, cut: Cut) -> list[str]:
    """The group keys of a cut's table: the cut, and the strategy where there is more than one."""
    return [cut.column, "strategy"] if varies(frame, "strategy") else [cut.column]


def cut_tables(frame: pd.DataFrame, n_boot: int, seed: int) -> list[tuple[Cut, list[str], pd.DataFrame]]:
    """(cut, keys, long group table) for every cut that varies in `frame`."""
    found = []
    for cut in varying_cuts(frame):
        keys = cut_keys(frame, cut)
        found.append((cut, keys, group_table(frame, keys, n_boot, seed)))
    return found
