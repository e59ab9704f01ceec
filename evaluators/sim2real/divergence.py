"""The two divergences sim2real reports, and a call-level bootstrap for their CIs.

Jensen–Shannon (base 2, in [0, 1]) for distributions: symmetric and finite
when one side has a category the other never shows (a simulator that never
stalls). Wasserstein-1 for numbers: in the feature's own unit (turns, words),
so "real calls run 4 turns longer" reads off it. To rank features of both
kinds together, a Wasserstein distance is standardised by the pooled
standard deviation and squashed (d / (1 + d)) into [0, 1).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from scipy.stats import wasserstein_distance


def jensen_shannon(p: Counter[str], q: Counter[str]) -> float:
    keys = sorted(set(p) | set(q))
    a = np.array([p.get(k, 0) for k in keys], dtype=float)
    b = np.array([q.get(k, 0) for k in keys], dtype=float)
    if a.sum() == 0 or b.sum() == 0:
        return float("nan")
    a, b = a / a.sum(), b / b.sum()
    m = (a + b) / 2

    def kl(x: np.ndarray) -> float:
        keep = x > 0
        return float(np.sum(x[keep] * np.log2(x[keep] / m[keep])))

    return max(0.0, min(1.0, (kl(a) + kl(b)) / 2))


def wasserstein(a: list[float], b: list[float]) -> float:
    if not a or not b:
        return float("nan")
    return float(wasserstein_distance(a, b))


def standardised(distance: float, a: list[float], b: list[float]) -> float:
    """A Wasserstein distance on the JS scale, for ranking: d/sd pooled, then d / (1 + d)."""
    spread = float(np.std(np.concatenate([a, b]))) if a and b else 0.0
    if not np.isfinite(distance):
        return float("nan")
    d = distance / spread if spread > 0 else (0.0 if distance == 0 else float("inf"))
    return 1.0 if d == float("inf") else d / (1 + d)


def pooled_counts(rows: list[Counter[str]], pick: np.ndarray) -> Counter[str]:
    total: Counter[str] = Counter()
    for i in pick:
        total.update(rows[i])
    return total


def pooled_values(rows: list[list[float]], pick: np.ndarray) -> list[float]:
    return [v for i in pick for v in rows[i]]


def percentile_ci(draws: list[float], level: float = 0.95) -> tuple[float, float]:
    finite = np.array([d for d in draws if np.isfinite(d)])
    if finite.size == 0:
        return float("nan"), float("nan")
    tail = (1 - level) / 2 * 100
    return float(np.percentile(finite, tail)), float(np.percentile(finite, 100 - tail))
