"""The contract every summary method follows.

An article is a :class:`Document` (its sentences, grouped by paragraph); a
:class:`SentenceSelector` takes a document and a count and returns the indices of the chosen
sentences. :mod:`digest.summaries.summarizer` then applies the word budget and article order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from digest.text.sentences import NewsTokenizer


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
