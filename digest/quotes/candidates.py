"""Candidate speakers of a quote, each with the features the ranker scores.

For every quote the extractor keeps a :class:`Scene`: its paragraph with the quotes masked,
where the quote sits in it, the paragraph before, and who was in focus and last quoted at that
point. :func:`candidates` lists the people who could have said it: the rules' pick, every person
named in the quote's paragraph and in the paragraph before, the person in focus, the last
speaker and the people recently in focus. Each gets one-hot features (:mod:`digest.quotes.ranker`
weighs them): where the nearest mention of the candidate is (same sentence before or after the
quote, the sentence before or after, elsewhere in the paragraph, the paragraph before), the
distance in words, whether the mention is the subject or object of a speech verb, whether it is
possessive or the object of a preposition, what the name looks like (a known first name, an
honorific, several words, a name the digest may print), agreement with the pronoun the rules
read, whether the candidate was just quoted or is in focus, how often the article names them,
whether the quote names them, and the rules' own verdict (their pick, and by which ``how``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from digest.quotes.attribution import sentence_spans
from digest.quotes.patterns import MASK, PRONOUN, VERB
from digest.quotes.speakers import showable
from digest.text.names import PLACE_TAIL, NameBook, find_mentions, first_name_gender
from digest.text.names import looks_like_person as _looks_like_person


@dataclass(frozen=True)
class Scene:
    """Where a quote sits when the rules attribute it."""

    paragraph: str  # the quote's paragraph, quotes masked (:data:`MASK`)
    start: int  # the quote's mask in ``paragraph``
    end: int
    previous: str = ""  # the paragraph before, quotes masked
    focus: str | None = None
    last_speaker: str | None = None
    recent: tuple[str, ...] = ()  # people in focus, the latest last
    mentioned: tuple[str, ...] = ()  # people named, the latest last
    written: tuple[str, ...] = ()  # people named in full, the latest last


@dataclass
class Candidate:
    name: str
    features: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class _Seen:
    distance: int  # words between the quote and the mention
    where: str  # "before0", "after0", "before1", "after1", "para", "prev_para", ...
    verb: str  # "subject", "object", "none"
    possessive: bool
    object_of: bool
    start: int = -1  # in the quote's paragraph (-1: the paragraph before)
    end: int = -1


_SUBJECT_OF = re.compile(rf"(?:\s*\([^()]*\))?(?:,[^,¶]{{0,90}},)?\s+(?:\w+ly\s+)?{VERB}\b")
_OBJECT_OF_VERB = re.compile(rf"\b{VERB}\s+(?:[\w’'.-]+\s+){{0,4}}$")
_PREPOSITION = re.compile(r"\b(?:of|for|with|to|by|about|against|on|at|from|than)\s+$")
_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]{0,3}|[A-Z]{1,4})\.(?=\s+(?:[A-Z]|$))")  # "Lt.", "Gov."
_CONTRACTION = re.compile(r"I[’'](?:ve|m|d|ll)")
_OPENING = re.compile(r"(?:^|[.!?:;(\[“\"‘—]\s*|\n|¶\S?\s*)\s*$")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|me|my|My|we|We|our|Our|us)\b")


def candidates(
    scene: Scene,
    book: NameBook,
    pick: str | None,
    how: str | None,
    who: str | None,
    quote: str,
    narration: str,
) -> list[Candidate]:
    """The people who could have said the quote, the rules' ``pick`` among them."""
    seen: dict[str, list[_Seen]] = {}
    strict = pick is None  # a quote the rules left open: no lone opening word as its speaker
    _read(scene.paragraph, scene, book, seen, previous=False, strict=strict)
    if scene.previous:
        _read(scene.previous, scene, book, seen, previous=True, strict=strict)
    names: list[str] = list(seen)
    for extra in (pick, scene.focus, scene.last_speaker, *scene.recent[-3:]):
        if extra and extra not in names:
            names.append(extra)
    pronoun = (who or "").strip().lower() if re.fullmatch(PRONOUN, (who or "").strip()) else ""
    written = _written_at(scene, who)
    unprintable = pick is not None and not showable(pick)
    out: list[Candidate] = []
    for name in names:
        f: dict[str, float] = {}
        mentions = seen.get(name, [])
        near = min(mentions, key=lambda s: (s.where.startswith("prev"), s.distance), default=None)
        if near is None:
            f["where=context"] = 1.0
        else:
            bucket = min(int(math.log2(near.distance + 1)), 6)
            f[f"where={near.where}"] = 1.0
            f[f"where_verb={near.where}|{near.verb}"] = 1.0
            f[f"distance={bucket}"] = 1.0
            f[f"verb={near.verb}"] = 1.0
            if near.possessive:
                f["possessive"] = 1.0
            if near.object_of:
                f["object_of_preposition"] = 1.0
            if any(s.verb == "subject" for s in mentions if not s.where.startswith("prev")):
                f["speech_subject_in_paragraph"] = 1.0
            f[f"mentions_here={min(len(mentions), 3)}"] = 1.0
            if written and any(_beside(scene.paragraph, s, written) for s in mentions):
                f[f"beside_rules_mention={_kind(who)}"] = 1.0  # "X, a former aide, said"
        is_pick = name == pick
        f[f"pick={is_pick}"] = 1.0
        if is_pick:
            f[f"pick_how={how or 'none'}"] = 1.0
            f[f"pick_who={_kind(who)}"] = 1.0
            f[f"pick_how_who={how or 'none'}|{_kind(who)}"] = 1.0
            if near is not None:
                f[f"pick_where={near.where}"] = 1.0
        else:
            f[f"other_when_pick_how={how or 'none'}"] = 1.0
            if unprintable:  # the rules read "Air Force", "Oversight": who is near instead?
                f[f"other_when_pick_unprintable={near.where if near else 'context'}"] = 1.0
        if pick is None:
            f["no_pick"] = 1.0
        person = _person_features(name, book)
        f.update(person)
        if is_pick:  # what the rules' pick looks like weighs apart ("Much", "Air Force")
            f.update({f"pick&{k}": v for k, v in person.items()})
        if pronoun in ("he", "she"):
            gender = book.gender(name)
            wanted = "male" if pronoun == "he" else "female"
            f[f"gender={'unknown' if gender is None else gender == wanted}"] = 1.0
        f[f"just_quoted={name == scene.last_speaker}"] = 1.0
        f[f"in_focus={name == scene.focus}"] = 1.0
        if name in scene.recent:
            f[f"recent={min(len(scene.recent) - scene.recent.index(name), 3)}"] = 1.0
        surname = name.split()[-1] if name.split() else ""
        count = _word_count(surname, narration) if surname else 0
        f[f"article_mentions={'1' if count <= 1 else '2-3' if count <= 3 else '4+'}"] = 1.0
        if surname and re.search(rf"\b{re.escape(surname)}\b", quote):
            f["named_in_quote"] = 1.0
            if _FIRST_PERSON.search(quote):
                f["named_in_first_person_quote"] = 1.0
        out.append(Candidate(name, f))
    return out


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4)  # the article being read: its quotes share it (issue 15)
def _words_of(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text))


def _word_count(word: str, text: str) -> int:
    """How often ``word`` stands as a whole word (``\\bword\\b``) in ``text``: for a word of
    word characters, how many of the text's runs of them it is (one pass per text)."""
    if _WORD.fullmatch(word):
        return _words_of(text)[word]
    return len(re.findall(rf"\b{re.escape(word)}\b", text))


def _written_at(scene: Scene, who: str | None) -> tuple[int, int] | None:
    """Where the rules' mention stands in the quote's paragraph (the nearest to the quote)."""
    who = (who or "").strip()
    if not who:
        return None
    found = [m.span() for m in re.finditer(re.escape(who), scene.paragraph)]
    return min(
        found,
        key=lambda se: se[0] - scene.end if se[0] >= scene.end else scene.start - se[1],
        default=None,
    )


def _beside(paragraph: str, seen: _Seen, written: tuple[int, int]) -> bool:
    """The mention and the rules' mention are set side by side: overlapping, or apart by a
    comma, a dash, a parenthesis or up to three words, with no sentence break."""
    if seen.start < 0:
        return False
    if seen.start < written[1] and written[0] < seen.end:
        return True
    a, b = (seen.end, written[0]) if seen.end <= written[0] else (written[1], seen.start)
    gap = _ABBREVIATION.sub("", paragraph[a:b])  # "said Air Force 1st Lt. Tyler Livingston"
    return len(gap.split()) <= 3 and not re.search(r"[.!?]\s|¶", gap)


def _kind(who: str | None) -> str:
    who = (who or "").strip()
    if not who:
        return "none"
    if re.fullmatch(PRONOUN, who):
        return "pronoun"
    return "description" if who[:1].islower() or who.split()[0] in ("The", "A", "An") else "name"


def _person_features(name: str, book: NameBook) -> dict[str, float]:
    tokens = name.split()
    f = {f"tokens={min(len(tokens), 3)}": 1.0}
    if tokens and first_name_gender(tokens[0]) is not None:
        f["first_name_known"] = 1.0
    elif book.gender(name) is not None:
        f["honorific_known"] = 1.0
    if tokens and book.is_word(tokens[0]):
        f["first_token_is_word"] = 1.0
    if name in book.full:
        f["introduced_in_full"] = 1.0
    if not showable(name):
        f["not_showable"] = 1.0
    if not _looks_like_person(name):
        f["not_person_like"] = 1.0
    return f


def _read(
    paragraph: str,
    scene: Scene,
    book: NameBook,
    seen: dict[str, list[_Seen]],
    previous: bool,
    strict: bool = False,
) -> None:
    """Every person named in ``paragraph``, with where each mention stands to the quote."""
    text = paragraph.replace(MASK, " " * len(MASK))  # same offsets as the masked paragraph
    sentences = sentence_spans(paragraph)
    here = _sentence_of(sentences, scene.start)
    recent = list(scene.mentioned)
    written = list(scene.written)
    for mention in find_mentions(text):
        if PLACE_TAIL.match(text, mention.end):
            continue  # "San Jose, California"
        book.note(written, mention, text)
        resolved = book.resolve(mention.name, recent, written)
        if not _looks_like_person(resolved):
            continue
        if (
            len(resolved.split()) < 2
            and not mention.titled
            and _lone_word(resolved, text, mention.start, book, strict)
        ):
            continue  # "Many", "Back", "I’ve": a word, not a name
        if previous:
            words = len(text[mention.end :].split())
            where = (
                "prev_para_last"
                if _sentence_of(sentences, mention.start) == len(sentences) - 1
                else "prev_para"
            )
        else:
            after = mention.start >= scene.end
            gap = text[scene.end : mention.start] if after else text[mention.end : scene.start]
            words = len(gap.split())
            delta = _sentence_of(sentences, mention.start) - here
            side = "after" if after else "before"
            where = f"{side}{min(abs(delta), 2)}" if abs(delta) <= 1 else "para"
        lead = text[max(0, mention.start - 60) : mention.start]
        tail = text[mention.end : mention.end + 120]
        verb = (
            "subject"
            if _SUBJECT_OF.match(tail)
            else "object"
            if _OBJECT_OF_VERB.search(lead)
            else "none"
        )
        seen.setdefault(resolved, []).append(
            _Seen(
                distance=words,
                where=where,
                verb=verb,
                possessive=bool(re.match(r"[’']s?\b", tail)),
                object_of=bool(_PREPOSITION.search(lead)),
                start=-1 if previous else mention.start,
                end=-1 if previous else mention.end,
            )
        )
        recent.append(resolved)


def _lone_word(name: str, text: str, start: int, book: NameBook, strict: bool) -> bool:
    """A lone capitalised word that is no name: a word of the article, "I’ve", or a word
    opening the sentence that is no known first name and that the article never writes
    inside a sentence ("Nothing really changed")."""
    if book.is_word(name) or _CONTRACTION.fullmatch(name):
        return True
    if (
        not strict
        or first_name_gender(name) is not None
        or not _OPENING.search(text[max(0, start - 4) : start])
    ):
        return False
    return not any(
        m.name == name and not _OPENING.search(book.text_before(m.start)) for m in book.mentions
    )


def _sentence_of(sentences: list[tuple[int, int]], index: int) -> int:
    return next((i for i, (s, e) in enumerate(sentences) if s <= index < e), len(sentences) - 1)
