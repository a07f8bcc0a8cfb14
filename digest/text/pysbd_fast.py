"""pysbd's English segmenter, quicker on long pages, with the same sentences (issue 15).

Two of pysbd's steps cost far more than the rules they apply; :func:`segmenter` returns a
``pysbd.Segmenter`` subclass that overrides just those two methods (pysbd itself is not changed,
so there is no global state and nothing to install; each thread still has its own segmenter):

1. ``Segmenter.sentences_with_char_spans`` finds where each sentence lies in the text by
   compiling one pattern per sentence (``re.escape(sentence) + "\\s*"``). On a 50,000-word page
   those ~2,000 patterns fill ``re``'s cache of 512 and evict pysbd's own ~180, which are then
   compiled again for every piece of text. Here the place is found with ``str.find`` (the same
   leftmost, non-overlapping search; the span takes the whitespace after the sentence).
2. ``AbbreviationReplacer.search_for_abbreviations_in_string`` looks for each of the 188
   abbreviations in every line: wherever its letters occur (as "no" does in "not"), it runs a
   substitution per occurrence, although every substitution acts only on the abbreviation
   followed by a full stop ("No."). An abbreviation of plain letters or digits is skipped when
   the line holds no such stop after it (matched case-insensitively, as pysbd matches it).

Both bodies follow pysbd 0.3.4 (MIT); with any other pysbd version :func:`segmenter` returns a
plain ``pysbd.Segmenter``, as it does for languages other than English.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd
from pysbd.lang.english import English
from pysbd.lists_item_replacer import ListItemReplacer
from pysbd.processor import Processor
from pysbd.utils import Text, TextSpan

PYSBD_VERSION = "0.3.4"  # the version whose methods the overrides below follow
_PLAIN = re.compile(r"[a-z0-9]+", re.ASCII)


@lru_cache(maxsize=512)
def _stopped(abbreviation: str) -> re.Pattern[str]:
    """The abbreviation followed by a full stop, in any case."""
    return re.compile(re.escape(abbreviation) + r"\.", re.IGNORECASE)


# The characters outside ASCII that re.IGNORECASE matches to an ASCII letter or digit ("İ", "ı",
# long "ſ", the Kelvin sign); tests/text/test_pysbd_fast.py checks the list over all of Unicode.
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"


def _has_stop_after(abbreviation: str, text: str, lowered: str) -> bool:
    """Whether ``text`` holds ``abbreviation`` (ASCII letters and digits) then ".", matched as
    pysbd's ``re.IGNORECASE`` patterns match it. ``lowered`` (``text.lower()``) answers exactly
    unless the text holds one of :data:`FOLDS_TO_ASCII`; then the pattern decides."""
    if text.isascii() or not any(char in text for char in FOLDS_TO_ASCII):
        return f"{abbreviation}." in lowered
    return _stopped(abbreviation).search(text) is not None


@lru_cache(maxsize=8)
def _abbreviation_plan(abbreviations: tuple[str, ...]) -> tuple[tuple[str, bool, str], ...]:
    """Each abbreviation stripped, whether it is plain (ASCII letters and digits), and what a
    lowered line must hold for it to need handling ("no." for plain "no", else itself)."""
    plan = []
    for abbr in abbreviations:
        stripped = abbr.strip()
        plain = bool(_PLAIN.fullmatch(stripped))
        plan.append((stripped, plain, f"{stripped}." if plain else stripped))
    return tuple(plan)


class _AbbreviationReplacer(English.AbbreviationReplacer):
    def search_for_abbreviations_in_string(self, text: str) -> str:
        """pysbd 0.3.4's method, skipping the plain abbreviations never followed by a stop."""
        lowered = text.lower()
        plan = _abbreviation_plan(tuple(self.lang.Abbreviation.ABBREVIATIONS))
        if text.isascii() or not any(char in text for char in FOLDS_TO_ASCII):
            # the lowered line answers the stop check exactly, for the whole loop (a replacement
            # only writes "∯"): one pass keeps just the abbreviations the loop handles
            plan = tuple(step for step in plan if step[2] in lowered)
        for stripped, plain, _ in plan:
            if stripped not in lowered:
                continue
            if plain and not _has_stop_after(stripped, text, lowered):
                continue  # each replacement below needs "<abbreviation>." in the text
            abbrev_match = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
            if not abbrev_match:
                continue
            next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
            char_array = re.findall(next_word_start, text)
            for ind, found in enumerate(abbrev_match):
                text = self.scan_for_replacements(text, found, ind, char_array)
        return text


# What pysbd's list steps need to change a line: a lone letter before a stop ("a.") or a letter
# or Roman numeral before ")" ("(b)", "iv)"), each after a space, "(" or the start (the lettered
# and Roman lists); a digit before ". ", ".)" or ") ", or the marks those steps write (numbered).
_LETTER_ITEM = re.compile(r"(?:^|(?<=[\s(]))(?:[a-z]\.|(?:[a-z]|[ivx]+)\))")
_NUMBER_ITEM = re.compile(r"\d(?:\.[\s)]|\)\s)|[♨☝]")


class _ListItemReplacer(ListItemReplacer):
    text: str

    def add_line_break(self) -> str:
        """pysbd 0.3.4's list steps, each pair skipped on a line it cannot change (a step acts
        only on an item its pattern finds and its alphabet holds, or on its own marks)."""
        if _LETTER_ITEM.search(self.text):
            self.format_alphabetical_lists()
            self.format_roman_numeral_lists()
        if _NUMBER_ITEM.search(self.text):
            self.format_numbered_list_with_periods()
            self.format_numbered_list_with_parens()
        return self.text


class _Processor(Processor):
    text: str

    def abbreviations_replacer(self) -> _AbbreviationReplacer:
        return _AbbreviationReplacer(self.text, self.lang)

    def process(self) -> list[str] | str:
        """pysbd 0.3.4's method, with :class:`_ListItemReplacer`."""
        if not self.text:
            return self.text
        self.text = self.text.replace("\n", "\r")
        self.text = _ListItemReplacer(self.text).add_line_break()
        self.replace_abbreviations()
        self.replace_numbers()
        self.replace_continuous_punctuation()
        self.replace_periods_before_numeric_references()
        self.text = Text(self.text).apply(
            self.lang.Abbreviation.WithMultiplePeriodsAndEmailRule,
            self.lang.GeoLocationRule,
            self.lang.FileFormatRule,
        )
        postprocessed_sents: list[str] = self.split_into_segments()
        return postprocessed_sents


class _Segmenter(pysbd.Segmenter):
    def processor(self, text: str) -> _Processor:
        return _Processor(text, self.language_module, char_span=self.char_span)

    def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
        """pysbd 0.3.4's spans, found with ``str.find`` instead of a pattern per sentence."""
        if not all(sentences):
            # an empty sentence matches anywhere (pysbd yields none; kept exact all the same)
            return super().sentences_with_char_spans(sentences)
        text: str = self.original_text
        spans: list[TextSpan] = []
        prior_end = 0
        for sentence in sentences:
            start = text.find(sentence)
            while start != -1:
                end = start + len(sentence)
                while end < len(text) and text[end].isspace():
                    end += 1
                if end > prior_end:
                    spans.append(TextSpan(text[start:end], start, end))
                    prior_end = end
                    break
                start = text.find(sentence, end)
        return spans


def fast_path(language: str, version: str = pysbd.__version__) -> bool:
    """Whether :func:`segmenter` gives the quicker segmenter for this language and pysbd."""
    return language == "en" and version == PYSBD_VERSION


def segmenter(language: str) -> pysbd.Segmenter:
    """A new segmenter (``clean=False``) for ``language``: the quicker one when
    :func:`fast_path` allows, else pysbd's own. Raises ``ValueError`` for an unknown language."""
    if fast_path(language):
        return _Segmenter(language=language, clean=False)
    return pysbd.Segmenter(language=language, clean=False)
