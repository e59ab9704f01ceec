"""Diversity clusters: character n-gram TF-IDF of what the collector said, k-means, a cap per cluster.

A templated or LLM collector produces a few kinds of call many times over; a
training set should hold many kinds a few times each. Dialogues are vectorized
by the collector's words (character n-grams, so zh and en need no tokenizer),
reduced with truncated SVD and clustered with k-means. A crowded cluster keeps
at most `cap` records, removing first those closest to its centre — the most
typical, hence most redundant, calls — so the survivors are the spread of the
cluster.

Speed and memory at 100k dialogues: a dialogue's text is folded (lower case,
digits to 0, the customer's names to one mark: amounts and names do not make
a call different) and cut into sentences; the
n-grams of each distinct sentence are hashed once, with numpy (the hashing
trick; sklearn's analyzer loops in Python per n-gram). IDF and SVD are fitted
on a sample of `svd_rows` dialogues, the only dialogue-level sparse matrix ever
built (its cost is the clusters' fixed cost: ~1 s per 1,000 rows here), and
k-means on the reduced vectors of `fit_rows` dialogues. TF-IDF uses raw term counts, so a dialogue's projection is linear in
its sentences: every distinct sentence is projected once (`U = counts · idf ·
V`) and a dialogue's reduced vector is the normalized sum of its sentences'
rows — exactly its TF-IDF row projected and normalized, less the few n-grams
that cross a sentence boundary. Memory beyond the fit sample is the sentence
table and the dense `n × components` result.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize

from evaluators.selection.numbering import Numbering
from evaluators.selection.selection_settings import ClusterSettings

_DIGITS = re.compile(r"\d+")
_BREAKS = tuple(
    (end, end.strip() + "\n") for end in (". ", "? ", "! ", "; ", ": ", "。", "！", "？", "；", "：")
)
"""Sentence ends, each marked with a newline (plain `str.replace`: a regex split cost 4× as much)."""
NAME_MARK = "\x01"
"""What a folded name becomes (never part of a real text)."""
CHUNK_SENTENCES = 50_000
"""Distinct sentences hashed and projected at a time."""
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


def folded_sentences(replies: Sequence[str], names: Sequence[str] = ()) -> list[str]:
    """A dialogue's collector text, folded (names marked, lower case, digits 0) and cut into sentences."""
    text = "\n".join(replies)
    for name in sorted(names, key=len, reverse=True):  # a full name before its parts
        text = text.replace(name, NAME_MARK)
    text = _DIGITS.sub("0", text.lower())
    for end, marked in _BREAKS:
        text = text.replace(end, marked)
    return [s for part in text.split("\n") if (s := part.strip())]


@dataclass(frozen=True, slots=True)
class SentenceTable:
    """The distinct folded sentences of a run and how often each dialogue says each (dialogues × sentences)."""

    sentences: list[str]
    incidence: sparse.csr_matrix


def sentence_table(
    dialogues: Sequence[Sequence[str]], names: Sequence[Sequence[str]] | None = None
) -> SentenceTable:
    ids = Numbering()
    indptr, indices = array("q", [0]), array("q")
    for row, replies in enumerate(dialogues):
        indices.extend(map(ids.__getitem__, folded_sentences(replies, names[row] if names else ())))
        indptr.append(len(indices))
    cols = np.frombuffer(indices, dtype=np.int64) if indices else np.zeros(0, dtype=np.int64)
    incidence = sparse.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), cols, np.frombuffer(indptr, dtype=np.int64)),
        shape=(len(dialogues), len(ids)),
    )
    incidence.sum_duplicates()
    return SentenceTable(list(ids), incidence)


@dataclass(frozen=True, slots=True)
class Projection:
    """IDF and SVD fitted on a sample; `weights` = idf · Vᵀ, what a raw n-gram count row is multiplied by."""

    tfidf: TfidfTransformer
    svd: TruncatedSVD
    weights: np.ndarray


def fit_projection(table: SentenceTable, rows: np.ndarray, settings: ClusterSettings) -> Projection:
    """IDF and SVD of the sample `rows`: the one dialogue-level sparse matrix ever built."""
    fit_incidence = table.incidence[rows]
    used = np.flatnonzero(fit_incidence.getnnz(axis=0))
    fit_counts = fit_incidence[:, used] @ char_ngram_counts(
        [table.sentences[i] for i in used], settings.ngram, settings.max_features
    )
    tfidf = TfidfTransformer().fit(fit_counts)  # raw counts: the projection stays linear in sentences
    fit_vectors = tfidf.transform(fit_counts).astype(np.float32)
    dims = min(settings.components, max(1, fit_vectors.shape[1] - 1), max(1, len(rows) - 1))
    svd = TruncatedSVD(n_components=dims, n_iter=3, random_state=settings.seed).fit(fit_vectors)
    return Projection(tfidf, svd, (tfidf.idf_[:, None] * svd.components_.T).astype(np.float32))


def reduced_vectors(table: SentenceTable, projection: Projection, settings: ClusterSettings) -> np.ndarray:
    """Unit vectors for every dialogue: each distinct sentence projected once, a dialogue the
    normalized sum of its sentences' rows (module docstring), so memory is `sentences × components`
    and `dialogues × components`."""
    weights = projection.weights
    projected = np.zeros((len(table.sentences), weights.shape[1]), dtype=np.float32)
    for start in range(0, len(table.sentences), CHUNK_SENTENCES):
        chunk = table.sentences[start : start + CHUNK_SENTENCES]
        counts = char_ngram_counts(chunk, settings.ngram, settings.max_features)
        projected[start : start + len(chunk)] = counts @ weights
    return normalize(np.asarray(table.incidence @ projected)).astype(np.float32)


def choose_k(n: int, settings: ClusterSettings) -> int:
    k = settings.k or max(2, round(n / settings.records_per_cluster))
    return max(1, min(k, settings.max_k, n))


def cluster(
    dialogues: Sequence[Sequence[str]],
    settings: ClusterSettings,
    names: Sequence[Sequence[str]] | None = None,
) -> Clustering:
    """Cluster the dialogues and apply the per-cluster cap (nearest the centre dropped first).

    `names`, per dialogue: the names on its case (customer, salutation,
    creditor), folded to one mark so two calls differing only in them are
    alike. The agents' names need no folding: they come from a short list.
    """
    n = len(dialogues)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Clustering(empty, np.zeros(0), np.zeros(0, dtype=bool), 0, 0)
    k = choose_k(n, settings)
    order = np.random.default_rng(settings.seed).permutation(n)
    fit_rows = order[: settings.fit_rows]
    table = sentence_table(dialogues, names)
    projection = fit_projection(table, np.sort(order[: settings.svd_rows]), settings)
    reduced = reduced_vectors(table, projection, settings)
    model = KMeans(n_clusters=k, n_init=1, random_state=settings.seed).fit(reduced[fit_rows])
    labels = model.predict(reduced).astype(np.int64)
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
