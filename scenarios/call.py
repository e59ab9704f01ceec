"""When a call happens and what came before it: the facts calling-hour and frequency rules need.

A compliance officer asks of every call: at what local time did it start, and how many
times had the account been tried before? Those are facts of the scenario (the dialler's
schedule), not of the conversation, so they are drawn with the case and stored on the
transcript. Transcripts written before they existed carry none, and the judge skips
the rules that need them.

`sample_call` plays a compliant dialler: every call it draws starts inside the
profile's calling hours, under its attempt limit and after its quiet days. Calls
that break those rules are made on purpose, by the judge's tests, never here.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from scenarios.jurisdiction import JurisdictionProfile

ATTEMPTS_WITHOUT_LIMIT = 7
"""Prior attempts are drawn from 0..6 where the regime sets no number (a week of daily tries)."""
P_PRIOR_CONVERSATION = 0.5
"""Share of calls with an earlier conversation about the debt on record."""


class CallContext(BaseModel):
    model_config = ConfigDict(frozen=True)

    local_start: str = Field(description="ISO 8601 start time at the debtor's location, with its UTC offset")
    timezone: str = Field(description="the debtor's IANA time zone")
    attempts_7d: int = Field(ge=0, description="call attempts on this account in the 7 days before this one")
    days_since_conversation: int | None = Field(
        None, ge=0, description="days since the last conversation about the debt; None if there was none"
    )

    @property
    def local_hour(self) -> float:
        """The local start as an hour of the day (13.5 = 13:30)."""
        start = dt.datetime.fromisoformat(self.local_start)
        return start.hour + start.minute / 60


def sample_call(
    rng: np.random.Generator, profile: JurisdictionProfile, timezone: str, day: dt.date, overdue_days: int
) -> CallContext:
    """A lawful call on `day` to a debtor in `timezone`, `overdue_days` into the arrears.

    The start minute is uniform over the calling hours; prior attempts stay below the
    7-day limit; an earlier conversation, if any, lies at least the quiet days back and
    within the arrears. Always the same four draws, so the stream stays aligned.
    """
    hours, limits = profile.calling_hours, profile.limits
    minute = int(rng.integers(hours.start * 60, hours.end * 60))
    attempts = int(rng.integers(0, limits.max_attempts_7d or ATTEMPTS_WITHOUT_LIMIT))
    quiet = limits.quiet_days_after_conversation or 1
    talked = bool(rng.random() < P_PRIOR_CONVERSATION) and overdue_days >= quiet
    days = int(rng.integers(quiet, max(quiet, overdue_days) + 1))
    start = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=ZoneInfo(timezone))
    return CallContext(
        local_start=start.isoformat(),
        timezone=timezone,
        attempts_7d=attempts,
        days_since_conversation=days if talked else None,
    )
