"""Key quotes: the few quotes of an article worth showing in the digest, with speaker and role.

From every attributed quote, keep the informative ones (whole statements, not two-word
fragments, not repeating the summary), at most one per speaker while others remain, and prefer
quotes that are long enough to say something but short enough to read at a glance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from digest.models import Quote
from digest.quotes.confidence import load_model
from digest.quotes.speakers import showable
from digest.text.names import ROLE_NOUNS, TITLES

MIN_WORDS = 8
_DIRECT = frozenset({"after", "before"})  # the speaker named in the quote's own sentence
MAX_WORDS = 70
_ABBREVIATIONS = {
    "Rep.": "Representative",
    "Sen.": "Senator",
    "Gov.": "Governor",
    "Sec.": "Secretary",
    "Gen.": "General",
    "Amb.": "Ambassador",
}
_WORD = re.compile(r"[\w’']+")


def select_key_quotes(
    quotes: Sequence[Quote],
    summary_text: str = "",
    limit: int = 3,
    article_text: str = "",
    threshold: float | None = None,
) -> tuple[Quote, ...]:
    """The best ``limit`` quotes, in article order, each with the speaker's role when known
    and ``key=True``. Only a quote whose attribution is near-certain (confidence at least
    ``threshold``, by default the shipped model's) and whose speaker reads as a person or a
    source kept in its own words can be one."""
    if limit <= 0:
        return ()
    gate = load_model().threshold if threshold is None else threshold
    summary_words = set(_words(summary_text))
    candidates: list[tuple[float, int, Quote]] = []
    for position, quote in enumerate(join_continuations(quotes, article_text)):
        quote = trimmed(quote)
        words = _words(quote.text)
        if quote.speaker is None or not (MIN_WORDS <= len(words) <= MAX_WORDS):
            continue
        if quote.how == "subject":
            continue  # only the sentence's subject, no speech verb: not sure enough to show
        if quote.confidence is None or quote.confidence < gate or not showable(quote.speaker):
            continue  # not near-certain, or a place, an outlet, a common noun, a fragment
        if quote.mention == "pronoun":
            continue  # "he said": who "he" is was inferred, never near-certain
        if summary_words and sum(w in summary_words for w in words) / len(words) > 0.6:
            continue  # the summary already says it
        length_fit = 1.0 - abs(min(len(words), 40) - 28) / 40
        statement = 0.5 if quote.text[:1].isupper() or quote.text[:1] == "[" else 0.0
        named = 0.3 if _is_name(quote.speaker) else 0.0  # a person over "a source"
        # a name written in the quote's own sentence over a speaker carried from elsewhere
        direct = 0.3 if quote.how in _DIRECT and quote.mention == "name" else 0.0
        score = length_fit + statement + named + direct + quote.confidence - 0.01 * position
        candidates.append((score, position, quote))
    candidates.sort(key=lambda c: -c[0])
    chosen: list[tuple[int, Quote]] = []
    seen: set[str | None] = set()
    for _, position, quote in candidates:  # one per speaker first
        if quote.speaker not in seen and len(chosen) < limit:
            chosen.append((position, quote))
            seen.add(quote.speaker)
    for _, position, quote in candidates:  # then fill up
        if len(chosen) < limit and all(position != p for p, _ in chosen):
            chosen.append((position, quote))
    chosen.sort(key=lambda c: c[0])
    return tuple(
        replace(
            quote,
            text=display_text(quote.text),
            role=quote.role or find_role(article_text, quote.speaker),
            key=True,
        )
        for _, quote in chosen
    )


_GAP_CHARS = 60  # an attribution between two pieces of one quoted sentence (“…,” Ver says, “…”)
_SENTENCE_END = re.compile(r"[.!?…]\s*[”\"’']?\s*$")
_STOP = re.compile(r"[.!?…](?:\s|[”\"’'])")  # a sentence ended in the attribution between


def join_continuations(quotes: Sequence[Quote], article_text: str = "") -> list[Quote]:
    """The quotes with a sentence cut in two by its attribution made one again: “The police
    have been devoting resources to peaceful people,” Ver says, “while evil hackers were busy
    …” is one quote of the same speaker, its second piece opening in lower case a few words on
    with no sentence ended between (and the whole short enough to show). The joined quote keeps
    the first piece's place."""
    out: list[Quote] = []
    for quote in quotes:
        last = out[-1] if out else None
        if (
            last is not None
            and quote.speaker is not None
            and quote.speaker == last.speaker
            and quote.text[:1].islower()
            and 0 < quote.start - last.end <= _GAP_CHARS
            and not _SENTENCE_END.search(last.text)
            and not (article_text and _STOP.search(article_text[last.end : quote.start]))
            and len(_words(last.text)) + len(_words(quote.text)) <= MAX_WORDS
        ):
            # one sentence, one attribution: the first piece's speaker and confidence hold
            out[-1] = replace(last, text=f"{last.text.rstrip()} {quote.text.lstrip()}")
            continue
        out.append(quote)
    return out


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[A-Z“\"‘])")


def trimmed(quote: Quote) -> Quote:
    """A quote longer than :data:`MAX_WORDS` cut after its last whole sentence that fits, with
    "…" for the rest (as an editor trims a long quotation); unchanged when it is short enough or
    its first sentence alone is too long."""
    if len(_words(quote.text)) <= MAX_WORDS:
        return quote
    kept = ""
    for match in _SENTENCE_BREAK.finditer(quote.text):
        head = quote.text[: match.start()].rstrip()
        if len(_words(head)) > MAX_WORDS:
            break
        kept = head
    if len(_words(kept)) < MIN_WORDS:
        return quote
    return replace(quote, text=f"{kept} …")


def mark_key_quotes(quotes: Sequence[Quote], article_text: str = "") -> list[Quote]:
    """Every quote, those the digest would show with ``key=True`` and their role."""
    chosen = {q.start: q for q in select_key_quotes(quotes, article_text=article_text)}
    return [
        replace(q, key=True, role=chosen[q.start].role) if q.start in chosen else q for q in quotes
    ]


def display_text(text: str) -> str:
    """A quote as it stands alone: a comma left by the cut-off attribution becomes a period."""
    text = text.strip()
    return text[:-1].rstrip() + "." if text.endswith(",") else text


def find_role(text: str, name: str | None) -> str | None:
    """A short role for ``name`` from where the article introduces it, or None."""
    if not name or not text:
        return None
    index = text.find(name)
    if index < 0:
        return None
    after = text[index + len(name) :]
    appos = re.match(
        # ", 33, a Malawian who fled …", ", one of the protesters,", ", a scientist with X (X)
        # and a professor …": the first noun phrase of the apposition, after an age
        r"\s*(\([A-Z]-[A-Za-z.]+\))?(?:,\s*\d{1,3})?,\s+(one of the\s+|an?\s+|the\s+)"
        r"((?:[^,.;]|(?<=\b[A-Z])\.){3,80}?)"
        r"(?:,|(?<!\b[A-Z])\.|;|\s+said|\s+\(|\s+and\s+(?:an?|the)\s|\s+(?:who|which)\s)",
        after,
    )
    paren = re.match(r"\s*(\([A-Z]-[A-Za-z.]+\))", after)
    before = text[max(0, index - 80) : index].split()
    words: list[str] = []
    while before and len(words) < 4:
        token = before[-1]
        bare = token.rstrip(".,").lower()
        if token.endswith((",", ";", ":", "”", "“", '"')) or not token[:1].isalpha():
            break
        if re.search(r"[‘’'\"“”!?]", token) or (token.endswith(".") and not _abbreviation(token)):
            break  # the end of the sentence before ("… is Terrorist.’ President", "of State.")
        if token[:1].isupper() or bare in TITLES or bare in ROLE_NOUNS or bare.endswith("s"):
            words.insert(0, _ABBREVIATIONS.get(token, token))
            before.pop()
        else:
            break
    while words and words[0].lower() in _LEADING_WORDS:
        words.pop(0)
    while words and words[0].rstrip(".").lower() in _HONORIFICS:
        words.pop(0)  # "Dr." or "Mr" is how the name is written, not what the person does
    pre = " ".join(words)
    has_role = any(w.rstrip(".").lower() in _ROLE_EVIDENCE for w in words)
    if appos and appos.group(3).split()[-1].lower() not in {"said", "says"}:
        one_of = appos.group(2).startswith("one of")  # "one of the protesters" says it all
        return clean_role(("one of the " if one_of else "") + appos.group(3).strip())
    if has_role:
        return clean_role(f"{pre} {paren.group(1)}" if paren else pre)
    return None


def clean_role(role: str) -> str | None:
    """``role`` when it is a clean noun phrase: no quote marks, no sentence break inside, not
    opening on a function word; else None (no role beats a fragment)."""
    role = _HOW_SAID.sub("", role.strip())  # "investigator with X in an email to me"
    words = role.split()
    if not words or len(words) > 12 or re.search(r"[‘’'\"“”!?¶]", role.replace("’s ", " ")):
        return None
    if any(w.endswith(".") and not _abbreviation(w) for w in words[:-1]):
        return None  # "State. Former Florida governor"
    if words[-1].endswith(".") and not _abbreviation(words[-1]):
        role = role[:-1]
    if words[0].lower() in _FUNCTION_WORDS or words[-1].lower() in _FUNCTION_WORDS:
        return None
    if len(words[-1].rstrip(".")) == 1:
        return None  # cut inside an abbreviation: "organizer with D"
    return role


_HOW_SAID = re.compile(
    r"\s+(?:in|on|to|during|via|through)\s+(?:an?|the|his|her|their|a recent)\s+(?:\w+\s+)?"
    r"(?:e-?mail|statement|interview|phone|call|tweet|post|letter|press|conference|speech).*$"
)
_FUNCTION_WORDS = frozenset(
    "and or but of in on at to for with by from who which that is was".split()
)


def _abbreviation(token: str) -> bool:
    """ "Gov.", "Sen.", "U.S.", "Lt.": a period that does not end a sentence."""
    bare = token.rstrip(".,")
    return "." in bare or (len(bare) <= 4 and bare[:1].isupper()) or bare.lower() in _ABBREV_WORDS


_ABBREV_WORDS = frozenset({"atty", "supt", "brig", "sgt", "capt", "cmdr", "insp"})


def _is_name(speaker: str) -> bool:
    first = speaker.split()[0]
    return first[:1].isupper() and first.lower() not in {"the", "a", "an", "one", "another"}


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


# Honorifics are how a name is written ("Dr Sarah Wollaston", "Mr Recorder Simon Farrell"), and
# these title words only qualify one ("the late", "former", "acting"): neither says what the
# person does, so neither makes the words before a name a role ("56 minutes late Richard Lloyd").
_HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame lord lady rev".split())
_NOT_ROLES = frozenset("late former acting u.s us chinese american british russian".split())
_ROLE_EVIDENCE = (TITLES | ROLE_NOUNS) - _NOT_ROLES - _HONORIFICS
# Words before a name that are not part of its role ("Then Sen. Ted Cruz", "But Gov. Pence").
_LEADING_WORDS = frozenset("the a an and by with then now but so as when while also if".split())
