"""Confidence of an attribution: how likely the speaker found for a quote is the right person.

A logistic regression over a few features of how the attribution was found (the rules' own
verdict, the cue verb and its side, the distance from the quote to the mention, whether the
mention was a pronoun, a description or a name, gender agreement, whether the speaker was just
quoted, how many people the paragraph names, what the speaker looks like). The weights are
fitted by :mod:`digest.quotes.fit` on the ``fit`` part of ``quotes-train.jsonl`` (human-annotated
speaker names only) and shipped as ``model/attribution.json``; scoring here is pure Python.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from digest.quotes.patterns import PRONOUN
from digest.text.names import NOT_NAMES, PLACES, ROLE_NOUNS, TITLES, NameBook

MODEL_PATH = Path(__file__).with_name("model") / "attribution.json"
# Shown as a key quote only at or above this (the fitting script chooses it; see docs/quotes.md).
DEFAULT_THRESHOLD = 0.9

_COMMON_CUES = frozenset(
    "said says told added according : writes wrote asked explained noted continued argued "
    "tweeted stated declared insisted recalled".split()
)
_OUTLET_WORDS = frozenset(
    "post times news journal tribune herald gazette daily hill politico cnn nbc abc cbs msnbc "
    "reuters press bloomberg fox axios breitbart poll report statement".split()
)


@dataclass(frozen=True)
class Evidence:
    """What the extractor knew when it attributed a quote."""

    how: str  # "after", "before", "subject", "previous sentence", "inherited", ...
    cue: str | None
    who: str | None  # the mention as written ("he", "the governor", "Trump")
    speaker: str
    person: bool  # the speaker reads as a person's name
    just_quoted: bool  # the speaker is the previous quote's
    in_focus: bool  # the speaker is the person in focus
    people_here: int  # distinct people named in the quote's paragraph
    quotes_here: int  # quotes in the paragraph
    distance: int  # characters from the quote to the mention (-1: not in the paragraph)
    words: int  # the quote's words
    opens_paragraph: bool
    gender: str  # "agree", "contradict", "unknown" (pronouns), "" otherwise
    source_how: str = ""  # for an inherited speaker: how the quote it came from was attributed
    tail: str = ""  # the rest of the quote's sentence after the quote, quotes masked
    lead: str = ""  # the quote's sentence before the quote, quotes masked
    rank_share: float = -1.0  # the speaker's share of the ranker's scores (-1: not ranked)


def evidence_features(
    e: Evidence, book: NameBook, quote: str = "", narration: str = ""
) -> dict[str, float]:
    """The model's features: one-hot indicators (value 1.0) by name. ``quote``: the quote's
    text; ``narration``: the article with its quotes masked."""
    f: dict[str, float] = {"bias": 1.0, f"how={e.how}": 1.0}
    surname = e.speaker.split()[-1] if e.speaker.split() else ""
    if e.person and surname and re.search(rf"\b{re.escape(surname)}\b", quote):
        f["speaker_named_in_quote"] = 1.0  # people rarely name themselves
    if e.person and surname:
        mentions = _mentions(surname, narration)
        f[f"mentions={'1' if mentions <= 1 else '2-3' if mentions <= 3 else '4+'}"] = 1.0
    if re.search(r"\b(?:I|I'm|I’m|we|We|my|My|our|Our|me|us)\b", quote):
        f["first_person"] = 1.0
    cue = (e.cue or "").lower().split()[:1]
    cue_word = cue[0] if cue else "none"
    f[f"cue={cue_word if cue_word in _COMMON_CUES else 'other'}"] = 1.0
    f[f"how_cue={e.how}|{'said' if cue_word in ('said', 'says') else 'other'}"] = 1.0
    kind = mention_kind(e.who)
    f[f"who={kind}"] = 1.0
    f[f"how_who={e.how}|{kind}"] = 1.0
    tokens = e.speaker.split()
    f[f"speaker_tokens={min(len(tokens), 3)}"] = 1.0
    f[f"person={e.person}"] = 1.0
    lower = e.speaker.lower()
    if lower in PLACES or any(t.lower() in _OUTLET_WORDS for t in tokens):
        f["speaker_place_or_outlet"] = 1.0
    if len(tokens) == 1 and (
        lower in NOT_NAMES or lower in ROLE_NOUNS or lower in TITLES or lower.endswith("s")
    ):
        f["speaker_common_word"] = 1.0
    if len(tokens) == 1 and e.person and not book.is_word(tokens[0]):
        f["speaker_lone_known"] = 1.0
    if e.person and book.gender(e.speaker):
        f["speaker_gender_known"] = 1.0
    if e.gender:
        f[f"gender={e.gender}"] = 1.0
    f[f"just_quoted={e.just_quoted}"] = 1.0
    f[f"in_focus={e.in_focus}"] = 1.0
    f[f"people_here={min(e.people_here, 3)}"] = 1.0
    f[f"quotes_here={min(e.quotes_here, 3)}"] = 1.0
    if e.distance < 0:
        f["distance=elsewhere"] = 1.0
    else:
        f[f"distance={min(int(math.log2(e.distance + 1)), 8)}"] = 1.0
    f[f"words={'short' if e.words < 4 else 'mid' if e.words < 8 else 'long'}"] = 1.0
    f[f"opens_paragraph={e.opens_paragraph}"] = 1.0
    if e.source_how:
        f[f"source_how={e.source_how}"] = 1.0
    f.update(_description_features(e, kind))
    if e.rank_share >= 0:
        cut = next((c for c in _RANK_CUTS if e.rank_share >= c), 0.0)
        f[f"rank_share>={cut}"] = 1.0
    return f


_RANK_CUTS = (0.95, 0.9, 0.8, 0.6, 0.4)


def _description_features(e: Evidence, kind: str) -> dict[str, float]:
    """Where the words may belong to a description, a document or an outlet rather than the
    person named: a description resolved to a name through the roles ("the Indiana governor"
    -> Mike Pence), a mention whose words are not the speaker's ("the printed Cruz slate card"
    -> Ted Cruz), an unnamed source ("an official said"), or words passed on by someone else
    ("…, Sanders said, according to CNN")."""
    f: dict[str, float] = {}
    who = (e.who or "").strip().rstrip(".,;:")
    mention_words = {w.lower() for w in re.findall(r"[\w’'-]+", who)}
    speaker_words = {w.lower() for w in re.findall(r"[\w’'-]+", e.speaker)}
    if kind == "description" and e.person:
        f["description_resolved"] = 1.0
    elif kind in ("name", "description") and mention_words and speaker_words:
        head = re.sub(r"[’']s$", "", who.split()[-1]).lower() if who.split() else ""
        if head and head not in speaker_words:
            f[f"mention_head_not_speaker|person={e.person}"] = 1.0
    if _UNNAMED.search(who):
        f["unnamed_source"] = 1.0
    if (e.cue or "").lower() != "according to":
        if re.search(r"\baccording to\b", f"{e.lead} {e.tail}", re.IGNORECASE):
            f["passed_on=according"] = 1.0
        elif _SECONDHAND.search(e.tail):
            f["passed_on=other"] = 1.0
    return f


_UNNAMED = re.compile(
    r"^(?:an?|one|another|two|three|several|some)\b.*\b(?:officials?|sources?|aides?|"
    r"advisers?|advisors?|spokes(?:man|woman|person)|person|people|member|strategist)\b",
    re.IGNORECASE,
)
_SECONDHAND = re.compile(
    r"\b(?:according to|as (?:quoted|reported) by|told (?:the|a)\b|in an? (?:interview|"
    r"transcript|statement|memo|letter|e-?mail|report)|reported)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def _mentions(surname: str, narration: str) -> int:
    return len(re.findall(rf"\b{re.escape(surname)}\b", narration))


def mention_kind(who: str | None) -> str:
    """How the attribution wrote the speaker: "name", "pronoun", "description" or "none"."""
    who = (who or "").strip()
    if re.fullmatch(PRONOUN, who):
        return "pronoun"
    if not who:
        return "none"
    if who[:1].islower() or who.split()[0].lower() in ("the", "a", "an", "one"):
        return "description"
    return "name"


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    threshold: float = DEFAULT_THRESHOLD

    def score(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> Model:
    """The shipped weights; with no weights file, every attribution scores 0.5 (never key)."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Model({}, threshold=1.0)
    weights = {str(k): float(v) for k, v in data.get("weights", {}).items()}
    return Model(weights, float(data.get("threshold", DEFAULT_THRESHOLD)))
