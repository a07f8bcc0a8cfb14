"""The candidate-speaker ranker: which of a quote's candidates (:mod:`digest.quotes.candidates`)
said it.

A logistic regression over each candidate's features, fitted candidate-vs-gold by
:mod:`digest.quotes.fit_ranker` on the ``fit`` part of ``quotes-train.jsonl`` (human-annotated
``name`` speakers only) and shipped as ``model/ranker.json``; scoring here is pure Python and
deterministic. The quote goes to the candidate with the highest score when it beats the rules'
pick by the shipped ``margin`` (or, with no pick, scores at least ``min_new``). A description or
a source the rules kept in its own words ("the State Department", "a campaign spokesman") is
never replaced by a person: the ranker only chooses between people.
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
    keep_descriptions: bool = True  # a description the rules kept as written stays

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
        if pick is not None and not pick_is_person and self.keep_descriptions:
            return Choice(pick, -1.0, False)  # a description kept as written
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
    return Ranker(
        weights,
        float(data.get("margin", 0.0)),
        float(data.get("min_new", 1.0)),
        bool(data.get("keep_descriptions", True)),
    )
