"""Diversity clusters: character n-gram TF-IDF of what the collector said, k-means, a cap per cluster.

A templated or LLM collector produces a few kinds of call many times over; a
training set should hold many kinds a few times each. Dialogues are vectorized
by the collector's words (character n-grams, so zh and en need no tokenizer),
reduced with truncated SVD and clustered with k-means. A crowded cluster keeps
at most `cap` records, removing first those closest to its centre — the most
typical, hence most redundant, calls — so the survivors are the spread of the
cluster.

Speed: sklearn's n-gram analyzer loops in Python per n-gram (15 s for 5k
dialogues here), so n-grams are hashed with numpy (the hashing trick, then
sklearn's `TfidfTransformer`), each distinct reply once (digits folded to 0:
amounts and dates do not make a call different); a dialogue's counts are the
sum over its replies. TF-IDF and SVD are fitted on a sample (`fit_rows`) and
applied chunk by chunk, so memory beyond the sample is the dense reduced matrix.
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
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize

from evaluators.selection.settings import ClusterSettings

_DIGITS = re.compile(r"\d+")
CHUNK_DIALOGUES = 5000
"""Dialogues vectorized at a time outside the fit sample."""
_MIX = np.uint64(1_000_003)
_MASK = np.uint64(0xFFFFFFFF)


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


def char_ngram_counts(
    texts: Sequence[str], ngram: tuple[int, int], n_features: int, chunk_chars: int = 1_000_000
) -> sparse.csr_matrix:
    """Hashed character n-gram counts (the hashing trick), whole chunks of texts per numpy pass.

    The features of sklearn's `HashingVectorizer(analyzer="char")` in spirit,
    without its per-n-gram Python loop: texts are joined with a separator, code
    points mixed with a rolling polynomial hash over the joined array, and
    n-grams that cross a separator discarded.
    """
    blocks: list[sparse.csr_matrix] = []
    start = 0
    while start < len(texts) or not blocks:
        stop, size = start, 0
        while stop < len(texts) and (size < chunk_chars or stop == start):
            size += len(texts[stop]) + 1
            stop += 1
        blocks.append(_count_block(texts[start:stop], ngram, n_features))
        start = stop
    return sparse.vstack(blocks, format="csr")


def _count_block(texts: Sequence[str], ngram: tuple[int, int], n_features: int) -> sparse.csr_matrix:
    joined = "\x00".join(texts) + "\x00"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    row_of = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    is_sep = codes == 0
    rows, cols = [], []
    for n in range(ngram[0], ngram[1] + 1):
        width = len(codes) - n + 1
        if width <= 0:
            continue
        mixed = codes[:width] + np.uint64(n)
        crosses = is_sep[:width].copy()
        for offset in range(1, n):
            mixed = (mixed * _MIX + codes[offset : offset + width]) & _MASK
            crosses |= is_sep[offset : offset + width]
        keep = ~crosses
        cols.append((mixed[keep] % np.uint64(n_features)).astype(np.int64))
        rows.append(row_of[:width][keep])
    r, c = np.concatenate(rows), np.concatenate(cols)
    data = np.ones(len(r), dtype=np.float32)
    return sparse.csr_matrix((data, (r, c)), shape=(len(texts), n_features))


def dialogue_counts(dialogues: Sequence[Sequence[str]], settings: ClusterSettings) -> sparse.csr_matrix:
    """Hashed n-gram counts, one row per dialogue: the sum over its distinct replies (each hashed once)."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, replies in enumerate(dialogues):
        for reply in replies:
            key = _DIGITS.sub("0", reply.strip().lower())
            rows.append(row)
            cols.append(vocabulary.setdefault(key, len(vocabulary)))
    counts = char_ngram_counts(list(vocabulary), settings.ngram, settings.max_features)
    incidence = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(dialogues), len(vocabulary))
    )
    return incidence @ counts


def dialogue_vectors(dialogues: Sequence[Sequence[str]], settings: ClusterSettings) -> sparse.csr_matrix:
    """TF-IDF rows, one per dialogue (IDF of these dialogues)."""
    return (
        TfidfTransformer(sublinear_tf=True)
        .fit_transform(dialogue_counts(dialogues, settings))
        .astype(np.float32)
    )


def reduce_in_chunks(dialogues, rows: np.ndarray, settings: ClusterSettings) -> np.ndarray:
    """Unit vectors of `components` dimensions for every dialogue, fitted on `rows` and applied in chunks.

    Why chunks: a sparse TF-IDF matrix of 100k dialogues holds hundreds of
    millions of entries; only the fit sample is ever sparse in full, every other
    chunk is transformed and dropped, so memory past the sample is the dense
    `n × components` result (the index the clusters need).
    """
    fit_counts = dialogue_counts([dialogues[i] for i in rows], settings)
    tfidf = TfidfTransformer(sublinear_tf=True).fit(fit_counts)
    fit_vectors = tfidf.transform(fit_counts).astype(np.float32)
    dims = min(settings.components, max(1, fit_vectors.shape[1] - 1), max(1, len(rows) - 1))
    svd = TruncatedSVD(n_components=dims, n_iter=3, random_state=settings.seed).fit(fit_vectors)
    if len(rows) == len(dialogues):  # the sample is the whole run (rows are sorted): nothing left to do
        return normalize(svd.transform(fit_vectors)).astype(np.float32)
    del fit_counts, fit_vectors
    out = np.empty((len(dialogues), dims), dtype=np.float32)
    for start in range(0, len(dialogues), CHUNK_DIALOGUES):
        chunk = dialogues[start : start + CHUNK_DIALOGUES]
        vectors = tfidf.transform(dialogue_counts(chunk, settings)).astype(np.float32)
        out[start : start + len(chunk)] = normalize(svd.transform(vectors))
    return out


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
    fit_rows = np.random.default_rng(settings.seed).permutation(n)[: settings.fit_rows]
    reduced = reduce_in_chunks(dialogues, np.sort(fit_rows), settings)
    model = KMeans(n_clusters=k, n_init=1, random_state=settings.seed).fit(reduced[fit_rows])
    model.labels_ = model.predict(reduced)
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
