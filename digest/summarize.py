"""Summarize: pick whole sentences of the article (extractive), in article order.

Every method follows one contract, :class:`SentenceSelector`: given the article's sentences
(grouped by paragraph) and a count, return the indices of the chosen sentences. The sumy
algorithms are wrapped with the project's tokenizer and stemmer passed in (no NLTK data needed);
``lead`` is the first-N baseline; ``digest`` (the default) is the project's own method in
:mod:`digest.ranking`. :func:`summarize` then applies the word budget and article order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.utils import get_stop_words

from digest.errors import ConfigError
from digest.models import Article, Summary
from digest.sentences import NewsTokenizer


@dataclass(frozen=True)
class Document:
    """An article as sentences: ``paragraphs`` holds the sentence indices of each paragraph."""

    title: str
    sentences: tuple[str, ...]
    paragraphs: tuple[tuple[int, ...], ...]

    @classmethod
    def from_text(cls, text: str, tokenizer: NewsTokenizer, title: str = "") -> Document:
        sentences: list[str] = []
        paragraphs: list[tuple[int, ...]] = []
        for block in text.split("\n\n"):
            found = tokenizer.to_sentences(block)
            if found:
                paragraphs.append(tuple(range(len(sentences), len(sentences) + len(found))))
                sentences.extend(found)
        return cls(title, tuple(sentences), tuple(paragraphs))


class SentenceSelector(Protocol):
    def __call__(self, document: Document, count: int) -> list[int]: ...


class LeadSelector:
    """The first ``count`` sentences (the LEAD-N baseline)."""

    def __call__(self, document: Document, count: int) -> list[int]:
        return list(range(min(count, len(document.sentences))))


class SumySelector:
    """Any sumy summarizer, fed the project's tokenizer and stemmer."""

    def __init__(
        self,
        factory: Callable[[Stemmer], AbstractSummarizer],
        tokenizer: NewsTokenizer,
        stemmer: Stemmer,
        language: str = "english",
    ) -> None:
        self._factory = factory
        self._tokenizer = tokenizer
        self._stemmer = stemmer
        self._stop_words = frozenset(get_stop_words(language))

    def __call__(self, document: Document, count: int) -> list[int]:
        if not document.sentences:
            return []
        objects = [Sentence(text, self._tokenizer) for text in document.sentences]
        index = {id(obj): i for i, obj in enumerate(objects)}
        model = ObjectDocumentModel(
            [Paragraph([objects[i] for i in para]) for para in document.paragraphs]
        )
        summarizer = self._factory(self._stemmer)
        summarizer.stop_words = self._stop_words
        if hasattr(summarizer, "bonus_words"):  # Edmundson needs its three word lists
            title_words = [w.lower() for w in self._tokenizer.to_words(document.title)]
            summarizer.bonus_words = [w for w in title_words if w not in self._stop_words] or [
                "said"
            ]
            summarizer.stigma_words = ["photo", "caption", "advertisement"]
            summarizer.null_words = list(self._stop_words)
        chosen = summarizer(model, count)
        return sorted(index[id(sentence)] for sentence in chosen)


def _sumy_factories() -> dict[str, Callable[[Stemmer], AbstractSummarizer]]:
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    return {
        "lexrank": LexRankSummarizer,
        "lsa": LsaSummarizer,
        "textrank": TextRankSummarizer,
        "luhn": LuhnSummarizer,
        "sumbasic": SumBasicSummarizer,
        "kl": KLSummarizer,
        "edmundson": EdmundsonSummarizer,
        "reduction": ReductionSummarizer,
    }


SUMY_METHODS = tuple(_sumy_factories())
METHODS = ("digest", "lead", *SUMY_METHODS)
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
        from digest.ranking import DigestSelector

        return DigestSelector(tok, Stemmer(language), frozenset(get_stop_words(language)))
    factories = _sumy_factories()
    if key not in factories:
        raise ConfigError(
            f"unknown summarizer {name!r}; choose one of: default, {', '.join(METHODS)}"
        )
    return SumySelector(factories[key], tok, Stemmer(language), language)


def fit_budget(document: Document, ranked: Sequence[int], count: int, max_words: int) -> list[int]:
    """Take sentences in rank order while they fit ``count`` and ``max_words``; article order."""
    chosen: list[int] = []
    words = 0
    for i in ranked:
        length = len(document.sentences[i].split())
        if len(chosen) < count and words + length <= max_words and i not in chosen:
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
        ranked = self._rank(document)
        return [
            document.sentences[i] for i in fit_budget(document, ranked, self.count, self.max_words)
        ]

    def summarize(self, article: Article) -> Summary:
        return Summary(article.id, tuple(self.sentences(article.text, article.title)), self.method)

    def _rank(self, document: Document) -> list[int]:
        ranker = getattr(self._selector, "rank", None)
        if ranker is not None:
            return list(ranker(document))
        return self._selector(document, self.count)
