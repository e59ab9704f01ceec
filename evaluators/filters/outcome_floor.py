"""The outcome floor: which endings of a call are worth training a collector on.

The model being trained is the collector, so its data should be calls that
went well: agreements the debtor can carry, reached without giving away more
than needed (reward and over-concession floors). A model that only ever saw
deals would not know how to end a call that does not reach one, so a share of
well-handled non-agreements is kept too — the configured endings (by default a
refusal and a wrong party), and only when the collector closed the call itself
(`closed`), never a hang-up or a call cut off by the turn cap. The share is
held in arrival order: a non-agreement is admitted only while the kept set
stays within `max_share` of non-agreements, so the same input gives the same
selection and the bound holds at every point of the stream.

Calls the collector stopped as the law asks — a dispute recorded, identity
theft, a cease request, an attorney, a bankruptcy, an unverified identity —
are correct handling, not failures: a model must see them to learn to stop.
They are kept on their own terms (`stopped`), with their own share bound so
they never crowd out the deals, and without the `closed` check: only the
collector's own stopping act (or its close) sets those endings.
"""

from __future__ import annotations

from evaluators.filters.candidate import Candidate
from evaluators.filters.filter_settings import OutcomeSettings
from evaluators.filters.reasons import DropReason
from evaluators.filters.rules import score
from simulator.transcript import Termination

AGREEMENT = str(Termination.AGREEMENT)


class OutcomeStage:
    def __init__(self, settings: OutcomeSettings) -> None:
        self.settings = settings
        self.keep = frozenset(str(t) for t in settings.non_agreement.keep)
        self.stops = frozenset(str(t) for t in settings.stopped.keep) if settings.stopped else frozenset()
        self.kept = 0
        self.kept_non_agreements = 0
        self.kept_stops = 0

    def check(self, candidate: Candidate) -> DropReason | None:
        if candidate.termination == AGREEMENT:
            floor = self.settings.agreement
            if float(score(candidate, "reward", "outcome")) < floor.min_reward:
                return DropReason.WEAK_DEAL
            if float(score(candidate, "over_concession_severity", "outcome")) > floor.max_over_concession:
                return DropReason.WEAK_DEAL
            return None
        if candidate.termination in self.stops:
            if self.kept_stops + 1 > self.settings.stopped.max_share * (self.kept + 1):
                return DropReason.STOP_SHARE
            return None
        if candidate.termination not in self.keep:
            return DropReason.ENDING
        if not score(candidate, "closed", "outcome"):
            return DropReason.NOT_CLOSED
        if self.kept_non_agreements + 1 > self.settings.non_agreement.max_share * (self.kept + 1):
            return DropReason.NON_AGREEMENT_SHARE
        return None

    def admit(self, candidate: Candidate) -> None:
        self.kept += 1
        self.kept_stops += candidate.termination in self.stops
        self.kept_non_agreements += candidate.termination in self.keep
