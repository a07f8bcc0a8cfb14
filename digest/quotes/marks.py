"""Quote marks: where the quotes of a paragraph start and end.

Double marks — curly “…”, straight "…" and the doubled apostrophes ''…'' (or ``…'') some
newspapers use, German „…“ and guillemets («…», »…«) — and, in a paragraph with no double
marks, the single marks of British style (‘…’ and '…', as the Daily Mail writes). A single
mark is often an apostrophe: "don’t", "’90s", "Jones’ house", "rock ’n’ roll" are not quotes.
Single marks inside a double-quoted quote are a quote inside the quote and stay part of its
text (and double marks inside a single-quoted one). An unbalanced mark never raises: the quote
runs on to the end of its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_OPENERS = ("“", '"', "''", "``")
SINGLE_OPENERS = ("‘", "'")


@dataclass(frozen=True)
class Span:
    """A quote's inner text located in the article: paragraph index and character offsets."""

    paragraph: int
    start: int
    end: int
    text: str
    continued: bool = False  # the quote goes on into the next paragraph
    mark: int = 1  # length of the quote marks around it


def find_quote_spans(paragraph: str, index: int = 0, single: bool = False) -> list[Span]:
    """Quote spans in one paragraph; never raises on unbalanced marks.

    A straight or doubled mark opens when it follows a space or punctuation and precedes a
    word, and closes otherwise. With ``single`` (an article in British style, see
    :func:`uses_single_marks`), single marks are read instead, and double marks only in a
    paragraph with no single-quoted quote."""
    spans = _pair(paragraph, index, _quote_marks(paragraph))
    if not single:
        return spans
    singles = _pair(paragraph, index, single_marks(paragraph))
    return singles or spans


def uses_single_marks(paragraphs: list[str]) -> bool:
    """An article quotes with single marks (‘…’, '…') when they give more quotes than double
    marks do; in other articles a single mark is an apostrophe, a quote inside a quote or a
    headline's scare quote (“Trump Was ‘Mocking’ Clinton Camp”)."""
    doubles = sum(len(_pair(p, 0, _quote_marks(p))) for p in paragraphs)
    if doubles > 3:
        return False
    singles = sum(len(_pair(p, 0, single_marks(p))) for p in paragraphs[:200])
    return singles > doubles


def _pair(paragraph: str, index: int, marks: list[tuple[int, int, str]]) -> list[Span]:
    spans: list[Span] = []
    k = 0
    while k < len(marks):
        pos, length, role = marks[k]
        if role != "open":  # an "inner" mark outside a quote opens nothing (as before)
            k += 1
            continue
        close = k + 1
        while close < len(marks):
            if marks[close][2] == "inner":
                # a quote inside the quote opened with a closing mark (“… for ”little steps”
                # is …”): it and the mark that closes it are part of the text
                close += 2 if close + 1 < len(marks) and marks[close + 1][2] == "close" else 1
            elif marks[close][2] == "open" and marks[close][1] != length:
                close += 1  # a different kind of opener inside: a nested mark, keep looking
            else:
                break
        if close < len(marks) and marks[close][2] == "close":
            end = marks[close][0]
            text = paragraph[pos + length : end].strip()
            if text:
                spans.append(Span(index, pos + length, end, text, mark=length))
            k = close + 1
        else:
            # never closed: the quote runs on, to the next opener or the end of the paragraph
            end = marks[close][0] if close < len(marks) else len(paragraph)
            text = paragraph[pos + length : end].strip()
            if text:
                spans.append(Span(index, pos + length, end, text, continued=True, mark=length))
            k = close
    return spans


_MARK = re.compile(r"''|``|[“”\"„«»]")


def _quote_marks(text: str) -> list[tuple[int, int, str]]:
    """(position, length, "open"|"close"|"inner") of every double quote mark in ``text``;
    "inner" is a closing mark written where a quote opens (" ”little steps”")."""
    marks: list[tuple[int, int, str]] = []
    # German „…“ closes with the mark English opens with; guillemets open with the one the
    # paragraph writes first (French and Spanish «…», German »…«)
    low_high = "„" in text
    guillemet = next((c for c in text if c in "«»"), "«")
    for match in _MARK.finditer(text):
        mark, pos = match.group(0), match.start()
        if mark in "«»":
            role = "open" if mark == guillemet else "close"
        elif mark == "„" or (mark == "“" and not low_high) or mark == "``":
            role = "open"
        elif mark == "“":
            role = "close"
        elif mark == "”":
            before = text[pos - 1] if pos > 0 else " "
            after = text[match.end()] if match.end() < len(text) else " "
            # after a space and before a letter, a closing mark opens (a quote inside a quote)
            role = "inner" if before.isspace() and after.isalnum() else "close"
        else:
            before = text[pos - 1] if pos > 0 else " "
            after = text[match.end()] if match.end() < len(text) else " "
            opening = (before.isspace() or before in "([{—–-:,;/") and not after.isspace()
            if mark == "''" and before.isalpha() and after.isspace():
                opening = False
            role = "open" if opening else "close"
        marks.append((pos, len(mark), role))
    return marks


# Words that start with an apostrophe: "’90s", "’til", "’em", "’cause", "rock ’n’ roll".
_ELISION = re.compile(r"(?:\d|(?:til|tis|twas|em|cause|n|bout|round)\b)", re.IGNORECASE)
_SPEECH_AFTER = re.compile(
    r"\s+(?:said|says|told|added|explained|insisted|claimed|warned|asked|wrote|writes|he|she)\b"
)
_CLOSING_PUNCTUATION = ".,!?;:…—–-)"


def single_marks(text: str) -> list[tuple[int, int, str]]:
    """(position, 1, "open"|"close") of the single quote marks in ``text`` that are not
    apostrophes. An opener follows a space, a bracket or a dash and precedes a letter, a
    quote or "[" (not "’90s"); a closer is not between two letters ("don’t"), and after a word
    ending in "s" it closes only before a capital, punctuation or a speech verb ("the Joneses’
    house" is a possessive)."""
    marks: list[tuple[int, int, str]] = []
    for match in re.finditer(r"[‘’']", text):
        pos = match.start()
        before = text[pos - 1] if pos > 0 else " "
        after = text[pos + 1] if pos + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # "don’t", "O’Brien"
        opens = (before.isspace() or before in '([{—–-“"') and (after.isalpha() or after in '[“"')
        if opens and match.group(0) != "’" and not _ELISION.match(text, pos + 1):
            marks.append((pos, 1, "open"))
            continue
        if match.group(0) == "‘":
            continue
        if not (before.isalnum() or before in _CLOSING_PUNCTUATION + "”\"'’"):
            continue
        rest = text[pos + 1 :]
        ends = not rest or rest[0] in _CLOSING_PUNCTUATION or rest[0] in "”\"’'"
        if before.lower() == "s" and not ends:
            ends = bool(re.match(r"\s+[A-Z(]", rest) or _SPEECH_AFTER.match(rest))
        elif not ends:
            ends = rest[0].isspace()
        if ends:
            marks.append((pos, 1, "close"))
    if not any(role == "open" for _, _, role in marks):
        return []  # apostrophes only
    return marks
