"""Sentence and word tokenization for news text, with no NLTK data download.

:class:`NewsTokenizer` has the interface sumy's parsers and summarizers expect (``language``,
``to_sentences``, ``to_words``), so it can stand in for ``sumy.nlp.tokenizers.Tokenizer``, whose
default needs NLTK's ``punkt_tab`` data. Sentence boundaries come from pysbd's rules (which know
"U.S.", "Sen.", "R-Fla.", initials, decimals); on top of that, a sentence that opens a quotation
and does not close it is joined with the next one, so a quote spanning sentences stays whole.
Each thread has its own segmenter: splitting is the same under every task runner. For English
it is :mod:`digest.text.pysbd_fast`'s, which gives pysbd's sentences in less time (issue 15).
"""

from __future__ import annotations

import re
import threading

import pysbd

from digest.text import pysbd_fast

_WORD = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*", re.UNICODE)
_MAX_QUOTE_JOIN = 4
# pysbd's time grows faster than linearly with the length of what it is given (100,000
# characters without a paragraph break: 26 s); longer paragraphs are cut at a sentence end first.
_CHUNK = 12_000
_SENTENCE_END = re.compile(r"(?<=[a-z]{3})[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


_local = threading.local()

# A boundary pysbd always keeps: a stop after a lower-case word of three or more letters that is
# not an abbreviation pysbd knows, then a capital or digit. Text is cut there first, and pysbd only
# sees the pieces that still hold a stop inside them (issue 15: 50,000 words took 3.8 s).
_SAFE_END = re.compile(r"\b([A-Za-z]*[a-z]{3})[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_INNER_STOP = re.compile(r"[.!?…]")


def _abbreviations() -> frozenset[str]:
    from pysbd.lang.english import English

    abbr = English.Abbreviation
    words = [*abbr.ABBREVIATIONS, *abbr.PREPOSITIVE_ABBREVIATIONS, *abbr.NUMBER_ABBREVIATIONS]
    return frozenset(word.lower() for word in words)


_ABBREVIATIONS = _abbreviations()


def _safe_pieces(text: str) -> list[str]:
    """``text`` cut at the boundaries of :data:`_SAFE_END` (the stop stays with its sentence)."""
    pieces: list[str] = []
    start = 0
    for match in _SAFE_END.finditer(text):
        if match.group(1).lower() in _ABBREVIATIONS:
            continue
        cut = match.end()
        pieces.append(text[start:cut].strip())
        start = cut
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def _segmenter(language: str) -> pysbd.Segmenter:
    """This thread's segmenter for ``language``: a ``pysbd.Segmenter`` keeps the text it works
    on in attributes, so one shared by threads mixes up their articles (issue 14)."""
    cache: dict[str, pysbd.Segmenter] | None = getattr(_local, "segmenters", None)
    if cache is None:
        cache = _local.segmenters = {}
    if language not in cache:
        cache[language] = pysbd_fast.segmenter(language)
    return cache[language]


class NewsTokenizer:
    """A sumy-compatible tokenizer built on pysbd."""

    def __init__(self, language: str = "english") -> None:
        self.language = language
        self._code = {"english": "en"}.get(language, language)
        try:
            _segmenter(self._code)
        except ValueError as exc:
            raise ValueError(
                f"no sentence rules for language {language!r}; pysbd supports "
                "codes like 'en', 'de', 'fr', 'es'"
            ) from exc

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        text = " ".join(paragraph.split())
        if not text:
            return ()
        segmenter = _segmenter(self._code)
        pieces: list[str] = []
        for safe in _safe_pieces(text) if self._code == "en" else [text]:
            if not _INNER_STOP.search(safe, 0, len(safe) - 1):
                pieces.append(safe)
                continue
            pieces.extend(p.strip() for chunk in _chunks(safe) for p in segmenter.segment(chunk))
        return tuple(_join_open_quotes([piece for piece in pieces if piece]))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def _chunks(text: str, size: int = _CHUNK) -> list[str]:
    """``text`` in pieces of at most about ``size`` characters, cut after a sentence end (else
    at a space, else anywhere); a normal paragraph is one piece."""
    chunks: list[str] = []
    while len(text) > size:
        ends = [m.end() for m in _SENTENCE_END.finditer(text, size // 2, size)]
        cut = ends[-1] if ends else (text.rfind(" ", size // 2, size) + 1 or size)
        chunks.append(text[:cut].strip())
        text = text[cut:]
    chunks.append(text)
    return [chunk for chunk in chunks if chunk.strip()]


def split_sentences(text: str, tokenizer: NewsTokenizer | None = None) -> list[str]:
    """Sentences of a text whose paragraphs are separated by blank lines (or not at all)."""
    tok = tokenizer or NewsTokenizer()
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        sentences.extend(tok.to_sentences(paragraph))
    return sentences


def _open_quotes(sentence: str) -> int:
    """How many double quotes the sentence leaves open (curly, or an odd count of straight)."""
    curly = sentence.count("“") - sentence.count("”")
    straight = sentence.count('"') % 2
    return max(curly, 0) + straight


def _join_open_quotes(pieces: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(pieces):
        current = pieces[i]
        joined = 0
        while _open_quotes(current) and i + 1 < len(pieces) and joined < _MAX_QUOTE_JOIN:
            nxt = pieces[i + 1]
            if nxt.startswith(("“", '"')):
                break  # the next sentence opens a quote of its own: the first was unbalanced
            current = f"{current} {nxt}"
            i += 1
            joined += 1
        out.append(current)
        i += 1
    return out
