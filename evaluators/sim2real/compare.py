"""Feature by feature: the divergence between a simulated and a real run, its CI, and sampling's floor.

The CI resamples calls on both sides (seeded Generator). With a small real
corpus any two samples differ, so each feature also gets `noise_floor`: the
95th percentile of the divergence between the simulated run and resamples of
itself at the real run's size. A divergence above its floor is a gap the
simulator shows; one below it is what sampling alone would show.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from pydantic import BaseModel, ConfigDict

from evaluators.sim2real.divergence import (
    jensen_shannon,
    percentile_ci,
    pooled_counts,
    pooled_values,
    standardised,
    wasserstein,
)
from evaluators.sim2real.features import FEATURES, CallFeatures, Kind

METRIC = {Kind.DISTRIBUTION: "jensen_shannon", Kind.NUMBER: "wasserstein"}


class FeatureResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    description: str
    metric: str
    divergence: float
    ci_low: float
    ci_high: float
    normalised: float
    noise_floor: float
    above_floor: bool
    n_sim: int
    n_real: int
    sim_summary: str
    real_summary: str


def _measure(
    kind: Kind, name: str, sim: list[CallFeatures], real: list[CallFeatures], a, b
) -> tuple[float, float]:
    """(divergence, normalised) for the calls picked by index arrays `a` (sim) and `b` (real)."""
    if kind is Kind.DISTRIBUTION:
        value = jensen_shannon(
            pooled_counts([c.counts[name] for c in sim], a), pooled_counts([c.counts[name] for c in real], b)
        )
        return value, value
    x, y = pooled_values([c.values[name] for c in sim], a), pooled_values([c.values[name] for c in real], b)
    value = wasserstein(x, y)
    return value, standardised(value, x, y)


def summary(kind: Kind, name: str, calls: list[CallFeatures]) -> str:
    """A short human line: the top categories, or mean and median."""
    if kind is Kind.DISTRIBUTION:
        total: Counter[str] = Counter()
        for call in calls:
            total.update(call.counts[name])
        n = sum(total.values())
        return ", ".join(f"{k} {v / n:.0%}" for k, v in total.most_common(4)) if n else "–"
    values = [v for call in calls for v in call.values[name]]
    return f"mean {np.mean(values):.2f}, median {np.median(values):.2f} (n={len(values)})" if values else "–"


def measured(kind: Kind, name: str, calls: list[CallFeatures]) -> int:
    """Calls that contribute to the feature (a call without an offer has no turns-to-first-offer)."""
    if kind is Kind.DISTRIBUTION:
        return sum(sum(c.counts[name].values()) > 0 for c in calls)
    return sum(bool(c.values[name]) for c in calls)


def compare_feature(
    name: str, sim: list[CallFeatures], real: list[CallFeatures], bootstrap: int, rng: np.random.Generator
) -> FeatureResult:
    kind, description = FEATURES[name]
    value, norm = _measure(kind, name, sim, real, np.arange(len(sim)), np.arange(len(real)))
    draws, floor = [], []
    for _ in range(bootstrap):
        a, b = rng.integers(0, len(sim), len(sim)), rng.integers(0, len(real), len(real))
        draws.append(_measure(kind, name, sim, real, a, b)[0])
        floor.append(
            _measure(kind, name, sim, sim, np.arange(len(sim)), rng.integers(0, len(sim), len(real)))[0]
        )
    low, high = percentile_ci(draws)
    noise = percentile_ci(floor, 0.90)[1]
    n_sim, n_real = measured(kind, name, sim), measured(kind, name, real)
    return FeatureResult(
        name=name,
        description=description,
        metric=METRIC[kind],
        divergence=round(value, 4),
        ci_low=round(low, 4),
        ci_high=round(high, 4),
        normalised=round(norm, 4),
        noise_floor=round(noise, 4),
        above_floor=bool(math.isfinite(value) and value > noise),
        n_sim=n_sim,
        n_real=n_real,
        sim_summary=summary(kind, name, sim),
        real_summary=summary(kind, name, real),
    )


def compare_runs(
    sim: list[CallFeatures], real: list[CallFeatures], bootstrap: int = 500, seed: int = 0
) -> list[FeatureResult]:
    """Every feature, furthest apart first (by the normalised divergence; unmeasurable ones last)."""
    rng = np.random.default_rng(seed)
    results = [compare_feature(name, sim, real, bootstrap, rng) for name in FEATURES]
    return sorted(results, key=lambda r: -r.normalised if math.isfinite(r.normalised) else 1.0)


def by_root_cause(
    sim: list[CallFeatures], real: list[CallFeatures], bootstrap: int, seed: int, min_calls: int = 2
) -> dict[str, list[FeatureResult]]:
    """The comparison within each root cause the real calls are labelled with (enough calls on both sides)."""
    out = {}
    for cause in sorted({c.root_cause for c in real if c.root_cause}):
        mine = [c for c in real if c.root_cause == cause]
        theirs = [c for c in sim if c.root_cause == cause]
        if len(mine) >= min_calls and len(theirs) >= min_calls:
            out[cause] = compare_runs(theirs, mine, bootstrap, seed)
    return out
