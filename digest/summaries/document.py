"""The contract every summary method follows.

An article is a :class:`Document` (its sentences, grouped by paragraph); a
:class:`SentenceSelector` takes a document and a count and returns the indices of the chosen
sentences. :mod:`digest.summaries.summarizer` then applies the word budget and article order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from digest.text.sentences import NewsTokenizer


@dataclass(frozen=True)
class Document:
    """An article as sentences: ``paragraphs`` holds the sentence indices of each paragraph;
    ``run_ins`` the pieces cut off the front of a sentence they had run into (a caption or
    credit, see :func:`split_run_ins`), which take no place in the article's order."""

    title: str
    sentences: tuple[str, ...]
    paragraphs: tuple[tuple[int, ...], ...]
    run_ins: frozenset[int] = frozenset()

    def positions(self) -> list[int]:
        """Each sentence's place in the order a reader meets the article's sentences: a piece
        cut off a sentence shares the place of the sentence it was cut from, so a caption run
        into the lead does not push the lead back to second place."""
        places: list[int] = []
        place = 0
        for i in range(len(self.sentences)):
            places.append(place)
            if i not in self.run_ins:
                place += 1
        return places

    def first(self) -> int:
        """The index of the article's first sentence (not a piece cut off it)."""
        return next((i for i in range(len(self.sentences)) if i not in self.run_ins), 0)

    @classmethod
    def from_text(cls, text: str, tokenizer: NewsTokenizer, title: str = "") -> Document:
        sentences: list[str] = []
        paragraphs: list[tuple[int, ...]] = []
        run_ins: set[int] = set()
        for block in text.split("\n\n"):
            found = cut_run_ins(join_day_cuts(list(tokenizer.to_sentences(block))))
            if found:
                paragraphs.append(tuple(range(len(sentences), len(sentences) + len(found))))
                run_ins.update(len(sentences) + k for k, (_, cut) in enumerate(found) if cut)
                sentences.extend(piece for piece, _ in found)
        return cls(title, tuple(sentences), tuple(paragraphs), frozenset(run_ins))


# A date the splitter cut at its day's number ("vom 9." | "bis 23." | "Februar 2017 die ..."):
# a piece ending in a one- or two-digit number with a stop, then a month and a year.
_DAY_CUT = re.compile(r"(?:^|\s)\d{1,2}\.$")
_MONTH_YEAR = re.compile(r"^[^\W\d_]{3,}\.? (?:1[89]|20)\d{2}\b")
# or a month's name with no year ("vom 31." | "Januar bis zum 05." | "Februar 2018 …"): the
# languages that write a day as an ordinal number with a stop (German, Danish, Norwegian …);
# not the names English shares ("… won 3. April was …" stays two sentences)
_MONTH = re.compile(
    r"^(?:Januar|Jänner|Februar|März|Mai|Juni|Juli|Oktober|Dezember|Okt|Dez|Mär"
    r"|januar|februar|marts|mars|april|maj|mai|juni|juli|august|september|oktober|november"
    r"|december|desember)\b\.?"
)


def join_day_cuts(pieces: list[str]) -> list[str]:
    """The sentences with a date cut at its day's number joined again."""
    out: list[str] = []
    for piece in pieces:
        if out and _DAY_CUT.search(out[-1]):
            short_day = len(piece.split()) <= 3 and _DAY_CUT.search(piece)
            if short_day or _MONTH_YEAR.match(piece) or _MONTH.match(piece):
                out[-1] = f"{out[-1]} {piece}"
                continue
        out.append(piece)
    return out


# A caption, heading or credit run into the sentence after it, with no stop between: a word
# and then a capitalised opening that cannot stand inside an English sentence ("... on
# Wednesday He said", "... with a towel on her face An 86-year-old nun was ...", "Net Tension
# This setting sets ..."). After a capitalised word only "The/This/These/He/She/They" count
# ("Serie A standings", "Don't Push It won" are names).
_RUN_IN = re.compile(
    r" (?=(?:(?P<any>An?|It|Its|His|Her|Their)\s+(?!(?:and|or|over|to|of|is|was|in|wie)\b)"
    r"|(?:The|This|These|He|She|They)\s+)(?:[a-z]{2,}|\d))"
)
_LOWER_WORD = re.compile(r"(?:^|[\s(\"“‘])[a-z]{2,}$")
_LETTERS = re.compile(r"[A-Za-z]{2}$")


def split_run_ins(pieces: list[str]) -> list[str]:
    """The sentences with a caption, heading or credit run into them cut off as a piece of its
    own (which, having no closing stop, reads as a fragment)."""
    return [piece for piece, _ in cut_run_ins(pieces)]


def cut_run_ins(pieces: list[str]) -> list[tuple[str, bool]]:
    """:func:`split_run_ins`, each piece with whether it was cut off the front of a sentence."""
    out: list[tuple[str, bool]] = []
    for piece in pieces:
        start = 0
        for match in _RUN_IN.finditer(piece):
            before = piece[max(start, match.start() - 30) : match.start()]
            # "A", "It", "His" ... only after a word in lower case ("Serie A", "Push It" are
            # names); "The", "He" ... after any word of letters ("Net Tension This setting")
            word = _LOWER_WORD if match.group("any") else _LETTERS
            if word.search(before):
                out.append((piece[start : match.start()], True))
                start = match.end()
        out.append((piece[start:], False))
    return out


class SentenceSelector(Protocol):
    def __call__(self, document: Document, count: int) -> list[int]: ...
