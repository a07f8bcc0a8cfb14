"""Focus: who a name, a pronoun or a description in narration refers to.

Walking an article's paragraphs in order, :class:`Context` keeps who is in focus: the last
speaker, the people who were the subject of a sentence (:func:`subjects`) and every person named
(:func:`people`). :func:`resolve` turns a speaker mention as written into the speaker:

- a name resolves to the full name first introduced in the article, titles stripped; a surname
  two people share goes to the one named most recently (:class:`digest.text.names.NameBook`);
- "he" and "she" go to the person in focus, unless their gender contradicts the pronoun: then to
  the latest person named whose gender fits; "they" stays unknown;
- a description of a person ("the Indiana governor") resolves through the roles the article gives
  people (:class:`digest.quotes.roles.RoleBook`); other descriptions ("a source", "the
  ministry") and outlets ("Reuters") are kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from digest.quotes.patterns import (
    ADVERBS,
    APPOS,
    INVERTED_VERB,
    MASK,
    OF_PLACE,
    PAREN,
    POSSESSOR,
    PRONOUN,
    VERB,
)
from digest.quotes.roles import RoleBook
from digest.text.names import (
    NOT_NAMES,
    PLACE_TAIL,
    PLACES,
    Mention,
    NameBook,
    clean_name,
    find_mentions,
    looks_like_person,
    strip_possessor,
)


@dataclass
class Context:
    """What the resolver knows at a point in the article."""

    book: NameBook
    roles: RoleBook
    last_speaker: str | None = None  # the last quote's speaker (a person)
    recent: list[str] = field(default_factory=list)  # people in focus, the latest last
    mentioned: list[str] = field(default_factory=list)  # every person named, the latest last
    written: list[str] = field(default_factory=list)  # people named in full, the latest last

    @property
    def focus(self) -> str | None:
        return self.recent[-1] if self.recent else None

    def push(self, name: str) -> None:
        if name in self.recent:
            self.recent.remove(name)
        self.recent.append(name)
        del self.recent[:-6]

    def mention(self, name: str) -> None:
        if name in self.mentioned:
            self.mentioned.remove(name)
        self.mentioned.append(name)
        del self.mentioned[:-8]

    def read(self, narration: str) -> None:
        """Take in a stretch of narration (quotes masked): who is named, who is its subject."""
        for name in people(narration, self.book, self.mentioned, self.written):
            self.mention(name)
        for name in subjects(narration, self.book, self.mentioned, self.written):
            self.push(name)
        text = narration.replace(MASK, " ")
        for mention in find_mentions(text):
            self.book.note(self.written, mention, text)

    def for_pronoun(self, pronoun: str) -> str | None:
        """The person in focus, unless their gender contradicts the pronoun: then the latest
        person named whose gender fits ("with Hillary Clinton … she said")."""
        wanted = "male" if pronoun.lower() == "he" else "female"
        if self.focus and self.book.gender(self.focus) in (wanted, None):
            return self.focus
        for name in reversed(self.mentioned):
            if self.book.gender(name) == wanted:
                return name
        for name in reversed(self.recent):
            if self.book.gender(name) in (wanted, None):
                return name
        for name in reversed(self.mentioned):  # nobody in focus: the latest person named
            if self.book.gender(name) is None:
                return name
        return self.focus or self.last_speaker


def resolve(who: str, context: Context) -> str | None:
    """The speaker's full name (or kept description) for a mention as written."""
    who = who.strip().rstrip(".,;:")
    if re.fullmatch(PRONOUN, who):
        if who.lower() == "they":
            return None
        return context.for_pronoun(who)
    if who[:1].isdigit():
        return who  # "31% of Republicans": a share of those polled, as written
    owned = strip_possessor(who)  # "The Blaze’s Matt Walsh" -> "Matt Walsh"
    if owned != who and all(t[:1].isupper() for t in owned.split()):
        who = owned
    first = who.split()[0].lower()
    if re.match(rf"{POSSESSOR} [a-z]", who):  # "Obama's former campaign strategist"
        return context.roles.match(who, context.mentioned) or who
    if who[:1].islower() or first in DETERMINERS:
        if first == "the":  # "the Indiana governor": the person whose role that is
            return context.roles.match(who, context.mentioned + context.recent) or who
        return who  # a description: "a source", "the ministry", "one official"
    name = strip_possessor(who)
    if len(name.split()) <= 4 and not looks_like_person(name):
        return who  # "the State Department told …": an organisation, not "Department"
    name = clean_name(name)[0] or (name if re.fullmatch(r"[A-Z][\w’'-]+", name) else "")
    if len(name.split()) > 4:
        return None  # a headline in Title Case, not a name
    shouted = [t for t in name.split() if t.isupper() and len(t) > 3]
    if len(shouted) > 1 or (shouted and all(t.isupper() for t in name.split()[1:])):
        return None  # a heading in capitals ("CONGRESS HAS INVESTIGATED HIM"), not a name
    if shouted and len(name.split()) == 1:
        name = name.title()  # a transcript's "PENCE:"
    if who.lower() in _OUTLETS or who.lower() in PLACES:
        return who  # "according to Reuters", "South Korea accused": a source, kept as written
    if " of " in who and not looks_like_person(who.split(" of ")[0]):
        return who  # "Association of Flight Attendants": an organisation, kept as written
    if not name or name.lower() in NOT_NAMES:
        return None
    honorific = re.match(r"(?:Mr|Mrs|Ms|Miss)\.?\s", who)  # keeps "Mr. Trump" from Ivanka Trump
    return context.book.resolve(
        f"{honorific.group(0)}{name}" if honorific else name, context.mentioned, context.written
    )


DETERMINERS = frozenset("the a an one another his her its my our their".split())
_OUTLETS = frozenset(
    {"reuters", "cnn", "nbc", "abc", "cbs", "msnbc", "ap", "fox news", "the white house"}
    | {"white house", "the associated press", "the pentagon", "the kremlin", "nbc news"}
)
_SUBJECT_TAIL = re.compile(
    rf"{OF_PLACE}{PAREN}(?:{APPOS}|,|\s+[—–]\s[^—–¶]{{1,100}}\s[—–])?\s+{ADVERBS}{VERB}\b"
)  # (also "Hillary Clinton — who’s called for tax hikes — lambasting Trump’s plan")
# "…, noted NBC’s Dante Chinni.": the speaker named after the verb
_INVERTED = re.compile(rf",\s*{INVERTED_VERB}\s+(?:[\w’'.-]+\s+){{0,4}}$")
# "Mr. ", "Sen. ", "Indiana Gov. " before a name
# "Indiana Gov. ", "Mr. ", "Fifteen-year-old " before a name
_TITLE_BEFORE = re.compile(
    r"(?:(?:\b[A-Z][\w’'-]*\s+)*?(?:\b[A-Z][a-z]{0,3}\.\s+)+|\b[\w-]+-year-old\s+)$"
)
_SENTENCE_OPENING = re.compile(  # (also after an opening phrase: "For her part, Suu Kyi …")
    r"(?:^|[.!?][”\"’)]*\s+)(?:(?:But|And|Yet|So|Still|Now|Then|Meanwhile|However,)\s+)?"
    r"(?:(?:In|On|For|After|At|During|With|Since)\b[^.!?,¶]{0,60},\s+)?(?:(?:even|also)\s+)?$"
)


def subjects(
    masked: str, book: NameBook, recent: Sequence[str] = (), in_full: Sequence[str] = ()
) -> list[str]:
    """Full names of people in focus in narration, in order: the subject of a speech verb
    ("X said", "X, a lawyer, argues") or of a sentence ("X went on to praise …").

    ``recent``: people named so far, the latest last; ``in_full``: people named in full so far
    (a shared surname goes to the latest, :meth:`NameBook.resolve`)."""
    found: list[str] = []
    text = masked.replace(MASK, " ")
    full = list(in_full)
    for mention in find_mentions(text):
        book.note(full, mention, text)
        tail = text[mention.end : mention.end + 160]
        head = _TITLE_BEFORE.sub("", text[max(0, mention.start - 80) : mention.start])
        inverted = _INVERTED.search(head) and re.match(r"(?:\s*\([^()]*\))?\s*[.,;]", tail)
        if _ORGANISATION_NAME.search(head):
            continue  # "the Commission on Presidential Debates announced"
        introduced = _INTRODUCED.match(tail)  # "Henry Crespo, president of the caucus."
        if _SUBJECT_TAIL.match(tail) or _SENTENCE_OPENING.search(head) or inverted or introduced:
            resolved = book.resolve(with_honorific(text, mention), [*recent, *found], full)
            if (len(resolved.split()) >= 2 or mention.titled) and looks_like_person(resolved):
                found.append(resolved)
    return found


def people(
    masked: str, book: NameBook, recent: Sequence[str] = (), in_full: Sequence[str] = ()
) -> list[str]:
    """Full names of every person named in narration, in order."""
    found: list[str] = []
    text = masked.replace(MASK, " ")
    full = list(in_full)
    for mention in find_mentions(text):
        book.note(full, mention, text)
        resolved = book.resolve(with_honorific(text, mention), [*recent, *found], full)
        named = len(resolved.split()) >= 2 or mention.titled
        place = PLACE_TAIL.match(text, mention.end)
        if named and looks_like_person(resolved) and not place:
            found.append(resolved)
    return found


def with_honorific(text: str, mention: Mention) -> str:
    """ "Mr. Trump" when the article wrote it so: the honorific tells whom a surname means."""
    m = re.search(r"\b(?:Mr|Mrs|Ms|Miss)\.?\s+$", text[max(0, mention.start - 6) : mention.start])
    return f"{m.group(0)}{mention.name}" if m else mention.name


_INTRODUCED = re.compile(
    r"(?:\s*\([^()]{1,30}\))?,\s+(?:(?:an?|the)\s+)?(?:[\w’'.-]+\s+){0,5}?"
    r"(?:president|director|chairman|chairwoman|spokesman|spokeswoman|professor|analyst|adviser|"
    r"advisor|strategist|economist|expert|fellow|founder|executive|head|chief|leader|lawyer|"
    r"attorney|pollster|researcher|author|editor|manager|secretary|member|official|aide|worker|"
    r"voter|resident|owner|student|teacher|veteran|supporter|activist|organizer|volunteer)\b"
)


# "Commission on Presidential Debates", "Department of Environmental Protection"
_ORGANISATION_NAME = re.compile(r"\b[A-Z][a-z]+\s+(?:on|of|for)\s+(?:the\s+)?$")
