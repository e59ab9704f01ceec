"""Why a transcript was kept out of the training data.

Every filter stage answers with one of these or with nothing; the chain counts
each answer, so a dropped transcript is always accounted for by name.
"""

from __future__ import annotations

from enum import StrEnum


class DropReason(StrEnum):
    ERROR = "error"  # the dialogue ended in an engine error
    FALLBACK = "fallback_turn"  # a collector turn is scripted fallback words, not the model's reply
    COMPLIANCE = "compliance_failed"  # a compliance rule fired (must-pass `compliant`)
    LOOP = "loop_or_repeat"  # a collector act loop or repeated collector line (must-pass `loop_free`)
    MUST_PASS = "must_pass_failed"  # another must-pass score column was false
    LOW_SCORE = "low_score"  # a score below its configured minimum
    WEAK_DEAL = "weak_agreement"  # an agreement below the outcome floor (reward, over-concession)
    ENDING = "ending_not_kept"  # ended in neither an agreement nor a kept non-agreement ending
    NOT_CLOSED = "not_closed_by_collector"  # a kept non-agreement ending the collector did not close
    NON_AGREEMENT_SHARE = "non_agreement_share"  # kept non-agreements already at their share
    STOP_SHARE = "stop_share"  # kept collection stops (dispute, identity theft, ...) already at their share
    TOO_SHORT = "too_short"  # fewer turns or collector characters than the lower bound
    TOO_LONG = "too_long"  # more turns than the upper bound
    BOILERPLATE = "boilerplate"  # a collector turn holds a refusal/boilerplate phrase
    NEAR_DUPLICATE = "near_duplicate"  # collector turns nearly equal to a kept transcript's
    CELL_CAP = "cell_cap"  # the persona cell already holds its share


class StageName(StrEnum):
    """The filter stages; `FilterSettings.stages` lists them in the order they run."""

    TERMINATION = "termination"
    SCORES = "scores"
    OUTCOME = "outcome"
    LENGTH = "length"
    BOILERPLATE = "boilerplate"
    NEAR_DUPLICATE = "near_duplicate"
    BALANCE = "balance"
