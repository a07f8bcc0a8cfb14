"""Lines that ``<br>`` breaks inside one paragraph of a page.

trafilatura gives each line of a paragraph broken by ``<br>`` (its ``lb`` elements) as a line of
its own, and the pipeline takes each line for a paragraph. A paragraph wrapped by hand, or a
sentence broken mid-way, would then lose its first line as a "heading" and give the summary
pieces of sentences; :func:`wrapped_lines` finds the breaks inside sentences from the extracted
body's markup, and :func:`join_lines` keeps those lines in one paragraph.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from digest.sources.gaps import full_stop
from digest.sources.headings import one_line

_BULLETS = ("•", "·", "▪", "●", "◦", "*", "-", "–", "—")
WRAPPED_WORDS = 6  # a line of a hand-wrapped paragraph this long runs on into the next
_SPACES = re.compile(r"\s+")


def wrapped_lines(body: Any) -> set[tuple[str, str]]:
    """Pairs of consecutive lines of an extracted paragraph that a line break (``<br>``) split
    inside a sentence: the first has no full stop and the second goes on in lower case, or,
    in a paragraph wrapped by hand (most of its breaks are such), the first is a long line.
    A heading or a label and its text, a list item, or lines of names and dates broken by
    ``<br>`` stay apart, and so do whole sentences."""
    pairs: set[tuple[str, str]] = set()
    if body is None:
        return pairs
    for paragraph in body.iter("p"):
        if paragraph.find(".//lb") is None:
            continue
        pieces: list[str] = []
        _line_text(paragraph, pieces)
        lines = [one_line(line) for line in "".join(pieces).split("\n")]
        breaks = [(a, b) for a, b in itertools.pairwise(lines) if a and b and not full_stop(a)]
        breaks = [(a, b) for a, b in breaks if not b.startswith(_BULLETS)]
        breaks = [(a, b) for a, b in breaks if not a.startswith(_BULLETS)]  # a list item
        continued = [(a, b) for a, b in breaks if b[:1].islower()]
        pairs.update(continued)  # the sentence runs on in lower case
        if 2 * len(continued) >= len(breaks):  # wrapped by hand: so are its other long lines
            pairs.update(
                (a, b) for a, b in breaks if len(a.split()) >= WRAPPED_WORDS and a[-1] != ":"
            )
    return pairs


def _line_text(element: Any, pieces: list[str]) -> None:
    """The element's text, a newline for each line break (the source's own newlines are
    spaces)."""
    pieces.append(_SPACES.sub(" ", element.text or ""))
    for child in element:
        if child.tag == "lb":
            pieces.append("\n")
        else:
            _line_text(child, pieces)
        pieces.append(_SPACES.sub(" ", child.tail or ""))


def join_lines(lines: list[str], wrapped: set[tuple[str, str]]) -> str:
    """The text: one paragraph per line, but for the lines of a paragraph wrapped by hand,
    which stay lines of one paragraph (cleaning joins them)."""
    out = lines[:1]
    for previous, line in itertools.pairwise(lines):
        joined = (one_line(previous), one_line(line)) in wrapped
        out.append(("\n" if joined else "\n\n") + line)
    return "".join(out)
