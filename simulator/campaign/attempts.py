"""One call attempt: who, if anyone, picked up.

Most dials reach nobody: industry figures put right-party contact at about a
fifth to a quarter of outbound attempts (conf/campaign/default.yaml cites them).
An attempt that reaches nobody or someone else is a record in attempts.jsonl;
only a right-party contact becomes a dialogue.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from scenarios import CallContext
from simulator.config import CampaignConfig


class AttemptOutcome(StrEnum):
    NO_ANSWER = "no_answer"  # rang out, voicemail, busy: nobody spoke
    WRONG_PARTY = "wrong_party"  # someone else answered; nothing about the debt is said (FDCPA §805(b))
    RIGHT_PARTY = "right_party"  # the debtor answered: a dialogue follows


class Attempt(BaseModel):
    """A dial on an account, when it was placed and what it reached."""

    model_config = ConfigDict(frozen=True)

    account_id: str
    number: int = Field(ge=1, description="attempt number on the account, from 1")
    day: int = Field(ge=0, description="campaign day")
    call: CallContext
    outcome: AttemptOutcome
    dialogue_id: str | None = Field(None, description="the dialogue of a right-party contact")


def draw_outcome(rng: np.random.Generator, config: CampaignConfig) -> AttemptOutcome:
    """One uniform draw: no answer, wrong party, or the right party, in that order of the unit interval."""
    u = rng.random()
    if u < config.p_no_answer:
        return AttemptOutcome.NO_ANSWER
    if u < config.p_no_answer + config.p_wrong_party:
        return AttemptOutcome.WRONG_PARTY
    return AttemptOutcome.RIGHT_PARTY
