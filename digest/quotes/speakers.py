"""Which speakers the digest may print beside a key quote.

A person's full name ("Hillary Clinton"), or a source kept in its own words whose head is a
speaking thing or person ("the State Department", "a campaign spokesman", "the report"). Never
a place ("New Hampshire"), an outlet ("The Hill"), a common noun ("Scientists", "CEO",
"the numbers"), a lone word the article never completes to a full name ("Pyongyang"), or a
fragment ("Without Bloomberg", "a skeptical", "Massachusetts Joshua Levy").
"""

from __future__ import annotations

import re

from digest.quotes.attribution import PERSON_NOUNS, SPEAKING_THINGS
from digest.text.names import NOT_NAMES, PLACES, ROLE_NOUNS, STATES, TITLES, looks_like_person

_OUTLETS = frozenset(
    """
    hill politico cnn nbc abc cbs msnbc reuters bloomberg fox axios breitbart guardian
    telegraph mail bbc npr pbs ap afp times post journal tribune herald gazette daily news
    """.split()
)
_PARTICLES = frozenset(
    "de da van von bin al del la le di du der den ter st. jr. sr. ii iii".split()
)
_ORGANISATION_HEADS = frozenset(
    """
    games studios studio industries entertainment media labs lab technologies group partners
    ventures capital records pictures films productions software systems solutions inc llc ltd
    """.split()
)
_DETERMINERS = frozenset("the a an one another".split())
_SOURCE_HEADS = (
    PERSON_NOUNS
    | SPEAKING_THINGS
    | ROLE_NOUNS
    | frozenset(
        """
    department ministry office embassy house campaign spokesperson officials statement report
    agency police service commission council court committee government administration union
    people residents voters members supporters aides analysts experts critics advocates
    """.split()
    )
)


def showable(speaker: str | None) -> bool:
    """True when ``speaker`` can be printed as who said a key quote."""
    if not speaker:
        return False
    words = speaker.split()
    first = words[0].lower()
    if first in _DETERMINERS or speaker[:1].islower():
        return _is_source(words)
    if len(words) == 1 or len(words) > 4:
        return False  # a lone word ("Pyongyang", "CEO") or a run of capitals (a headline)
    lower = speaker.lower()
    if lower in PLACES or first in NOT_NAMES or first in TITLES or first in ROLE_NOUNS:
        return False  # "New Hampshire", "Without Bloomberg", "Senator" left on its own
    for word in words:
        bare = word.lower().rstrip(".,’'s")
        if word.lower() in _PARTICLES:
            continue
        if not word[:1].isupper() or (word.isupper() and len(word) > 2):
            return False  # "a skeptical", "CEO"
        if bare in _OUTLETS or word.lower() in STATES:
            return False  # "The Hill", "Massachusetts Joshua Levy"
    if words[-1].lower() in _ORGANISATION_HEADS:
        return False  # "Paintbucket Games": a company, named without "the"
    return looks_like_person(speaker)  # "Air Force", "Trump University": not a person


def _is_source(words: list[str]) -> bool:
    """A description kept as written: short, and its head a source ("the State Department")."""
    if len(words) > 6:
        return False  # "a fresh CNN-ORC poll shows how hard": a fragment
    head = re.sub(r"[’']s?$", "", words[-1]).lower().rstrip(".,")
    return head in _SOURCE_HEADS or head.rstrip("s") in _SOURCE_HEADS
