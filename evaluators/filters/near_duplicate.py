"""Near-duplicate detection: MinHash LSH (datasketch) over what the collector said.

Templated collectors repeat themselves, and a training set of near-copies
teaches a model one call. A transcript's collector turns become shingles —
words for English, characters for Chinese, which has no spaces — and a MinHash
signature; the LSH index finds kept transcripts whose signatures collide, and
the estimated Jaccard similarity confirms them. The index outlives the filter:
a later selection step (ROUGE-L pool admission) asks it for candidates and
runs the exact comparison on those only.

Shingle hashes are CRC32-based (never Python's salted `hash`), so signatures
are the same in every process.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from itertools import chain

import numpy as np
from datasketch import MinHash, MinHashLSH

from evaluators.filters.candidate import Candidate
from evaluators.filters.filter_settings import NearDuplicateSettings
from evaluators.filters.reasons import DropReason

_WORD = re.compile(r"\w+")
_MASK = np.uint64(0xFFFFFFFF)
_MIX = np.uint64(1_000_003)
RECALL_WEIGHTS = (0.05, 0.95)
"""LSH band/row choice weighted towards recall: every candidate is verified by its estimated
Jaccard anyway, so a false candidate costs one comparison while a missed one keeps a duplicate
(with equal weights, pairs at Jaccard 0.95 were missed 20% of the time at threshold 0.9)."""
CHARACTER_LANGUAGES = frozenset({"zh"})
"""Languages shingled by character rather than by word."""


FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)
"""MurmurHash3's 32-bit finalizer constants, the pre-mix datasketch's affine32 scheme applies."""


class TokenHashes(dict):
    """Token -> CRC32, filled on first sight; `map(table.__getitem__, tokens)` stays in C."""

    def __missing__(self, token: str) -> int:
        value = self[token] = zlib.crc32(token.encode())
        return value


class Shingler:
    """Text -> 32-bit shingle hashes (repeats allowed: they do not change a minimum)."""

    def __init__(self, word_shingle: int, char_shingle: int) -> None:
        self.word_shingle, self.char_shingle = word_shingle, char_shingle
        self._table = TokenHashes()

    def tokens(self, text: str, language: str) -> list[str]:
        if language in CHARACTER_LANGUAGES:
            return [ch for ch in text if not ch.isspace()]
        return _WORD.findall(text.lower())

    def hashes(self, parts: Sequence[str], language: str) -> np.ndarray:
        return self.shingle_hashes(self.tokens("\n".join(parts), language), language)

    def token_codes(self, tokens: Iterable[str], count: int) -> np.ndarray:
        return np.fromiter(map(self._table.__getitem__, tokens), dtype=np.uint64, count=count)

    def size(self, language: str) -> int:
        return self.char_shingle if language in CHARACTER_LANGUAGES else self.word_shingle

    def shingle_hashes(self, tokens: Sequence[str], language: str) -> np.ndarray:
        """Hashes of the shingles of tokens already split (a caller that needs the tokens too splits once)."""
        size = self.size(language)
        codes = self.token_codes(tokens, len(tokens))
        return codes if len(codes) <= size else rolled(codes, size)


def rolled(codes: np.ndarray, size: int) -> np.ndarray:
    """Polynomial hash of every run of `size` consecutive token codes."""
    width = len(codes) - size + 1
    mixed = codes[:width].copy()
    for offset in range(1, size):
        mixed = (mixed * _MIX + codes[offset : offset + width]) & _MASK
    return mixed


class NearDuplicateIndex:
    """Signatures of admitted texts, an LSH index over them, and verified look-ups.

    A signature is the MinHash's hash-value array; `candidates` is the raw LSH
    answer (cheap, may hold false positives); `duplicates` keeps those whose
    estimated Jaccard reaches the threshold. One scratch `MinHash` carries a
    signature into the LSH calls, which keep only its band hashes.
    """

    def __init__(
        self, settings: NearDuplicateSettings, weights: tuple[float, float] = RECALL_WEIGHTS
    ) -> None:
        self.threshold = settings.threshold
        self.shingler = Shingler(settings.word_shingle, settings.char_shingle)
        self._carrier = MinHash(num_perm=settings.num_perm, seed=settings.seed, scheme="affine32")
        self._empty = self._carrier.hashvalues.copy()
        a, b = self._carrier.permutations
        self._a, self._b = a.astype(np.uint32), b.astype(np.uint32)
        self.lsh = MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm, weights=weights)
        self.signatures: dict[str, np.ndarray] = {}

    def signature(self, parts: Sequence[str], language: str) -> np.ndarray:
        """MinHash values of the shingles: datasketch's affine32 update (pre-mix, a·h + b mod 2^32,
        column minimum) on the whole array at once instead of a Python call per shingle."""
        return self.signatures_of([self.shingler.tokens("\n".join(parts), language)], [language])[0]

    def signatures_of(self, token_lists: Sequence[Sequence[str]], languages: Sequence[str]) -> np.ndarray:
        """The signatures of many tokenized texts, one row each.

        Why: per text that is a dozen numpy calls on arrays of a few hundred
        values, where call overhead is most of the cost; a block of texts
        shares them. Shingles never cross two texts; a text with no more
        tokens than a shingle hashes its tokens (as `shingle_hashes` does).
        """
        shingler = self.shingler
        lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
        out = np.tile(self._empty, (len(token_lists), 1))
        if not lengths.sum():
            return out
        codes = shingler.token_codes(chain.from_iterable(token_lists), int(lengths.sum()))
        starts = np.cumsum(lengths) - lengths
        sizes = np.array([shingler.size(language) for language in languages], dtype=np.int64)
        counts = np.where(lengths > sizes, lengths - sizes + 1, lengths)
        text_of = np.repeat(np.arange(len(token_lists)), counts)
        firsts = np.cumsum(counts) - counts
        positions = np.arange(counts.sum()) - np.repeat(firsts, counts) + starts[text_of]
        hv = codes[positions]
        for size in np.unique(sizes[lengths > sizes]):
            mixed = rolled(codes, int(size))
            pick = (sizes[text_of] == size) & (lengths[text_of] > size)
            hv[pick] = mixed[positions[pick]]
        hv = hv.astype(np.uint32)
        s1, m1, s2, m2, s3 = FMIX32
        hv = hv ^ (hv >> np.uint32(s1))
        hv = hv * np.uint32(m1)
        hv = hv ^ (hv >> np.uint32(s2))
        hv = hv * np.uint32(m2)
        hv = hv ^ (hv >> np.uint32(s3))
        present = np.flatnonzero(counts)
        minima = np.minimum.reduceat(hv[:, None] * self._a + self._b, firsts[present], axis=0)
        out[present] = np.minimum(self._empty, minima)
        return out

    def _carry(self, sig: np.ndarray) -> MinHash:
        self._carrier.hashvalues = sig
        return self._carrier

    def candidates(self, sig: np.ndarray) -> list[str]:
        return self.lsh.query(self._carry(sig))

    def similarity(self, sig: np.ndarray, key: str) -> float:
        return float(np.mean(self.signatures[key] == sig))

    def duplicates(self, sig: np.ndarray) -> list[str]:
        return [k for k in self.candidates(sig) if self.similarity(sig, k) >= self.threshold]

    def add(self, key: str, sig: np.ndarray) -> None:
        self.lsh.insert(key, self._carry(sig), check_duplication=False)
        self.signatures[key] = sig

    def __len__(self) -> int:
        return len(self.signatures)


class NearDuplicateStage:
    """Drops a transcript whose collector turns nearly equal an admitted one's; admits the rest."""

    def __init__(self, index: NearDuplicateIndex) -> None:
        self.index = index
        self._pending: tuple[str, np.ndarray] | None = None

    def check(self, candidate: Candidate) -> DropReason | None:
        sig = self.index.signature(candidate.collector_texts, candidate.language)
        self._pending = (candidate.dialogue_id, sig)
        return DropReason.NEAR_DUPLICATE if self.index.duplicates(sig) else None

    def admit(self, candidate: Candidate) -> None:
        if self._pending is not None and self._pending[0] == candidate.dialogue_id:
            sig = self._pending[1]
        else:
            sig = self.index.signature(candidate.collector_texts, candidate.language)
        self.index.add(candidate.dialogue_id, sig)
        self._pending = None
