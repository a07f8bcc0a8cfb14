"""Roles: what an article calls each person, to resolve descriptions to the person meant.

"Indiana Gov. Mike Pence" and "Mike Pence, the Indiana governor," both give Mike Pence the role
words {indiana, governor}; a later "the Indiana governor said" then resolves to Mike Pence. A
description resolves only when its head noun (or a synonym: "diplomat" for a secretary of state,
"senator" for "Sen.") is among one person's role words; ties go to the person most in focus, and
when nothing fits the description is kept as written. A wrong name is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digest.text.names import PLACE_TAIL, ROLE_NOUNS, STATES, NameBook, looks_like_person

# Role words that name the same office, mapped to one canonical word.
_CANONICAL = {
    "sen": "senator",
    "sen.": "senator",
    "gov": "governor",
    "gov.": "governor",
    "rep": "congressman",
    "rep.": "congressman",
    "representative": "congressman",
    "congresswoman": "congressman",
    "lawmaker": "congressman",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "chairwoman": "chairman",
    "chair": "chairman",
    "businesswoman": "businessman",
    "billionaire": "businessman",
    "mogul": "businessman",
    "developer": "businessman",
    "front-runner": "candidate",
    "frontrunner": "candidate",
    "hopeful": "candidate",
    "nominee": "candidate",
    "contender": "candidate",
    "advisor": "adviser",
    "aide": "adviser",
    "attorney": "lawyer",
    "actress": "actor",
    "prof": "professor",
    "prof.": "professor",
    "pontiff": "pope",
}
# Offices a more general description also covers: a secretary of state is a diplomat.
_COVERS = {
    "diplomat": {"secretary", "minister", "ambassador", "envoy", "diplomat"},
    "official": {"secretary", "minister", "official", "director", "spokesman", "adviser"},
    "congressman": {"congressman", "senator"},
    "politician": {"senator", "congressman", "governor", "mayor", "candidate", "president"},
    "executive": {"executive", "ceo", "chairman", "founder", "president"},
}
_IGNORED = frozenset("the a an of and his her their its former then".split())
_STOP = re.compile(r"[.;:!?“”\"()]\s*$")


def canonical(word: str) -> str:
    word = word.lower().strip(",")
    return _CANONICAL.get(word, word.rstrip("."))


class RoleBook:
    """The role words of each person of an article (titles before names, appositions after)."""

    def __init__(self, text: str, book: NameBook) -> None:
        self.roles: dict[str, set[str]] = {}
        for mention in book.mentions:
            full = book.resolve(mention.name)
            if len(full.split()) < 2 or not looks_like_person(full):
                continue
            if PLACE_TAIL.match(text, mention.end):
                continue  # "San Jose, California": a place
            introduced = text.find(full)
            if full != mention.name and not 0 <= introduced < mention.start:
                continue  # "President Obama" before "Michelle Obama" is named: not her
            words = _title_words(text[max(0, mention.start - 80) : mention.start])
            words += _apposition_words(text[mention.end : mention.end + 120])
            if words:
                self.roles.setdefault(full, set()).update(canonical(w) for w in words)

    def match(self, description: str, focus: Sequence[str] = ()) -> str | None:
        """The one person ``description`` ("the Indiana governor") fits, or None."""
        tokens = [canonical(t) for t in re.findall(r"[\w.’'-]+", description)]
        tokens = [t for t in tokens if t not in _IGNORED]
        if not tokens:
            return None
        head, modifiers = tokens[-1], tokens[:-1]
        if head not in _PERSON_HEADS:
            return None  # "the agency", "the statement": not a person
        wanted = _COVERS.get(head, {head})
        scored: list[tuple[int, int, str]] = []
        for name, words in self.roles.items():
            if not wanted & words:
                continue
            if "vice" in words and "vice" not in modifiers:
                continue  # "the president" is not the vice president
            fit = sum(m in words for m in modifiers) - ("former" in words - set(modifiers))
            if any(m in _PERSON_HEADS and m not in words for m in modifiers):
                continue  # "the billionaire front-runner" needs both
            if _contradicts(modifiers, words) or any(
                m in STATES and m not in words for m in modifiers
            ):
                continue  # "the Republican nominee" is not the Democratic one
            recency = list(focus).index(name) + 1 if name in focus else 0
            scored.append((fit, recency, name))
        if not scored:
            return None
        scored.sort(key=lambda s: (-s[0], -s[1]))
        best = scored[0]
        if len(scored) > 1 and scored[1][:2] == best[:2]:
            return None  # two people fit equally well: keep the description
        return best[2]


# Modifiers that set people apart: "the Republican nominee" is not a person whose role words
# say Democratic.
_CONTRASTS = (
    {"republican": "r", "gop": "r", "democratic": "d", "democrat": "d", "libertarian": "l"},
    {state: state for state in STATES},
)


def _contradicts(modifiers: Sequence[str], words: set[str]) -> bool:
    for family in _CONTRASTS:
        wanted = {family[m] for m in modifiers if m in family}
        has = {family[w] for w in words if w in family}
        if wanted and has and not wanted & has:
            return True
    return False


def _title_words(before: str) -> list[str]:
    """ "… Vermont Sen." -> ["Vermont", "Sen."]: the words just before a name that are part of
    its title (capitalised words and role nouns), nearest last."""
    words: list[str] = []
    tokens = before.split()
    while tokens and len(words) < 6:
        token = tokens[-1]
        if _STOP.search(token) and not re.fullmatch(r"(?:[A-Z][a-z]{0,3}\.|[A-Z]\.[A-Z]\.)", token):
            break
        bare = token.rstrip(",").lower()
        if bare == "of" and words:  # "Secretary of State"
            tokens.pop()
            continue
        if token.endswith(",") or bare in _IGNORED - {"former"}:
            break
        if token[:1].isupper() or bare in _ROLE_WORDS:
            words.insert(0, token)
            tokens.pop()
        else:
            break
    return words


def _apposition_words(after: str) -> list[str]:
    """ ", the Indiana governor," -> ["Indiana", "governor"]."""
    m = re.match(
        r"\s*(?:\([^()]{1,30}\))?,\s+(?:(?:an?|the|his|her)\s+)?([^,.;:“”\"]{3,80})", after
    )
    if not m:
        return []
    words = m.group(1).split()
    first = words[0].lower() if words else ""
    if first in _CLAUSE_OPENERS or first.endswith("ed"):
        return []  # ", were greeted by an organizer": a clause goes on, not an apposition
    return [w for w in words if w.lower() not in _IGNORED][:8]


_CLAUSE_OPENERS = frozenset(
    """
    said says told who which that was were is are has had have will would could can did does
    and but also then according for to in on at with by from after before while when as if
    because despite whose where
    """.split()
)
_QUALIFIERS = frozenset(
    "presidential top senior chief deputy assistant acting retired republican democratic".split()
)
# the roles a title or an apposition can give, and the relations that describe a person
_ROLE_NOUNS = ROLE_NOUNS | set(
    """
    businessman billionaire front-runner hopeful pontiff pope actor actress host anchor widow
    mother father wife husband son daughter
    """.split()
)
_ROLE_WORDS = _ROLE_NOUNS | _QUALIFIERS | set(_CANONICAL) | {"former"}
_PERSON_HEADS = (
    _ROLE_NOUNS
    | set(_CANONICAL.values())
    | set(_COVERS)
    | {
        "politician",
        "organizer",
        "narrator",
        "announcer",
        "questioner",
        "moderator",
        "senator",
        "congressman",
        "woman",
        "man",
        "lady",
        "veteran",
        "activist",
        "businessman",
        "candidate",
    }
)
