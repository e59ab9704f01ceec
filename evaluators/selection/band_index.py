"""A MinHash LSH index over row numbers: one dict per band, answers as numpy arrays.

The ROUGE-L pool asks the index once per text and adds most texts, 100k of
each at a run's scale. datasketch's `MinHashLSH` costs about 0.25 ms per call
here (a byteswap and a storage layer per band, string keys), which alone is
the pool's time budget; this index keeps datasketch's band/row choice for a
threshold and weights (`bands_and_rows`) and does the rest with one numpy
expression per text: band keys mixed from the signature in one pass, bucket
look-ups in plain dicts, candidates as a sorted row array ready for a gather
from the signature matrix.

On a templated corpus a few band values are shared by thousands of texts (the
minima fall on bigrams every call says): at 58k pooled dialogues the largest
bucket a query hit held 266 rows on average, two thirds of its candidates.
Such buckets stop answering past `max_bucket` rows. Measured on the pool at
100k scripted dialogues: no cap 120.5 s and 2,010 refusals; a cap of 100
103.9 s and 1,995 of them (none added); 50, 99.5 s and 1,975.
"""

from __future__ import annotations

from itertools import chain

import numpy as np
from datasketch import MinHashLSH

_MIX = np.uint64(0x9E3779B97F4A7C15)
"""Odd 64-bit multiplier folding a band's values into one key (a rare false collision only adds a
candidate, which the exact comparison then rejects)."""


def bands_and_rows(threshold: float, num_perm: int, weights: tuple[float, float]) -> tuple[int, int]:
    """datasketch's optimal (bands, rows per band) for a Jaccard threshold and fp/fn weights."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=weights)
    return lsh.b, lsh.r


class BandIndex:
    """Rows (0, 1, 2, ... in insertion order) bucketed by `bands` bands of `rows` signature values."""

    def __init__(self, bands: int, rows: int, max_bucket: int | None = None) -> None:
        self.bands, self.rows, self.max_bucket = bands, rows, max_bucket
        self.tables: list[dict[int, list[int]]] = [{} for _ in range(bands)]
        self.size = 0

    def keys(self, sig: np.ndarray) -> list[int]:
        return self.keys_of(sig[None, :])[0]

    def keys_of(self, sigs: np.ndarray) -> list[list[int]]:
        """Band keys of many signatures (rows), one list each."""
        band = sigs[:, : self.bands * self.rows].astype(np.uint64).reshape(len(sigs), self.bands, self.rows)
        key = band[:, :, 0].copy()
        for j in range(1, self.rows):
            key = key * _MIX + band[:, :, j]
        return key.tolist()

    def add(self, keys: list[int]) -> int:
        """Bucket the next row under `keys` (from `keys(sig)`); its row number."""
        row = self.size
        for table, key in zip(self.tables, keys, strict=True):
            bucket = table.get(key)
            if bucket is None:
                table[key] = [row]
            else:
                bucket.append(row)
        self.size += 1
        return row

    def query(self, keys: list[int]) -> np.ndarray:
        """Rows sharing at least one band with `keys`, sorted, each once; buckets holding more than
        `max_bucket` rows do not answer (a band value that common says little, like a stop word)."""
        cap = self.max_bucket or self.size + 1
        hits = [b for b in map(dict.get, self.tables, keys) if b and len(b) <= cap]
        if not hits:
            return np.zeros(0, dtype=np.int64)
        if len(hits) == 1:
            return np.array(hits[0], dtype=np.int64)
        found = set(chain.from_iterable(hits))  # a set dedups in C; np.unique cost more at these sizes
        return np.sort(np.fromiter(found, dtype=np.int64, count=len(found)))
