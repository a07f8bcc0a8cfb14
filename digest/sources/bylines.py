"""Bylines: the names a page gives as its authors, without the site furniture around them.

trafilatura reads the byline from the page's metadata and markup and joins several authors with
"; ". What comes back is often more than names: a login box ("Account You're logged in"), an
e-mail address turned into words ("Kyle Meinke; Kmeinke Com"), a role ("Contributing Writer",
"PhD"), a placeholder ("Unknown", "User"), a "Follow" button after the name ("Arnold Saba gulflive
com Follow"), ad-script variables ("Googletag Cmd Push …"), a commenter ("Art Edwards says"), a
date line ("Posted Feb", "Tuesday") or a link's words ("View all posts by Daniel Lemire").
Each "; " part is judged on its own, by its form rather than by site: a part is a name when its
words are capitalised (particles such as "von" and "de" aside), carry no digits and are not all
role words; what follows a host word ("com") from the first lower-case word before it, trailing
date words and what comes before a last "by" are not part of the name; a company ("… GmbH") is
no writer, and a name set in capitals is written as names are. The byline is what remains, or
None.
"""

from __future__ import annotations

import re

from digest.text.names import ROLE_NOUNS, TITLES

_JUNK = re.compile(
    r"(?i)\b(?:log(?:ged)? ?in|sign (?:in|up)|account|subscribe|newsletter|cookie|menu|"
    r"search|share|comments?|follow us|staff writer at|you're|you are)\b"
)
# an address or link beside the name ("jane@example.com (Jane Doe)", RSS style) is left out
_ADDRESS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
_PARTICLES = frozenset("von van der den de del della da di du la le bin ibn al el y e".split())
_HOST_WORDS = frozenset("com net org www html".split())
_PLACEHOLDERS = frozenset(
    """unknown user admin administrator anonymous guest author agencies agency wires
    submitted letters""".split()
)
_ROLE_WORDS = (
    ROLE_NOUNS
    | TITLES
    | frozenset(
        """
        writer contributing contributor staff senior freelance guest phd md msc ma ba rd rn
        dietitian editorial team desk news newsroom and the of redacción redaktion rédaction
        redazione redactie
        """.split()
    )
)
_DATE_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday today yesterday posted updated published
    """.split()
)
_COMPANY = frozenset("gmbh ag inc llc ltd plc corp sarl bv kg".split())  # not "co": "Emily Co"
_MAX_CHARS = 120
_MAX_WORDS = 12


def clean_byline(author: str | None) -> str | None:
    """The byline's names joined with "; ", or None when no part of it is a name."""
    if not author:
        return None
    text = " ".join(_ADDRESS.sub(" ", author).replace("(", " ").replace(")", " ").split())
    if _JUNK.search(text) or len(text) > _MAX_CHARS or len(text.split()) > _MAX_WORDS:
        return None
    names = [name for name in (_name(part) for part in text.split(";")) if name]
    return "; ".join(dict.fromkeys(names)) or None


def _name(part: str) -> str | None:
    words = part.strip(" ,.").split()
    if not words or any(c.isdigit() for c in part):
        return None  # ad-script variables ("Googletag Cmd Push Dfp Ad Pg Author Sec 1")
    if words[-1].casefold() in {"says", "said", "wrote", "writes"}:
        return None  # a commenter's line: "Art Edwards says"
    if words[-1].strip(".,").casefold() in _COMPANY:
        return None  # a company, not a writer: "Bergportal GmbH"
    folded = [w.strip(".,").casefold() for w in words]
    by = next((w for w in ("by", "por", "par") if w in folded), None)
    if by:  # "View all posts by Daniel Lemire", "Edited by Adrian Parr", "Por Redacción"
        start = len(folded) - folded[::-1].index(by)
        words, folded = words[start:], folded[start:]
    date = next((i for i, w in enumerate(folded) if set(folded[i:]) <= _DATE_WORDS), None)
    if date is not None:  # "Posted Feb", "January", "Tuesday": the date line, not a name
        words, folded = words[:date], folded[:date]
    host = next((i for i, w in enumerate(folded) if w in _HOST_WORDS), None)
    if host is not None:
        # "Kmeinke Com": the word before "com" is the host; "Arnold Saba gulflive com Follow":
        # the host starts at its first lower-case word
        lower = next((i for i in range(host) if _lower_word(words[i])), host - 1)
        words, folded = words[: max(lower, 0)], folded[: max(lower, 0)]
    while words and folded[-1] in {"follow", "twitter", "email"}:
        words, folded = words[:-1], folded[:-1]
    if not words or all(w in _ROLE_WORDS or w in _PLACEHOLDERS for w in folded):
        return None
    name = " ".join(words)
    # a byline set in capitals ("SARAH BURGE") is written as a name is
    return name.title() if name.isupper() and len(words) > 1 else name


def _lower_word(word: str) -> bool:
    """A lower-case word that is no name particle ("von") or inner-capital name ("deCasparis")."""
    bare = word.strip(".,")
    return bool(bare) and bare.islower() and bare.casefold() not in _PARTICLES
