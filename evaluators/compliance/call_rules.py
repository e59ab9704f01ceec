"""Rules on when and how often a call happens, judged from the call's context (turn 0).

A call placed at 22:30 at the debtor's location, or an eighth attempt in seven days,
breaks the law before a word is said, so these findings sit on turn 0. They need the
call's context (`transcript.call`: local start time, prior attempts, days since the last
conversation); transcripts written before it existed carry none and are not judged on
these rules. Limits come from the profile: calling hours always, frequency only where the
regime sets a number (Reg F's 7 attempts in 7 days, and no call within 7 days after a
conversation — the day of the conversation counts as the first of the seven).
"""

from __future__ import annotations

from evaluators.compliance.concepts import Concept
from evaluators.compliance.flow import Hit
from scenarios.call import CallContext
from scenarios.jurisdiction import JurisdictionProfile


def hours_hits(call: CallContext, profile: JurisdictionProfile) -> list[Hit]:
    hours = profile.calling_hours
    if hours.allows(call.local_hour):
        return []
    clock = call.local_start[11:16]
    return [
        Hit(Concept.OUTSIDE_HOURS, 0, f"local start {clock}, allowed {hours.start:02d}:00-{hours.end:02d}:00")
    ]


def frequency_hits(call: CallContext, profile: JurisdictionProfile) -> list[Hit]:
    limits, hits = profile.limits, []
    if limits.max_attempts_7d is not None and call.attempts_7d + 1 > limits.max_attempts_7d:
        detail = f"attempt {call.attempts_7d + 1} within 7 days (limit {limits.max_attempts_7d})"
        hits.append(Hit(Concept.OVER_FREQUENCY, 0, detail, "attempts"))
    quiet, since = limits.quiet_days_after_conversation, call.days_since_conversation
    if quiet is not None and since is not None and since < quiet:
        detail = f"{since} days after a conversation (quiet period {quiet} days)"
        hits.append(Hit(Concept.OVER_FREQUENCY, 0, detail, "quiet_period"))
    return hits


def call_hits(call: CallContext | None, profile: JurisdictionProfile) -> list[Hit]:
    """Hours and frequency findings; none for a transcript without a call context."""
    if call is None:
        return []
    return hours_hits(call, profile) + frequency_hits(call, profile)
