"""The project's own summarizer (``default``): a lead-aware sentence scorer with MMR.

News puts the most important facts first, so position is the strongest signal (LEAD-3 beats
every plain sumy algorithm on CNN/DailyMail). This method scores each sentence with a linear
model over general features: position (first, second, third, decay), length, LexRank-style
centrality (tf-idf cosine to the other sentences, stemmed, stop words removed), similarity to
the lead sentence and the headline, quotation and pronoun openings, digits and proper-noun
density. The 18 weights are global, fitted once by logistic regression against greedy-oracle
sentence labels on the *even* half of ``summaries-dev.jsonl`` by :mod:`digest.summaries.fit`
(``digest eval summaries --subset odd`` scores the held-out half); no parameter is fitted per
article. Positions count the sentences as a reader meets them: a caption cut off the front of
a sentence (:meth:`~digest.summaries.document.Document.positions`) takes no place.

On top of the model, sentences that cannot stand alone in a digest (a bare quotation, an
opening pronoun or connective, caption furniture, a surname the reader was never introduced to)
are penalised, and sentences are picked greedily with a redundancy penalty (maximal marginal
relevance) before :func:`digest.summaries.summarizer.fit_budget` applies the count and word budget.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from digest.summaries.document import Document
from digest.summaries.readable import (
    CAPTION,
    OPENING_PRONOUN,
    QUOTE_OPEN,
    Weights,
    repeats,
    standalone_penalty,
)
from digest.text.names import NameBook, find_mentions
from digest.text.sentences import NewsTokenizer

_DIGIT = re.compile(r"\d")

MMR_CANDIDATES = 60  # sentences MMR chooses among (the best by score)
MMR_PICKS = 12  # picks made with the redundancy penalty; a summary takes a few
NAME_SENTENCES = 200  # the opening sentences whose surnames are checked (a summary's pool)

BIAS = -0.7511
COEFFICIENTS = {
    "inv_position": 0.5178,
    "is_first": -0.0898,
    "is_second": 0.7344,
    "is_third": 0.6854,
    "position_30": -1.2469,
    "relative_position": -0.7032,
    "log_words": -0.4292,
    "under_8_words": -0.4427,
    "over_45_words": 0.3094,
    "over_60_words": -0.0960,
    "opens_with_quote": -0.8595,
    "opens_with_pronoun": -0.4070,
    "caption_marker": 0.0081,
    "centrality": 0.9740,
    "similarity_to_first": 0.1776,
    "has_quote": -0.1787,
    "has_digit": 0.3114,
    "capitalised_ratio": 0.1802,
}


def sentence_features(
    sentence: str, index: int, count: int, centrality: float, similarity_to_first: float
) -> dict[str, float]:
    tokens = sentence.split()
    words = len(tokens)
    stripped = sentence.lstrip()
    capitalised = sum(1 for token in tokens[1:] if token[:1].isupper())
    return {
        "inv_position": 1 / (1 + index),
        "is_first": float(index == 0),
        "is_second": float(index == 1),
        "is_third": float(index == 2),
        "position_30": min(index, 30) / 30,
        "relative_position": index / max(count - 1, 1),
        "log_words": math.log1p(words),
        "under_8_words": float(words < 8),
        "over_45_words": float(words > 45),
        "over_60_words": float(words > 60),
        "opens_with_quote": float(stripped.startswith(QUOTE_OPEN)),
        "opens_with_pronoun": float(bool(OPENING_PRONOUN.match(stripped))),
        "caption_marker": float(bool(CAPTION.search(sentence))),
        "centrality": centrality,
        "similarity_to_first": similarity_to_first,
        "has_quote": float(
            sentence.count("“") + sentence.count('"') // 2 + sentence.count("‘") > 0
        ),
        "has_digit": float(bool(_DIGIT.search(sentence))),
        "capitalised_ratio": capitalised / max(words, 1),
    }


def model_score(
    features: dict[str, float],
    coefficients: dict[str, float] = COEFFICIENTS,
    bias: float = BIAS,
) -> float:
    return bias + sum(coefficients[name] * value for name, value in features.items())


class DigestSelector:
    """The fitted sentence model, plus readability penalties, with MMR selection."""

    def __init__(
        self,
        tokenizer: NewsTokenizer,
        stemmer: Callable[[str], str],
        stop_words: frozenset[str],
        weights: Weights | None = None,
    ) -> None:
        self._tokenizer = tokenizer
        self._stemmer = stemmer
        # Stems are memoized (thread-safe): a 50,000-word page stems ~24,000 words, most repeats.
        self._stem: Callable[[str], str] = functools.lru_cache(maxsize=100_000)(stemmer)
        # and each word as written to its term (its stem, or None for a stop word or a number)
        self._term: Callable[[str], str | None] = functools.lru_cache(maxsize=100_000)(
            self._term_of
        )
        self._stop_words = stop_words
        self.weights = weights or Weights()
        # the fitted model (digest.summaries.fit sets others while it cross-validates)
        self.bias, self.coefficients = BIAS, COEFFICIENTS

    def __call__(self, document: Document, count: int) -> list[int]:
        return sorted(self.rank(document)[:count])

    def rank(self, document: Document) -> list[int]:
        """All sentence indices, best first (greedy MMR order)."""
        return list(self.ranking(document))

    def ranking(self, document: Document) -> Iterator[int]:
        """:meth:`rank`'s order, worked out as far as it is read: a sentence's readability
        penalty (its costliest feature) is computed only when the sentence could come next
        (issue 15: a summary reads a few dozen of a long page's thousands of sentences)."""
        n = len(document.sentences)
        if n == 0:
            return iter(())
        w = self.weights
        features, weighted, title = self._features(document)
        unintroduced = _unintroduced_names(document)
        model = [
            model_score(fs, self.coefficients, self.bias) + w.title * _dot(weighted[i], title)
            for i, fs in enumerate(features)
        ]

        def score(i: int, exact: bool = True) -> float:
            sentence = document.sentences[i]
            return (
                model[i]
                - w.readability * (standalone_penalty(sentence, w) if exact else 0.0)
                - w.unintroduced * unintroduced[i]
                - w.headline * (repeats(sentence, document.title) if exact else 0.0)
            )

        # The readability penalty and the headline repeat are never negative: without them, a
        # score bounds the sentence's score from above (with weights of at least 0).
        bounded = w.readability >= 0 and w.headline >= 0
        by_score = _best_first([score(i, exact=not bounded) for i in range(n)], score)
        return _mmr(by_score, weighted, w.redundancy)

    def features(self, document: Document) -> list[dict[str, float]]:
        """The fitted model's features of each sentence (what :mod:`digest.summaries.fit`
        fits the coefficients on)."""
        return self._features(document)[0] if document.sentences else []

    def _features(
        self, document: Document
    ) -> tuple[list[dict[str, float]], list[dict[str, float]], dict[str, float]]:
        """Per sentence, the model's features and its tf-idf unit vector; the title's vector."""
        n = len(document.sentences)
        vectors = [self._vector(s) for s in document.sentences]
        idf = _idf(vectors)
        weighted = [_unit({t: tf * idf[t] for t, tf in v.items()}) for v in vectors]
        # LexRank-style centrality, the sum of a sentence's cosines to all the others, is its
        # dot product with the sum of all unit vectors: linear in the number of sentences.
        total: dict[str, float] = {}
        for vector in weighted:
            for term, value in vector.items():
                total[term] = total.get(term, 0.0) + value
        centrality = [_dot(v, total) - (1.0 if v else 0.0) for v in weighted] if n > 1 else [0.0]
        top = max(centrality) or 1.0
        title = _unit({t: idf.get(t, 1.0) for t in self._vector(document.title)})
        # positions as a reader meets the sentences (a caption cut off the lead takes none)
        places, first = document.positions(), document.first()
        last = places[-1] + 1
        features = [
            sentence_features(
                s,
                places[i],
                last,
                centrality[i] / top,
                _dot(weighted[i], weighted[first]) if i != first else 1.0,
            )
            for i, s in enumerate(document.sentences)
        ]
        return features, weighted, title

    def _vector(self, text: str) -> Counter[str]:
        terms = map(self._term, self._tokenizer.to_words(text))
        return Counter(term for term in terms if term is not None)

    def _term_of(self, word: str) -> str | None:
        lower = word.lower()
        if lower in self._stop_words or word.isdigit():
            return None
        return self._stem(lower)


def _best_first(
    bound: Sequence[float], exact: Callable[[int], float]
) -> Iterator[tuple[int, float]]:
    """(index, exact score) by descending score, ties in index order (as a stable sort orders
    them), where ``bound[i] >= exact(i)``: an exact score is computed only once its bound is the
    best left, so the order is the full sort's."""
    heap = [(-b, i, False) for i, b in enumerate(bound)]
    heapq.heapify(heap)
    while heap:
        key, i, done = heapq.heappop(heap)
        if done:
            yield i, -key
        else:
            heapq.heappush(heap, (-exact(i), i, True))


def _mmr(
    by_score: Iterator[tuple[int, float]], weighted: Sequence[dict[str, float]], redundancy: float
) -> Iterator[int]:
    """Redundancy-aware picking (MMR) among the best candidates only, with each candidate's
    worst overlap updated once per pick: O(k * candidates); the rest follow by score."""
    base = dict(itertools.islice(by_score, MMR_CANDIDATES))
    overlap = dict.fromkeys(base, 0.0)
    picks = 0
    while overlap and picks < MMR_PICKS:
        best = max(overlap, key=lambda i: base[i] - redundancy * overlap[i])
        yield best
        picks += 1
        del overlap[best]
        for i in overlap:
            overlap[i] = max(overlap[i], _dot(weighted[i], weighted[best]))
    yield from sorted(overlap, key=lambda i: base[i] - redundancy * overlap[i], reverse=True)
    yield from (i for i, _ in by_score)


def _unintroduced_names(document: Document) -> list[int]:
    """Per sentence, 1 when it names someone by surname only whose full name the reader of a
    summary would not have seen (not in that sentence, nor in the lead sentence)."""
    book = NameBook(" ".join(document.sentences[:NAME_SENTENCES]))
    lead = document.sentences[0] if document.sentences else ""
    flags: list[int] = []
    resolved: dict[str, str] = {}  # each surname resolved once, not once per mention
    for sentence in document.sentences[:NAME_SENTENCES]:
        flag = 0
        for mention in find_mentions(sentence):
            if " " in mention.name:
                continue
            if mention.name not in resolved:
                resolved[mention.name] = book.resolve(mention.name)
            full = resolved[mention.name]
            if full != mention.name and full not in sentence and full not in lead:
                flag = 1
                break
        flags.append(flag)
    return flags + [0] * (len(document.sentences) - len(flags))


def _idf(vectors: Sequence[Counter[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for vector in vectors:
        df.update(vector.keys())
    n = len(vectors)
    return {term: math.log((n + 1) / (count + 0.5)) for term, count in df.items()}


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    """The cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(term, 0.0) for term, value in a.items())
