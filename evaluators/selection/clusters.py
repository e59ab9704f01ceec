"""Diversity clusters: character n-gram TF-IDF of what the collector said, k-means, a cap per cluster.

A templated or LLM collector produces a few kinds of call many times over; a
training set should hold many kinds a few times each. Dialogues are vectorized
by the collector's words (character n-grams, so zh and en need no tokenizer),
reduced with truncated SVD and clustered with k-means. A crowded cluster keeps
at most `cap` records, removing first those closest to its centre — the most
typical, hence most redundant, calls — so the survivors are the spread of the
cluster.

Speed: sklearn's n-gram analyzer is Python, so each distinct reply is
vectorized once (digits folded to 0: amounts and dates do not make a call
different) and a dialogue is the normalized sum of its replies' vectors.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from evaluators.selection.settings import ClusterSettings

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Clustering:
    """Per record (in input order): cluster id, cosine to its centre, and whether the cap kept it."""

    labels: np.ndarray
    centre_similarity: np.ndarray
    kept: np.ndarray
    k: int
    cap: int

    def sizes(self) -> dict[int, int]:
        return {int(c): int(n) for c, n in zip(*np.unique(self.labels, return_counts=True), strict=True)}


def dialogue_vectors(dialogues: Sequence[Sequence[str]], settings: ClusterSettings) -> sparse.csr_matrix:
    """TF-IDF rows, one per dialogue: the L2-normalized sum of its distinct replies' vectors."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, replies in enumerate(dialogues):
        for reply in replies:
            key = _DIGITS.sub("0", reply.strip().lower())
            rows.append(row)
            cols.append(vocabulary.setdefault(key, len(vocabulary)))
    texts = list(vocabulary)
    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=tuple(settings.ngram), max_features=settings.max_features,
        sublinear_tf=True, dtype=np.float32,
    )
    reply_vectors = vectorizer.fit_transform(texts) if texts else sparse.csr_matrix((0, 1), dtype=np.float32)
    incidence = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(dialogues), len(texts))
    )
    return normalize(incidence @ reply_vectors)


def choose_k(n: int, settings: ClusterSettings) -> int:
    k = settings.k or max(2, round(n / settings.records_per_cluster))
    return max(1, min(k, settings.max_k, n))


def cluster(dialogues: Sequence[Sequence[str]], settings: ClusterSettings) -> Clustering:
    """Cluster the dialogues and apply the per-cluster cap (nearest the centre dropped first)."""
    n = len(dialogues)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Clustering(empty, np.zeros(0), np.zeros(0, dtype=bool), 0, 0)
    k = choose_k(n, settings)
    vectors = dialogue_vectors(dialogues, settings)
    dims = min(settings.components, max(1, vectors.shape[1] - 1), max(1, n - 1))
    reduced = TruncatedSVD(n_components=dims, random_state=settings.seed).fit_transform(vectors)
    reduced = normalize(reduced)
    model = KMeans(n_clusters=k, n_init=1, random_state=settings.seed).fit(reduced)
    labels = model.labels_.astype(np.int64)
    centres = normalize(model.cluster_centers_)
    similarity = np.einsum("ij,ij->i", reduced, centres[labels])
    cap = settings.cap or max(1, math.ceil(settings.cap_factor * n / k))
    kept = np.ones(n, dtype=bool)
    for c in range(k):
        members = np.flatnonzero(labels == c)
        excess = len(members) - cap
        if excess > 0:
            order = members[np.argsort(-similarity[members], kind="stable")]
            kept[order[:excess]] = False
    return Clustering(labels, similarity, kept, k, cap)
