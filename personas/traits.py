"""Personality and synthetic identity of a debtor.

Traits move the debtor policy's thresholds (how much trust an offer needs, how
fast patience runs out); identity only feeds templates and persona cards and is
synthetic by construction, so transcripts never carry a real person's data.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

Unit = Field(ge=0.0, le=1.0)


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"


class Traits(BaseModel):
    model_config = ConfigDict(frozen=True)

    willingness: float = Unit
    cooperativeness: float = Unit
    volatility: float = Unit
    trust: float = Unit
    verbosity: float = Unit


class Identity(BaseModel):
    model_config = ConfigDict(frozen=True)

    given_name: str
    family_name: str
    gender: Gender
    age: int = Field(ge=18, le=100)
    occupation: str
    region: str = Field(description="where the debtor lives, named in the debtor's language")
    timezone: str | None = Field(
        None, description="IANA time zone of the region; None in personas drawn before places had one"
    )
