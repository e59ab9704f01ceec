"""When a call happens and what came before it: the facts calling-hour and frequency rules need.

A compliance officer asks of every call: at what local time did it start, and how many
times had the account been tried before? Those are facts of the scenario (the dialler's
schedule), not of the conversation, so they are drawn with the case and stored on the
transcript. Transcripts written before they existed carry none, and the judge skips
the rules that need them.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


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
