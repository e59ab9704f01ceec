"""Where a run's debtors live and what money they earn: handed in, never chosen here.

The places and the currency belong to the run's jurisdiction profile
(`scenarios.jurisdiction`), which `personas` may not import (the domain's two
packages stay apart). So the engine copies what sampling needs — each place's
name in the run's language, its time zone, the currency — into a `Locale` and
passes it to `sample_persona`. A persona drawn from it lives where the run's law
applies and earns in the currency its case is written in.
"""

from __future__ import annotations

from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field


class Home(NamedTuple):
    """A place a debtor can live: its name as the debtor says it, and its IANA time zone."""

    region: str
    timezone: str


class Locale(BaseModel):
    """The pool of homes a run's debtors are drawn from, and the currency of their money."""

    model_config = ConfigDict(frozen=True)

    homes: tuple[Home, ...] = Field(min_length=1)
    currency: str = Field(description="ISO code of incomes, savings and debts (GBP, USD, CNY)")
