"""Quality filters between scored transcripts and training data.

A chain of stages (`conf/filter/`), each marking a transcript with a typed
`DropReason` or letting it pass; the chain counts every verdict, so nothing is
dropped silently. Stages share one shape — `check(candidate) -> DropReason |
None` and `admit(candidate)` — and read a `Candidate`, a small projection of a
transcript, never the transcript file itself.
"""

from evaluators.filters.candidate import Candidate
from evaluators.filters.chain import FilterChain
from evaluators.filters.filter_settings import FilterError, FilterSettings, parse_filter_settings
from evaluators.filters.near_duplicate import NearDuplicateIndex, Shingler
from evaluators.filters.reasons import DropReason, StageName

__all__ = [
    "Candidate",
    "DropReason",
    "FilterChain",
    "FilterError",
    "FilterSettings",
    "NearDuplicateIndex",
    "Shingler",
    "StageName",
    "parse_filter_settings",
]
