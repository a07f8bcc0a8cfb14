"""Whether a sentence reads on its own in a digest: the penalties the ranker adds to its model.

A summary sentence is read without the page around it, so a sentence scores far down (and,
see :func:`unreadable`, is left out of a summary that has other sentences to take) when it is
not a statement of the story:

- page and transcript furniture, calls to the reader and pointers to the page ("Sign up",
  "(CROSSTALK)", "Share this with your friends", "Follow us", "Read on for ...", "the pictures
  below", "Here are ...", "Figure 2:"), a credit ("Photo by ...", "Grooming by Jane Doe");
- a question or an exclamation (a listicle's opening, a comment, "I LOVE IT!");
- a speaker label ("Narrator:"); another label opening a line ("Editor's Tip:", "Definition:")
  only scores down, and the summary takes it off (:data:`LABEL`);
- a heading, list item, credit or fragment: no closing punctuation, a lower-case or list-mark
  opening, under four words, all in capitals ("RIVERSIDE COUNTY SHERIFF'S DEPT."), a title-case
  heading, a list number ("1. Celebrity ..."), or a piece of a page header with " | " in it;
- a reference-list citation (two of: initials, a year in brackets, volume(issue), page range,
  "et al.", a DOI);

A sentence holding the whole headline after other words (a page header run into it) is left
out too. All of these are the form of the sentence, not words of one site.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from digest.summaries.clauses import is_verbless

OPENING_PRONOUN = re.compile(
    r"^(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those|But|And|Or|So|Yet|Also|"
    r"However|Meanwhile|Still|Instead|Then|There)\b"
)
QUOTE_OPEN = ("“", '"', "‘", "'")
CAPTION = re.compile(
    r"(?i)scroll down|click here|pictured:|\bphoto:|\(pictured\)|watch the video|read more"
)
# What is not a sentence of the story: transcript and page furniture, boilerplate, a call to the
# reader, a photo credit, a pointer to the page ("Here are ...", "the pictures below").
_FURNITURE_LOWER = re.compile(
    r"\((?:crosstalk|laughter|applause|inaudible|begin|end|commercial break)[^)]*\)"
    r"|transcript as follows|^full text\b|\bsign up\b|\bsubscribe\b|newsletter|cookies?\b"
    r"|^scroll (?:down|up)\b"
    r"|all rights reserved|no reproduction without|advertisement|\bclick\b|\bunsubscribe\b"
    r"|terms of (?:use|service)"
    r"|\bin the comments\b|\bleave a comment\b|\bshare (?:this|it)\b|\bread on\b"
    r"|\bfollow (?:us|me|him|her|them)\b"
    r"|\b(?:see|read|watch|shown|listed|check out|find|capture[sd]?) below\b|\bbelow you\b"
    r"|\b(?:pictures?|photos?|images?|video|list|gallery) below\b|\bloading\.\.\."
    r"|^(?:photo(?:graph)?s?|images?|pictures?) (?:by|courtesy)\b|\bgetty images\b"
    r"|\bget the latest\b|\bdon[’']t miss\b|\btake a look\b|\bbelow\s*(?:\.\.\.|[.:…])?$"
    r"|\b(?:see|read|find|watch|view)\b.*\bhere\s*[.:]?$"
    r"|^here(?:'s|’s| is| are)\b|^(?:figure|fig\.|table|chart)\s*\d+[a-z]?\s*[:.]"
    r"|^(?:narrator|announcer|voice-?over|host|moderator|interviewer|q|a)\s*:",
    re.ASCII,  # its words are ASCII; ASCII word boundaries are a third faster to test
)
# Notes about the article itself, appeals for the publication and pointers to a figure, on any
# site; tested only when one of their words is in the sentence (the pattern above is most of a
# long page's readability cost).
_NOTES = re.compile(
    r"\boriginally (?:appeared|published|ran)\b|\bcontributed to this (?:report|story|article)"
    r"|\bthis (?:article|story|post) (?:was |has been |is )?(?:first |originally )?"
    r"(?:published|updated|corrected|adapted|appeared)\b|^original (?:article|story|post)\b"
    r"|\b(?:our|independent|quality) journalism\b|\bto your inbox\b"
    r"|\bmost popular (?:articles|stories|posts)\b"
    r"|^(?:learn|read|find out) more\b|^more from\b"
    r"|\b(?:in|of|within|from) this (?:article|page|post|wiki)\b|\bspoilers? (?:will|may)\b"
    r"|\bdownload (?:the |our )?(?:[\w-]+ )?apps?\b"
    r"|\bapps? (?:for|on) (?:ios|iphone|ipad|android)\b"
    r"|\b(?:figure|fig\.|table|chart)\s*\d+[a-z]? (?:shows|illustrates|displays|depicts)\b",
    re.ASCII,
)
_NOTE_WORDS = (
    "original",
    "contributed",
    "this ",
    "journalism",
    "inbox",
    "popular",
    "more",
    "fig",
    "table",
    "chart",
    "spoiler",
    "app",
)
_CREDIT = re.compile(r"^[A-Z][a-z]+(?: and [A-Z][a-z]+)? by [A-Z][\w'-]+ [A-Z]")


# Every sentence :data:`_FURNITURE_LOWER` matches holds one of these (each of its alternatives
# has one); the pattern runs only on those, the rest are told apart by substring tests, many
# times faster than the pattern's word boundaries.
_FURNITURE_KEYS = (
    "(", ":", "transcript", "full text", "sign up", "subscribe", "newsletter", "cookie",
    "rights reserved", "advertisement", "click", "terms of", "comment", "share ", "read on",
    "follow ", "below", "loading", "photo", "image", "picture", "getty", "latest", "t miss",
    "take a look", "here", "fig", "table", "chart", "scroll",
)  # fmt: skip


def is_furniture(sentence: str) -> bool:
    lower = sentence.lower()
    return bool(
        (any(key in lower for key in _FURNITURE_KEYS) and _FURNITURE_LOWER.search(lower))
        or (any(word in lower for word in _NOTE_WORDS) and _NOTES.search(lower))
        or _CREDIT.search(sentence)
    )


# A caption's position note fused into a sentence ("Juan Mata (right) says"): scored down, but
# not left out (on CNN/DailyMail it sits in lead sentences that carry the story).
POSITION_NOTE = re.compile(
    r"(?i)\((?:left|right|centre|center|pictured|top|bottom|above|below|inset|far left|far right)\)"
)
# A label before a colon at the start of a line: up to three words ("Editor's Tip: ...").
# Not a quotation's introduction ("He said: ...").
# what opens a speaker's words, not a label ("He said: …")
_NOT_A_SPEAKER = (
    r"^(?![^:]*\b(?:said|says|added|adds|told|tells|wrote|writes|explained|asked|asks)\s*:)"
)
LABEL = re.compile(_NOT_A_SPEAKER + r"[^\s:]+(?:\s+[^\s:]+){0,2}:\s+")
_FRAGMENT_WORDS = 4  # fewer words than this is an exclamation or a fragment ("Oh, RiRi.")
_OPENING = re.compile(r"^[\"“‘'(\[]?[^\W\d_a-z]|^\d|^[“\"‘'(]?\w*[^\W\da-z]")
_TERMINAL = re.compile(r"[.!?…。！？][\"”’')\]]*$")
_ASKS = re.compile(r"[?？!！][\"”’')\]]*$")
_LOWER = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_]+")
_LIST_MARK = re.compile(r"^\(?\d{1,2}[.)]\s")  # "1. Celebrity nude photo leaks."
_CITATION = (
    re.compile(
        r"\b[A-Z][a-z]+,\s[A-Z]\.(?:\s?[A-Z]\.)*(?:,|\s\()"
    ),  # "Smith, J. A., " / "Smith, J. ("
    re.compile(r"\((?:19|20)\d{2}[a-z]?\)"),  # a year in brackets
    re.compile(r"\b\d{1,4}\(\d{1,3}\)"),  # volume(issue)
    re.compile(r"\b\d{2,5}\s?[-–]\s?\d{2,5}\.?$"),  # a page range at the end
    re.compile(r"(?i)\bet al\.|\bdoi\b|\bpp\.\s?\d"),
)


@dataclass(frozen=True)
class Weights:
    """What is added to the fitted model for digest-readiness and redundancy control."""

    title: float = 0.5
    redundancy: float = 0.5
    readability: float = 1.0
    quote_only: float = 0.6
    quote_led: float = 0.25
    pronoun: float = 0.25
    caption: float = 1.0
    unintroduced: float = 0.3
    furniture: float = 3.0
    unfinished: float = 2.0  # no closing punctuation: a heading, subtitle or fragment
    headline: float = 3.0
    asks: float = 2.0  # a question or an exclamation
    label: float = 0.5  # scored down, not left out: the summary takes the label off
    citation: float = 3.0


def is_citation(sentence: str) -> bool:
    """A reference-list entry: at least two of a citation's marks."""
    return sum(bool(mark.search(sentence)) for mark in _CITATION) >= 2


def is_heading(sentence: str) -> bool:
    """A title-case line ("Changing Font Size of All Text Elements."): of its words of three or
    more letters after the first, at least three and 85% open with a capital."""
    words = [w for w in _WORDS.findall(sentence)[1:] if len(w) >= 3]
    if len(sentence.split()) > 12 or len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) >= 0.85 * len(words)


# A subordinate clause standing alone: it opens with a subordinator and has no comma, colon or
# dash where its main clause would start ("Whereas the production orientation focuses on ...").
_SUBORDINATE = re.compile(r"^(?:Whereas|Although|Though|Because|Unless|Whether)\b[^,;:—–]*$")
# A quotation alone, without its speaker ("'Gstaad'd from the bottom now we here.'").
_BARE_QUOTE = re.compile(r"^[\"“‘'][^\"“”]*[.!?…][\"”’']$")


def is_fragment(sentence: str) -> bool:
    """A heading, list item, credit or broken piece rather than a sentence."""
    return (
        not _TERMINAL.search(sentence.rstrip())
        or not _OPENING.match(sentence)
        or len(sentence.split()) < _FRAGMENT_WORDS
        or (not any(c.islower() for c in sentence) and len(_LOWER.findall(sentence)) >= 8)
        or " | " in sentence
        or bool(_LIST_MARK.match(sentence))
        or is_heading(sentence)
        or is_verbless(sentence)
        or bool(_SUBORDINATE.match(sentence) or _BARE_QUOTE.match(sentence))
        or _label_alone(sentence)
    )


# A label of up to five words and a colon, not a speaker's ("He said: …")
_LONG_LABEL = re.compile(_NOT_A_SPEAKER + r"[^\s:]+(?:\s+[^\s:]+){0,4}:\s+")


def _label_alone(sentence: str) -> bool:
    """A label with too little after it to be a sentence ("What we wanted to say: HAHAHA.")."""
    label = _LONG_LABEL.match(sentence)
    return label is not None and len(sentence[label.end() :].split()) < _FRAGMENT_WORDS


@functools.lru_cache(maxsize=8192)
def _form(stripped: str) -> tuple[bool, bool, bool, bool]:
    """(furniture, fragment, question or exclamation, citation) of a stripped sentence, worked
    out once: the ranker's penalty and the summary's choice both ask (a long page's sentences
    went through these patterns twice)."""
    return (
        is_furniture(stripped),
        is_fragment(stripped),
        bool(_ASKS.search(stripped)),
        is_citation(stripped),
    )


def standalone_penalty(sentence: str, weights: Weights = Weights()) -> float:
    """How badly a sentence reads on its own in a digest (0 = fine)."""
    penalty = 0.0
    stripped = sentence.strip()
    if stripped.startswith(QUOTE_OPEN):
        closing = max(stripped.rfind("”"), stripped.rfind('"', 1))
        tail = stripped[closing + 1 :] if closing > 0 else ""
        penalty += weights.quote_only if len(tail.split()) < 2 else weights.quote_led
    if OPENING_PRONOUN.match(stripped):
        penalty += weights.pronoun
    if CAPTION.search(stripped):
        penalty += weights.caption
    furniture, fragment, asks, citation = _form(stripped)
    if furniture or POSITION_NOTE.search(stripped):
        penalty += weights.furniture
    if fragment:
        penalty += weights.unfinished
    if asks:
        penalty += weights.asks
    if LABEL.match(stripped):
        penalty += weights.label
    if citation:
        penalty += weights.citation
    return penalty


def reads_alone(sentence: str) -> bool:
    """Whether a sentence can be a summary's sentence at all: not furniture, a question or
    exclamation, a fragment or a citation (a fused position note or a label only scores down)."""
    return not any(_form(sentence.strip()))


# What a date or time line is made of ("28 December 2014", "Updated: Mon, Jan 5 at 3:20 p.m. GMT")
_DATE_PARTS = re.compile(
    r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?|"
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\b\.?|"
    r"\b(?:[ap]\.?m\.?|gmt|utc|bst|cet|cest|[ecmp][sd]t|et|pt|at|on|updated|published|posted)\b|"
    r"\d+(?:st|nd|rd|th)?"
)


def is_date_alone(sentence: str) -> bool:
    """A date or time line with nothing else to say ("28 December 2014")."""
    return not _WORDS.search(_DATE_PARTS.sub(" ", sentence))


def shown_at_all(sentence: str) -> bool:
    """Whether a sentence may be a summary when no sentence reads on its own (a page of teasers
    or headings gives its best one): never a date line, page furniture or a citation."""
    stripped = sentence.strip()
    return not (is_date_alone(stripped) or is_furniture(stripped) or is_citation(stripped))


def repeats(sentence: str, title: str) -> float:
    """1 when the sentence is the headline again (most of each one's words in the other)."""
    a = _word_set(sentence)
    b = _word_set(title)
    if not a or not b:
        return 0.0
    both = len(a & b)
    return float(both >= 0.8 * len(a) and both >= 0.8 * len(b))


@functools.lru_cache(maxsize=8192)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.casefold()))


def holds_headline(sentence: str, title: str) -> bool:
    """A page header run into a sentence: the whole headline inside it, after other words
    ("Best Costumes | 2020 90+ Costumes For Adults ... by Emily Co 828 Cheap and easy ...")."""
    head = " ".join(title.split()).rstrip(".!?:").casefold()
    if len(head.split()) < 3:
        return False
    at = " ".join(sentence.split()).casefold().find(head)
    return at > 0


def left_out(sentence: str, title: str) -> bool:
    """Whether a summary leaves the sentence out when it has others to take."""
    return (
        not reads_alone(sentence)
        or is_date_alone(sentence)
        or bool(repeats(sentence, title))
        or holds_headline(sentence, title)
    )


def unreadable(sentences: Sequence[str], title: str) -> set[int]:
    """The sentences a summary leaves out when it has others to take."""
    return {i for i, s in enumerate(sentences) if left_out(s, title)}
