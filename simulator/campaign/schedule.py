"""The dialler: when an account may be called, and the call context of each attempt.

A compliant dialler places every attempt inside the profile's calling hours
(FDCPA §805(a)(1), Reg F §1006.6(b)(1)(i); 08:00–21:00 for the cn and uk profiles
too) and within its frequency limits: at most `max_attempts_7d` attempts in any 7
consecutive days, and none within `quiet_days_after_conversation` days of a
conversation about the debt (Reg F §1006.14(b)(2)). The limits are the profile's
(scenarios/jurisdiction.py); the compliance judge checks the same numbers from
each transcript's `call`, so a campaign dialogue that broke them would be found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np

from scenarios import CallContext, JurisdictionProfile

WINDOW_DAYS = 7
"""Reg F's window: the attempt being placed and those of the six days before it."""


@dataclass(frozen=True, slots=True)
class DialLog:
    """What the dialler knows of an account: the days of its attempts and of its last conversation."""

    attempt_days: tuple[int, ...] = ()
    last_conversation: int | None = None

    def in_window(self, day: int) -> int:
        """Attempts already placed within the 7 consecutive days that end on `day`."""
        return sum(1 for d in self.attempt_days if day - WINDOW_DAYS < d <= day)

    def today(self, day: int) -> int:
        return sum(1 for d in self.attempt_days if d == day)

    def since_conversation(self, day: int) -> int | None:
        return None if self.last_conversation is None else day - self.last_conversation


def lawful(log: DialLog, profile: JurisdictionProfile, day: int) -> bool:
    """Whether one more attempt on `day` stays within the profile's frequency limits."""
    limits = profile.limits
    if limits.max_attempts_7d is not None and log.in_window(day) + 1 > limits.max_attempts_7d:
        return False
    since, quiet = log.since_conversation(day), limits.quiet_days_after_conversation
    return quiet is None or since is None or since >= quiet


def start_time(
    rng: np.random.Generator, profile: JurisdictionProfile, date: dt.date, slot: int, slots: int, tz: str
) -> dt.datetime:
    """A local start inside the calling hours, in the `slot`-th of `slots` equal parts of the day.

    Parts keep a day's attempts in order; one draw per attempt keeps the stream aligned.
    """
    hours = profile.calling_hours
    first, span = hours.start * 60, (hours.end - hours.start) * 60
    low, high = first + span * slot // slots, first + span * (slot + 1) // slots
    minute = int(rng.integers(low, max(low + 1, high)))
    return dt.datetime.combine(date, dt.time(minute // 60, minute % 60), tzinfo=ZoneInfo(tz))


def call_context(start: dt.datetime, log: DialLog, day: int) -> CallContext:
    """The facts the judge's hour and frequency rules read, for an attempt placed at `start`."""
    return CallContext(
        local_start=start.isoformat(),
        timezone=str(start.tzinfo),
        attempts_7d=log.in_window(day),
        days_since_conversation=log.since_conversation(day),
    )
