"""The project's own summarizer: lead-aware centrality with digest-readiness control.

News puts the most important facts first, so sentence position is the strongest single signal
(LEAD-3 beats every plain sumy algorithm on CNN/DailyMail). This method scores each sentence by
its position, its LexRank-style centrality (tf-idf cosine to the other sentences, stemmed, stop
words removed) and its overlap with the headline, penalises sentences that cannot stand alone in
a digest (a bare quotation, an opening pronoun or connective, fragments and run-ons), and picks
greedily with a redundancy penalty (maximal marginal relevance).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sumy.nlp.stemmers import Stemmer

from digest.names import NameBook, find_mentions
from digest.sentences import NewsTokenizer
from digest.summarize import Document

_OPENING_PRONOUN = re.compile(
    r"^(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those|But|And|Or|So|Yet|Also|"
    r"However|Meanwhile|Still|Instead|Then|There)\b"
)
_QUOTE_OPEN = ("“", '"', "‘", "'")


@dataclass(frozen=True)
class Weights:
    position: float = 1.0
    position_decay: float = 0.6
    centrality: float = 0.6
    title: float = 0.4
    redundancy: float = 0.7
    quote_only: float = 0.6
    quote_led: float = 0.25
    pronoun: float = 0.25
    short: float = 0.5
    long: float = 0.3
    unintroduced: float = 0.3
    min_words: int = 8
    max_words: int = 55


def standalone_penalty(sentence: str, weights: Weights = Weights()) -> float:
    """How badly a sentence reads on its own in a digest (0 = fine)."""
    penalty = 0.0
    words = len(sentence.split())
    stripped = sentence.lstrip()
    if stripped.startswith(_QUOTE_OPEN):
        closing = max(stripped.rfind("”"), stripped.rfind('"', 1))
        tail = stripped[closing + 1 :] if closing > 0 else ""
        penalty += weights.quote_only if len(tail.split()) < 2 else weights.quote_led
    if _OPENING_PRONOUN.match(stripped):
        penalty += weights.pronoun
    if words < weights.min_words:
        penalty += weights.short
    elif words > weights.max_words:
        penalty += weights.long
    return penalty


class DigestSelector:
    """Position + centrality + headline overlap, minus readability penalties, with MMR."""

    def __init__(
        self,
        tokenizer: NewsTokenizer,
        stemmer: Stemmer,
        stop_words: frozenset[str],
        weights: Weights | None = None,
    ) -> None:
        self._tokenizer = tokenizer
        self._stemmer = stemmer
        self._stop_words = stop_words
        self.weights = weights or Weights()

    def __call__(self, document: Document, count: int) -> list[int]:
        return sorted(self.rank(document)[:count])

    def rank(self, document: Document) -> list[int]:
        """All sentence indices, best first (greedy MMR order)."""
        n = len(document.sentences)
        if n == 0:
            return []
        w = self.weights
        vectors = [self._vector(s) for s in document.sentences]
        idf = _idf(vectors)
        weighted = [{t: tf * idf[t] for t, tf in v.items()} for v in vectors]
        sims = [[_cosine(a, b) for b in weighted] for a in weighted]
        centrality = [sum(row) - 1.0 for row in sims] if n > 1 else [0.0]
        top = max(centrality) or 1.0
        title = {t: idf.get(t, 1.0) for t in self._vector(document.title)}
        unintroduced = _unintroduced_names(document)
        base = [
            w.position / (1 + i) ** w.position_decay
            + w.centrality * centrality[i] / top
            + w.title * _cosine(weighted[i], title)
            - standalone_penalty(document.sentences[i], w)
            - w.unintroduced * unintroduced[i]
            for i in range(n)
        ]
        order: list[int] = []
        remaining = set(range(n))
        while remaining:
            best = max(
                remaining,
                key=lambda i: base[i] - w.redundancy * max((sims[i][j] for j in order), default=0),
            )
            order.append(best)
            remaining.remove(best)
        return order

    def _vector(self, text: str) -> Counter[str]:
        return Counter(
            self._stemmer(word.lower())
            for word in self._tokenizer.to_words(text)
            if word.lower() not in self._stop_words and not word.isdigit()
        )


def _unintroduced_names(document: Document) -> list[int]:
    """Per sentence, 1 when it names someone by surname only whose full name the reader of a
    summary would not have seen (not in that sentence, nor in the lead sentence)."""
    book = NameBook(" ".join(document.sentences))
    lead = document.sentences[0] if document.sentences else ""
    flags: list[int] = []
    for sentence in document.sentences:
        flag = 0
        for mention in find_mentions(sentence):
            if " " in mention.name:
                continue
            full = book.resolve(mention.name)
            if full != mention.name and full not in sentence and full not in lead:
                flag = 1
                break
        flags.append(flag)
    return flags


def _idf(vectors: Sequence[Counter[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for vector in vectors:
        df.update(vector.keys())
    n = len(vectors)
    return {term: math.log((n + 1) / (count + 0.5)) for term, count in df.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(value * b.get(term, 0.0) for term, value in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0
