"""Fit the candidate-speaker ranker (:mod:`digest.quotes.ranker`) on the ``fit`` part of a
training file; called by :mod:`digest.quotes.fit` before it fits the confidence model.

Quotes are extracted with the rules alone (``rank=False``), matched to the gold spans, and
every quote whose gold speaker is a human-annotated ``name`` (or a ``nominal`` description)
gives one example: its candidates, each 1 when it is the gold person
(:func:`digest.evaluation.quotes.same_person`), else 0. Quotes with no right candidate are left
out of the fit (nothing to rank) but counted when the override thresholds are chosen. A
logistic regression (scikit-learn, liblinear, deterministic) is fitted pairwise: on the
feature differences of the right candidate against each wrong one of the same quote (and their
negations), so the weights say which of a quote's candidates said it, not how often candidates
of any quote are right (``pairwise=False``: candidate by candidate, as before). The ``margin``
by which a candidate must beat the rules' pick, the ``min_new`` score that attributes a quote
the rules left open, and when a description the rules kept gives way to a person
(``descriptions``: never, to the person named beside it, or to anyone) are chosen by
out-of-fold accuracy (5 folds by article, no shuffling). Silver ``*_coref`` speakers are never
read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from digest.evaluation.quotes import gold_slip, match_spans, same_person
from digest.quotes.candidates import Candidate
from digest.quotes.extract import extract_detailed, ranked_as_person
from digest.quotes.ranker import DESCRIPTIONS, Ranker
from digest.text.clean import repair_text
from digest.text.names import NameBook

# The human-annotated names, and the descriptions the gold keeps as written ("a White House
# official", "the memo"): there the rules' description is right and a person would be wrong.
LABEL_TYPES = frozenset({"name", "nominal"})
MARGINS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
MIN_NEW = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01)


@dataclass(frozen=True)
class Example:
    article: int
    candidates: list[Candidate]
    labels: list[int]
    pick: str | None
    pick_is_person: bool
    pick_right: bool
    kind: str = "name"  # the gold speaker's type


def ranker_examples(
    rows: Iterable[dict[str, Any]], label_types: frozenset[str] = LABEL_TYPES
) -> list[Example]:
    """One example per matched quote whose gold speaker is of ``label_types``."""
    out: list[Example] = []
    empty = NameBook("")
    for number, row in enumerate(rows):
        found = extract_detailed(repair_text(row["text"]), rank=False)
        gold = row.get("quotes") or []
        for gi, pi in match_spans(gold, [q for q, _, _ in found]):
            speaker = gold[gi].get("speaker")
            if not speaker or gold[gi].get("speaker_type") not in label_types:
                continue
            if gold_slip(speaker):
                continue
            quote, _, cands = found[pi]
            pick = quote.speaker
            person = ranked_as_person(pick, empty)
            labels = [int(same_person(speaker, c.name)) for c in cands]
            kind = str(gold[gi].get("speaker_type"))
            right = same_person(speaker, pick)
            out.append(Example(number, cands, labels, pick, person, right, kind))
    return out


def accuracy(examples: Sequence[Example], rankers: Sequence[Ranker]) -> float:
    """Share of ``examples`` whose chosen speaker is right (``rankers[i]`` for example i)."""
    right = 0
    for example, ranker in zip(examples, rankers, strict=True):
        choice = ranker.choose(example.candidates, example.pick, example.pick_is_person)
        if not choice.changed:
            right += example.pick_right
        else:
            index = next(i for i, c in enumerate(example.candidates) if c.name == choice.speaker)
            right += example.labels[index]
    return right / len(examples) if examples else 0.0


def pairs(examples: Sequence[Example]) -> tuple[list[dict[str, float]], list[int]]:
    """The pairwise rows of ``examples``: for each quote, each right candidate against each
    wrong one, as the difference of their features (label 1) and its negation (label 0)."""
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for e in examples:
        for right, y_right in zip(e.candidates, e.labels, strict=True):
            if not y_right:
                continue
            for wrong, y_wrong in zip(e.candidates, e.labels, strict=True):
                if y_wrong:
                    continue
                diff = dict(right.features)
                for name, value in wrong.features.items():
                    diff[name] = diff.get(name, 0.0) - value
                diff = {k: v for k, v in diff.items() if v}
                rows += [diff, {k: -v for k, v in diff.items()}]
                labels += [1, 0]
    return rows, labels


# A person the rules found through "he"/"she" gives way only to the person named beside the
# rules' mention: the examples hold such picks only where the gold names someone, mostly where
# the pronoun was read wrong, so out-of-fold accuracy cannot weigh this (see ``Ranker``).
PRONOUNS = "beside"


def fit_ranker(examples: list[Example], c: float = 1.0, pairwise: bool = True) -> dict[str, Any]:
    """``pairwise``: fit the weights on pairs of one quote's candidates (the right one against
    each wrong one, :func:`pairs`), so they learn which candidate of a quote said it rather
    than how often candidates of all quotes are right; else candidate by candidate."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    def train(part: Sequence[Example]) -> dict[str, float]:
        if pairwise:
            features, labels = pairs([e for e in part if any(e.labels)])
        else:
            features = [cand.features for e in part if any(e.labels) for cand in e.candidates]
            labels = [y for e in part if any(e.labels) for y in e.labels]
        vectorizer = DictVectorizer(sparse=False)
        x = vectorizer.fit_transform(features)
        model = LogisticRegression(C=c, solver="liblinear", fit_intercept=False, max_iter=1000)
        model.fit(x, labels)
        names = vectorizer.get_feature_names_out()
        return {str(n): round(float(w), 5) for n, w in zip(names, model.coef_[0], strict=True)}

    articles = sorted({e.article for e in examples})
    fold_of = {a: i * 5 // max(len(articles), 1) for i, a in enumerate(articles)}
    fold_weights = [train([e for e in examples if fold_of[e.article] != k]) for k in range(5)]
    best: tuple[float, float, float, str] = (-1.0, 0.0, 1.01, "kept")
    for keep in DESCRIPTIONS:
        for margin in MARGINS:
            for min_new in MIN_NEW:
                rankers = [
                    Ranker(fold_weights[fold_of[e.article]], margin, min_new, keep, PRONOUNS)
                    for e in examples
                ]
                score = accuracy(examples, rankers)
                if score > best[0] + 1e-9:
                    best = (score, margin, min_new, keep)
    chosen = [Ranker(fold_weights[fold_of[e.article]], *best[1:], PRONOUNS) for e in examples]
    by_kind = {
        kind: round(
            accuracy(
                [e for e in examples if e.kind == kind],
                [r for e, r in zip(examples, chosen, strict=True) if e.kind == kind],
            ),
            4,
        )
        for kind in sorted({e.kind for e in examples})
    }
    rules_by_kind = {
        kind: round(
            sum(e.pick_right for e in examples if e.kind == kind)
            / max(1, sum(e.kind == kind for e in examples)),
            4,
        )
        for kind in by_kind
    }
    weights = train(examples)
    rules = sum(e.pick_right for e in examples) / len(examples) if examples else 0.0
    return {
        "about": "digest.quotes.ranker weights; refit with python -m digest.quotes.fit",
        "label_types": sorted({e.kind for e in examples}),
        "objective": "pairwise" if pairwise else "pointwise",
        "quotes": len(examples),
        "with_right_candidate": sum(1 for e in examples if any(e.labels)),
        "rules_accuracy": round(rules, 4),
        "out_of_fold_accuracy": round(best[0], 4),
        "out_of_fold_by_type": by_kind,
        "rules_by_type": rules_by_kind,
        "margin": best[1],
        "min_new": best[2],
        "descriptions": best[3],
        "pronouns": PRONOUNS,
        "weights": dict(sorted(weights.items())),
    }
