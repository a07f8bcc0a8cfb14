"""The evidence an attribution rests on (:class:`digest.quotes.confidence.Evidence`), for the
confidence model: the rules' own attribution (:func:`evidence_of`) or the ranker's choice of
another candidate (:func:`ranked_evidence`); and :func:`is_person_name`, which tells a
person's name from a description."""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.quotes.attribution import PERSON_NOUNS
from digest.quotes.candidates import Scene
from digest.quotes.confidence import Evidence
from digest.quotes.focus import DETERMINERS, Context, people
from digest.quotes.marks import Span
from digest.quotes.patterns import MASK, PRONOUN
from digest.text.names import NameBook


@dataclass(frozen=True)
class Said:
    """A quote as the rules attributed it."""

    text: str
    speaker: str | None
    how: str | None
    cue: str | None
    span: Span


def evidence_of(
    item: Said,
    who: str,
    masked: str,
    where: tuple[int, int],
    context: Context,
    here: int,
    quotes_here: int,
) -> Evidence:
    """What the attribution of ``item`` to the mention ``who`` (as written) rests on."""
    speaker = item.speaker or ""
    mention = who.strip().rstrip(".,;:")
    distance = -1
    for m in re.finditer(re.escape(mention), masked) if mention else ():
        gap = m.start() - where[1] if m.start() >= where[1] else where[0] - m.end()
        distance = max(gap, 0) if distance < 0 else min(distance, max(gap, 0))
    gender = ""
    if re.fullmatch(PRONOUN, mention) and mention.lower() in ("he", "she"):
        known = context.book.gender(speaker)
        wanted = "male" if mention.lower() == "he" else "female"
        gender = "unknown" if known is None else "agree" if known == wanted else "contradict"
    return Evidence(
        how=item.how or "none",
        cue=item.cue,
        who=who,
        speaker=speaker,
        person=is_person_name(speaker, context.book),
        just_quoted=speaker == context.last_speaker,
        in_focus=speaker == context.focus,
        people_here=here,
        quotes_here=quotes_here,
        distance=distance,
        words=len(item.text.split()),
        opens_paragraph=item.span.start <= item.span.mark + 1,
        gender=gender,
        tail=sentence_tail(masked, where[1]),
        lead=sentence_lead(masked, where[0]),
    )


def sentence_tail(masked: str, end: int) -> str:
    """The rest of the quote's sentence after the quote (at most 160 characters)."""
    rest = masked[end : end + 160]
    stop = re.search(r"[.!?](?:\s+[A-Z]|\s*$)|" + re.escape(MASK), rest)
    return rest[: stop.start()] if stop else rest


def sentence_lead(masked: str, start: int) -> str:
    """The quote's sentence before the quote (at most 160 characters)."""
    before = masked[max(0, start - 160) : start]
    stops = list(re.finditer(r"[.!?]\s+(?=[A-Z])|" + re.escape(MASK), before))
    return before[stops[-1].end() :] if stops else before


def ranked_evidence(
    speaker: str,
    share: float,
    scene: Scene,
    book: NameBook,
    text: str,
    rules_how: str | None,
    opens_paragraph: bool,
) -> Evidence:
    """The evidence for a speaker the ranker chose over the rules' pick."""
    return Evidence(
        how="ranked",
        cue=None,
        who=speaker,
        speaker=speaker,
        person=is_person_name(speaker, book),
        just_quoted=speaker == scene.last_speaker,
        in_focus=speaker == scene.focus,
        people_here=len(people(scene.paragraph, book, scene.mentioned, scene.written)),
        quotes_here=scene.paragraph.count(MASK),
        distance=-1,
        words=len(text.split()),
        opens_paragraph=opens_paragraph,
        gender="",
        source_how=rules_how or "none",
        rank_share=share,
    )


def is_person_name(name: str, book: NameBook) -> bool:
    """A name ("Antony Blinken"), not a description ("The Democratic front-runner")."""
    tokens = name.split()
    return (
        bool(tokens)
        and all(t[:1].isupper() or t in _PARTICLES for t in tokens)
        and tokens[0].lower() not in DETERMINERS
        and tokens[-1].lower() not in PERSON_NOUNS
    )


_PARTICLES = frozenset("de da van von bin al del la le di du der den ter".split())
