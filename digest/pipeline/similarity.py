"""Candidate indexes for selection: who could be a near-duplicate or the same story, found
without comparing every pair.

Both indexes are *filters*: they never miss a pair that reaches the threshold (proofs below) and
may return some that do not, so the caller verifies each candidate with the exact measure and the
decisions are the same as comparing every pair. Their cost grows with the number of articles
that share rare shingles or weighty terms, not with the number of pairs.

- :class:`ShinglePrefixIndex` (Jaccard >= t on sets): prefix filtering. With one global order of
  the shingles (rarest first), a set ``x`` is indexed by its first ``|x| - ceil(t|x|) + 1``
  shingles. If ``J(x, y) >= t`` then ``|x & y| >= t * max(|x|, |y|)``, and two such prefixes must
  share a shingle: were they disjoint, every common shingle would lie past the shorter-reaching
  prefix, leaving fewer than ``ceil(t|x|)`` places for them.
- :class:`TermIndex` (cosine >= t on tf-idf vectors): the All-Pairs bound. A vector's terms are
  visited from the most common; the leading terms whose contribution to any dot product is
  bounded below ``t`` (by the largest weight any vector has on each term, and by Cauchy-Schwarz)
  are left out of the index. Two vectors whose indexed terms never meet have a cosine below
  ``t``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

# Bounds are kept this far under the threshold, so float rounding never hides a candidate.
_MARGIN = 1e-6


class ShinglePrefixIndex:
    """Slots (small ints) by the shingles of their prefix, for Jaccard >= ``threshold``."""

    def __init__(self, threshold: float, all_sets: Iterable[set[int]]) -> None:
        self.threshold = threshold
        df: Counter[int] = Counter()
        for shingle_set in all_sets:
            df.update(shingle_set)
        self._df = df
        self._postings: defaultdict[int, set[int]] = defaultdict(set)

    def prefix(self, shingle_set: set[int]) -> list[int]:
        if not shingle_set:
            return []
        n = len(shingle_set)
        overlap = math.ceil(self.threshold * n - _MARGIN)
        ordered = sorted(shingle_set, key=lambda s: (self._df[s], s))
        return ordered[: max(n - overlap + 1, 1)]

    def candidates(self, shingle_set: set[int]) -> set[int]:
        found: set[int] = set()
        for shingle in self.prefix(shingle_set):
            found.update(self._postings.get(shingle, ()))
        return found

    def add(self, slot: int, shingle_set: set[int]) -> None:
        for shingle in self.prefix(shingle_set):
            self._postings[shingle].add(slot)

    def remove(self, slot: int, shingle_set: set[int]) -> None:
        for shingle in self.prefix(shingle_set):
            self._postings[shingle].discard(slot)


class TermIndex:
    """Vector positions by their weighty terms, for cosine >= ``threshold``."""

    def __init__(self, threshold: float, vectors: Sequence[dict[str, float]]) -> None:
        self.threshold = threshold
        self._units: list[dict[str, float]] = []
        max_weight: dict[str, float] = {}
        df: Counter[str] = Counter()
        for vector in vectors:
            norm = math.sqrt(sum(v * v for v in vector.values()))
            unit = {t: v / norm for t, v in vector.items()} if norm else {}
            self._units.append(unit)
            df.update(unit)
            for term, weight in unit.items():
                if weight > max_weight.get(term, 0.0):
                    max_weight[term] = weight
        self._max = max_weight
        self._df = df
        self._postings: defaultdict[str, list[int]] = defaultdict(list)

    def candidates(self, position: int) -> set[int]:
        found: set[int] = set()
        for term in self._units[position]:
            found.update(self._postings.get(term, ()))
        return found

    def add(self, position: int) -> None:
        unit = self._units[position]
        bound_max = 0.0
        squares = 0.0
        limit = self.threshold - _MARGIN
        for term in sorted(unit, key=lambda t: (-self._df[t], t)):
            weight = unit[term]
            bound_max += weight * self._max[term]
            squares += weight * weight
            if min(bound_max, math.sqrt(squares)) >= limit:
                self._postings[term].append(position)
