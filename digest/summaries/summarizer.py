"""Summarize: pick whole sentences of the article (extractive), in article order.

Every method follows one contract, :class:`~digest.summaries.document.SentenceSelector`: given
the article's sentences (grouped by paragraph) and a count, return the indices of the chosen
sentences. ``lead`` and the sumy algorithms live in :mod:`digest.summaries.methods`; ``digest``
(the default) is the project's own method in :mod:`digest.summaries.ranker`.
:class:`ArticleSummarizer` then applies the word budget and article order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar, cast

from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words, normalize_language

from digest.errors import ConfigError
from digest.models import Article, Summary
from digest.summaries.document import Document, SentenceSelector
from digest.summaries.methods import SUMY_METHODS, LeadSelector, SumySelector, sumy_factories
from digest.summaries.people import Surnames, points_back
from digest.summaries.ranker import DigestSelector
from digest.summaries.readable import LABEL, left_out, shown_at_all
from digest.text.clean import split_dateline
from digest.text.sentences import NewsTokenizer
from digest.text.stemming import english_stemmer

METHODS = ("digest", "lead", *SUMY_METHODS)
T = TypeVar("T")
DEFAULT_METHOD = "digest"


def get_selector(
    name: str, tokenizer: NewsTokenizer | None = None, language: str = "english"
) -> SentenceSelector:
    """The selector for a method name (``default`` means the project's own method)."""
    tok = tokenizer or NewsTokenizer(language)
    key = DEFAULT_METHOD if name == "default" else name.lower()
    if key == "lead":
        return LeadSelector()
    if key == "digest":
        # nltk's English stems, found in less time (digest.text.stemming)
        english = normalize_language(language) == "english"
        stemmer = english_stemmer() if english else Stemmer(language)
        return DigestSelector(tok, stemmer, frozenset(get_stop_words(language)))
    factories = sumy_factories()
    if key not in factories:
        raise ConfigError(
            f"unknown summarizer {name!r}; choose one of: default, {', '.join(METHODS)}"
        )
    return SumySelector(factories[key], tok, Stemmer(language), language)


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A date written before the story's first words: "December 28, 2014: Markets opened lower".
_DATE_LEAD = re.compile(
    rf"^(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\s*[:—–-]\s+"
)
_SPACES = re.compile(r"\s+")
# A wiki's citation mark inside a sentence: "The Water-Making Spell[2] (Aguamenti) was …"
_CITATION_MARK = re.compile(r"(?<=\w)\[\d{1,3}\]")
# A footnote or affiliate-link star after a name ("director Chas Burns* organized", "das Label
# Achiy*"), not a pattern in technical text ("RCS*,v*")
_NAME_STAR = re.compile(r"(\b[A-ZÀ-Þ][a-zß-ÿ]{2,})\*(?=[\s.,;:!?)]|$)")
# A reference mark before the closing stop: "... for over 50 years (1)." / "... in 2019.[12]"
_REFERENCE_MARK = re.compile(
    r"\s*(?:\(\d{1,3}(?:[,–-]\s?\d{1,3})*\)|\[\d{1,3}\])(?=[.!?]?$)|(?<=[.!?])\[\d{1,3}\]$"
)


def without_headline(sentence: str, title: str) -> str:
    """The sentence without a copy of the headline run into its start ("What the Airlines Did
    Well in 2014 Not often do the airlines …"), when what follows is a sentence of its own."""
    head = _SPACES.sub(" ", title).strip().rstrip(".!?:")
    if len(head.split()) < 3 or not sentence.casefold().startswith(head.casefold()):
        return sentence
    rest = sentence[len(head) :].lstrip(" .:;—–-|")
    return rest if len(rest.split()) >= 5 and rest[:1].isupper() else sentence


def tidy_sentence(sentence: str, title: str = "") -> str:
    """A summary sentence without a leading dateline ("WASHINGTON (AP) — ", "(CNN) -- ",
    "December 28, 2014: ") or a copy of the headline run into it."""
    sentence = split_dateline(without_headline(sentence, title))[0]
    sentence = _REFERENCE_MARK.sub("", sentence)
    sentence = _CITATION_MARK.sub("", sentence)
    sentence = _NAME_STAR.sub(r"\1", sentence)
    label = LABEL.match(sentence)
    if label and len(sentence[label.end() :].split()) >= 6 and sentence[label.end()].isupper():
        sentence = sentence[label.end() :]
    match = _DATE_LEAD.match(sentence)
    if match and len(sentence[match.end() :].split()) >= 5:
        rest = sentence[match.end() :]
        sentence = rest[:1].upper() + rest[1:]
    return sentence


def introduce_people(
    document: Document,
    ranked: Iterable[int],
    chosen: list[int],
    count: int,
    max_words: int,
    names: Surnames | None = None,
) -> list[int]:
    """The summary without a sentence that points back ("He", "This biography", "According to
    them") while the sentence before it in the article (where its person is named) is not in
    the summary (the article's first sentence has none): it is replaced by the next sentence
    in rank order (``ranked`` is read again for each refill). So is a sentence that names
    someone by surname only ("Archer-Bradshaw said …") whose full name neither the headline nor
    an earlier sentence of the summary gives, unless
    :class:`~digest.summaries.people.Surnames` can write it in full. And the answer to a
    question the summary does not ask ("Why is it always in the last place you look?" |
    "Because when you find it, you stop looking.")."""
    banned: set[int] = set()
    names = names or Surnames(document)
    for _ in range(count + 1):
        dangling = [
            i for i in chosen if i - 1 not in chosen and points_back(document.sentences, i)
        ] + names.unintroduced(chosen, max_words)
        if not dangling:
            return chosen
        banned.update(dangling)
        refilled = fit_budget(document, (i for i in ranked if i not in banned), count, max_words)
        if not refilled:
            return chosen
        chosen = refilled
    return chosen


def fit_budget(document: Document, ranked: Iterable[int], count: int, max_words: int) -> list[int]:
    """Take sentences in rank order while they fit ``count`` and ``max_words``; article order.
    The ranking is read no further than the ``count``-th sentence taken."""
    chosen: list[int] = []
    words = 0
    for i in ranked:
        if len(chosen) >= count:
            break
        length = len(document.sentences[i].split())
        if words + length <= max_words and i not in chosen:
            chosen.append(i)
            words += length
    return sorted(chosen)


class ArticleSummarizer:
    """Summaries for many articles with one method, tokenizer and stemmer (built once)."""

    def __init__(
        self,
        method: str = DEFAULT_METHOD,
        sentences: int = 3,
        max_words: int = 100,
        language: str = "english",
    ) -> None:
        self.method = DEFAULT_METHOD if method == "default" else method.lower()
        self.count = sentences
        self.max_words = max_words
        self.tokenizer = NewsTokenizer(language)
        self._selector = get_selector(self.method, self.tokenizer, language)

    def document(self, text: str, title: str = "") -> Document:
        return Document.from_text(text, self.tokenizer, title)

    def sentences(self, text: str, title: str = "") -> list[str]:
        document = self.document(text, title)
        if not document.sentences:
            return []
        count = self.count
        ranked: Iterable[int]
        if self.method != DEFAULT_METHOD:
            ranked = self._rank(document)
        else:
            # Sentences that do not read on their own are left out; when no sentence does (a
            # page of teasers or headings), the summary is the best one alone, not three, and
            # never a date line or furniture (then there is none). The ranking and these checks
            # go only as far down the order as the summary reads.
            ranked = Drawn(self._ranking(document))
            sentences = document.sentences
            readable = Drawn(i for i in ranked if not left_out(sentences[i], title))
            if readable.any():
                ranked = readable
            else:
                ranked, count = Drawn(i for i in ranked if shown_at_all(sentences[i])), 1
        chosen = fit_budget(document, ranked, count, self.max_words)
        if self.method != DEFAULT_METHOD:
            return [tidy_sentence(document.sentences[i], title) for i in chosen]
        names = Surnames(document)  # its people book serves both steps
        chosen = introduce_people(document, ranked, chosen, count, self.max_words, names)
        texts, _ = names.introduce(chosen, self.max_words)
        return [tidy_sentence(texts[i], title) for i in chosen]

    def summarize(self, article: Article) -> Summary:
        return Summary(article.id, tuple(self.sentences(article.text, article.title)), self.method)

    def _rank(self, document: Document) -> list[int]:
        ranker = getattr(self._selector, "rank", None)
        if ranker is not None:
            return list(ranker(document))
        return self._selector(document, self.count)

    def _ranking(self, document: Document) -> Iterator[int]:
        ranking = getattr(self._selector, "ranking", None)
        return ranking(document) if ranking is not None else iter(self._rank(document))


class Drawn(Generic[T]):
    """The items of an iterator, drawn from it only as far as they are read and kept for the
    next reader (each reader goes through them from the first)."""

    def __init__(self, items: Iterable[T]) -> None:
        self._source = iter(items)
        self._drawn: list[T] = []

    def __iter__(self) -> Iterator[T]:
        i = 0
        while True:
            if i == len(self._drawn):
                item = next(self._source, _END)
                if item is _END:
                    return
                self._drawn.append(cast(T, item))
            yield self._drawn[i]
            i += 1

    def any(self) -> bool:
        return next(iter(self), _END) is not _END


_END = object()
