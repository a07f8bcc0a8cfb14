"""The candidate-speaker ranker: which of a quote's candidates (:mod:`digest.quotes.candidates`)
said it.

A logistic regression over each candidate's features, fitted on pairs of one quote's
candidates (the gold one against each other one) by :mod:`digest.quotes.fit_ranker` on the
``fit`` part of ``quotes-train.jsonl`` (human-annotated ``name`` and ``nominal`` speakers) and
shipped as ``model/ranker.json``; scoring here is pure Python and
deterministic. The quote goes to the candidate with the highest score when it beats the rules'
pick by the shipped ``margin`` (or, with no pick, scores at least ``min_new``). A description or
a source the rules kept in its own words ("the State Department", "a campaign spokesman") is
replaced by a person only as the shipped ``descriptions`` says: never (``kept``), by the person
named beside the rules' mention ("James A. Lewis, a former government cybersecurity expert …,
said": ``beside``), or by any candidate (``any``); ``pronouns`` says the same for a person the
rules found through "he"/"she".
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from digest.quotes.candidates import Candidate

RANKER_PATH = Path(__file__).with_name("model") / "ranker.json"


@dataclass(frozen=True)
class Choice:
    speaker: str | None
    share: float  # ``speaker``'s share of the candidates' scores (-1.0: not scored)
    changed: bool  # not the rules' pick


@dataclass(frozen=True)
class Ranker:
    weights: dict[str, float]
    margin: float = 0.0  # how much a candidate must beat the rules' pick by
    min_new: float = 1.0  # the least score that gives a speaker to a quote the rules left open
    # when a description the rules kept as written ("the crowd") gives way to a person:
    # "kept" never, "beside" to the person named beside the rules' mention, "any"
    descriptions: str = "kept"
    # the same for a person the rules found through "he"/"she": the fit sees such picks only
    # where the gold names someone (mostly where the pronoun was read wrong), so it learns to
    # override them too readily (``pronoun_coref`` quotes on ``fit`` 68.0% -> 65.1%)
    pronouns: str = "any"

    def score(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def choose(
        self, found: Sequence[Candidate], pick: str | None, pick_is_person: bool = True
    ) -> Choice:
        """The candidate the quote goes to; ties go to the rules' pick, then to the first."""
        if not found or not self.weights:
            return Choice(pick, -1.0, False)
        raw = [(self.score(c.features), c.name) for c in found]
        total = sum(s for s, _ in raw) or 1.0
        scored = [(s / total, name) for s, name in raw]  # shares: comparable across quotes
        pick_score = next((s for s, name in scored if name == pick), None)
        best_score, best = max(scored, key=lambda sn: (sn[0], sn[1] == pick))
        if pick is not None and best != pick:
            chosen = next(c for c in found if c.name == best)
            if not pick_is_person:
                policy = self.descriptions
            elif any("pick_who=pronoun" in c.features for c in found if c.name == pick):
                policy = self.pronouns
            else:
                policy = "any"
            if policy == "kept" or (policy == "beside" and not _beside(chosen)):
                return Choice(pick, -1.0, False)  # the rules' pick stands
        if best == pick:
            return Choice(pick, best_score, False)
        if pick is None:
            if raw[[name for _, name in raw].index(best)][0] >= self.min_new:
                return Choice(best, best_score, True)
            return Choice(None, -1.0, False)
        if pick_score is None or best_score >= pick_score + self.margin:
            return Choice(best, best_score, True)
        return Choice(pick, pick_score, False)


@lru_cache(maxsize=1)
def load_ranker(path: Path = RANKER_PATH) -> Ranker:
    """The shipped weights; with no weights file, the rules' pick stands."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Ranker({})
    weights = {str(k): float(v) for k, v in data.get("weights", {}).items()}
    descriptions = data.get("descriptions")
    if descriptions not in DESCRIPTIONS:  # weights of before: a yes/no
        descriptions = "kept" if data.get("keep_descriptions", True) else "any"
    pronouns = data.get("pronouns")
    return Ranker(
        weights,
        float(data.get("margin", 0.0)),
        float(data.get("min_new", 1.0)),
        descriptions,
        pronouns if pronouns in DESCRIPTIONS else "any",
    )


DESCRIPTIONS = ("kept", "beside", "any")


def _beside(candidate: Candidate) -> bool:
    """Named beside the rules' mention ("X, a former aide, said": see ``candidates``)."""
    return any(name.startswith("beside_rules_mention=") for name in candidate.features)
