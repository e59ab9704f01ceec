"""Difficulty bands and a target mix across them.

A dialogue's difficulty comes from who the debtor was (root cause, financial
health band, how noisy the line was) and how the call went (disputes,
refusals, a long call). Points per factor live in the config; the band is
where the sum falls against the thresholds. Easy calls (a healthy debtor who
forgot to pay) are what a simulator produces most and teach least, so the
mix stage removes records of over-represented bands until every band reaches
its least share (default: hard ≥ 30 %). Which records go is a stable hash of
the dialogue id: deterministic and unrelated to content, so the mix stage does
not bias anything but the band shares. Hard dialogues that ended in agreement
are the most valuable; `hard_agreed` counts them.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Sequence

from evaluators.selection.reasons import Difficulty
from evaluators.selection.record import Sample
from evaluators.selection.selection_settings import DifficultySettings
from scenarios import DebtorAct
from simulator.transcript import Speaker

DISPUTES = frozenset({DebtorAct.DISPUTE, DebtorAct.REQUEST_VERIFICATION})
REFUSALS = frozenset({DebtorAct.REJECT, DebtorAct.STALL, DebtorAct.REFUSE_IDENTITY, DebtorAct.HANG_UP})
ORDER = (Difficulty.HARD, Difficulty.MEDIUM, Difficulty.EASY)


def difficulty_points(sample: Sample, settings: DifficultySettings) -> int:
    points = settings.root_cause.get(sample.root_cause, 0) + settings.band.get(sample.band, 0)
    reached = [p for level, p in settings.noise.items() if sample.noise_level >= level - 1e-9]
    points += max(reached, default=0)
    acts = sample.acts(Speaker.DEBTOR)
    if any(a in DISPUTES for a in acts):
        points += settings.dispute_points
    refusals = sum(a in REFUSALS for a in acts)
    points += settings.refusal_points * min(refusals, settings.refusal_cap)
    if sample.n_lines >= settings.long_call_turns:
        points += settings.long_call_points
    return points


def band_of(points: int, settings: DifficultySettings) -> Difficulty:
    for band in (Difficulty.HARD, Difficulty.MEDIUM):
        least = settings.thresholds.get(band)
        if least is not None and points >= least:
            return band
    return Difficulty.EASY


def unreachable(bands: Sequence[Difficulty], min_share: dict[Difficulty, float]) -> list[Difficulty]:
    """Bands with a least share but no record: the mix cannot reach their target."""
    present = set(bands)
    return [b for b, share in min_share.items() if share > 0 and b not in present]


def mix(
    bands: Sequence[Difficulty],
    keys: Sequence[str],
    min_share: dict[Difficulty, float],
    max_drop: float = 1.0,
) -> list[bool]:
    """Which records to keep so that each band in `min_share` holds at least its share.

    The largest total that satisfies every share is kept: for a band b with n_b
    records and least share s_b, the total can be at most n_b / s_b; bands
    without a minimum fill the rest, and a band over its part loses records by
    ascending CRC32 of the key. A band with no record at all cannot reach its
    share whatever is dropped, so it sets no limit (`unreachable` names it).
    At most `max_drop` of the records go: when the target needs more (two hard
    calls in a hundred), the mix gets as close as that allows.
    """
    counts = Counter(bands)
    total = len(bands)
    for band, share in min_share.items():
        if share > 0 and counts[band]:  # a band with no records cannot be raised: no reason to drop all
            total = min(total, math.floor(counts[band] / share))
    total = max(total, math.ceil((1.0 - max_drop) * len(bands)))
    quota = {b: math.ceil(min_share.get(b, 0.0) * total) for b in Difficulty}
    free = total - sum(min(quota[b], counts[b]) for b in Difficulty)
    for band in ORDER:  # the remaining room goes to harder bands first
        extra = min(free, counts[band] - min(quota[band], counts[band]))
        quota[band] = min(quota[band], counts[band]) + extra
        free -= extra
    keep = [True] * len(bands)
    for band in Difficulty:
        members = [i for i, b in enumerate(bands) if b is band]
        members.sort(key=lambda i: zlib.crc32(keys[i].encode()), reverse=True)
        for i in members[quota[band] :]:
            keep[i] = False
    return keep
