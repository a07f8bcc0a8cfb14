"""Fit the candidate ranker and the attribution confidence model on top of it:
``python -m digest.quotes.fit --input TRAIN.jsonl``.

First the ranker (:mod:`digest.quotes.fit_ranker`, written to ``model/ranker.json``; skipped
with ``--no-ranker``), then the confidence gate over the quotes as the new ranker attributes
them. Reads the ``fit`` part of the training file only (:func:`digest.evaluation.split.subset`; the
``heldout`` part is never read), extracts quotes as the pipeline does, matches them to the gold
spans and labels each attributed quote whose gold speaker is a human-annotated ``name``: 1 when
the extractor's speaker is that person, else 0. Silver ``*_coref`` speakers are left out as
noise. A logistic regression (scikit-learn, deterministic: liblinear, no shuffling) is fitted on
the features of :mod:`digest.quotes.confidence`. The key-quote threshold is a coverage budget: the
highest score that still lets ``--keep`` (82%) of the labelled quotes of 8+ words through, by the
out-of-fold predictions of 5-fold cross-validation (no shuffling). Writes
``digest/quotes/model/attribution.json``. Needs the ``fit`` extra.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from digest.evaluation.quotes import gold_slip, match_spans, same_person
from digest.evaluation.split import subset
from digest.quotes.confidence import MODEL_PATH
from digest.quotes.extract import extract_with_features
from digest.quotes.fit_ranker import fit_ranker, ranker_examples
from digest.quotes.ranker import RANKER_PATH, Ranker, load_ranker
from digest.text.clean import repair_text

# The human-annotated names, and the descriptions the gold keeps as written ("the memo", "a
# White House official"): where the extractor names a person for those, it is wrong.
LABEL_TYPES = frozenset({"name", "nominal"})


def examples(
    rows: Iterable[dict[str, Any]],
    label_types: frozenset[str] = LABEL_TYPES,
    ranker: Ranker | None = None,
) -> tuple[list[dict[str, float]], list[int], list[int]]:
    """Features, labels and quote lengths of every attributed quote matched to a gold speaker
    of ``label_types``."""
    features: list[dict[str, float]] = []
    labels: list[int] = []
    lengths: list[int] = []
    for row in rows:
        found = extract_with_features(repair_text(row["text"]), ranker=ranker)
        gold = row.get("quotes") or []
        for gi, pi in match_spans(gold, [q for q, _ in found]):
            quote, fs = found[pi]
            speaker = gold[gi].get("speaker")
            if not fs or not speaker or gold[gi].get("speaker_type") not in label_types:
                continue
            if gold_slip(speaker):  # "said": the annotation names no one
                continue
            features.append(fs)
            labels.append(int(same_person(speaker, quote.speaker)))
            lengths.append(len(quote.text.split()))
    return features, labels, lengths


def choose_threshold(scores: Sequence[float], lengths: Sequence[int], keep: float) -> float:
    """The highest score that lets at least ``keep`` of the quotes of 8+ words through."""
    long = sorted((s for s, n in zip(scores, lengths, strict=True) if n >= 8), reverse=True)
    if not long:
        return 1.0
    return float(long[min(len(long) - 1, max(0, math.ceil(keep * len(long)) - 1))])


def precision_at(
    scores: Sequence[float], labels: Sequence[int], lengths: Sequence[int], threshold: float
) -> float:
    kept = [y for s, y, n in zip(scores, labels, lengths, strict=True) if n >= 8 and s >= threshold]
    return sum(kept) / len(kept) if kept else 0.0


def fit(
    rows: list[dict[str, Any]],
    keep: float = 0.82,
    c: float = 1.0,
    label_types: frozenset[str] = LABEL_TYPES,
    ranker: Ranker | None = None,
) -> dict[str, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import KFold, cross_val_predict

    features, labels, lengths = examples(rows, label_types, ranker)
    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform(features)
    model = LogisticRegression(C=c, solver="liblinear", fit_intercept=False, max_iter=1000)
    folds = KFold(n_splits=5, shuffle=False)
    oof = cross_val_predict(model, x, labels, cv=folds, method="predict_proba")[:, 1]
    threshold = choose_threshold(list(oof), lengths, keep)
    model.fit(x, labels)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 5) for n, w in zip(names, model.coef_[0], strict=True)}
    return {
        "about": "digest.quotes.confidence weights; refit with python -m digest.quotes.fit",
        "label_types": sorted(label_types),
        "examples": len(labels),
        "right": int(sum(labels)),
        "keep": keep,
        "threshold": round(float(threshold), 4),
        "out_of_fold_precision": round(precision_at(list(oof), labels, lengths, threshold), 4),
        "weights": dict(sorted(weights.items())),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m digest.quotes.fit", description=__doc__)
    parser.add_argument("--input", required=True, type=Path, metavar="quotes-train.jsonl")
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--keep", type=float, default=0.82, help="share of 8+-word quotes kept")
    parser.add_argument("--C", type=float, default=1.0, dest="c")
    parser.add_argument(
        "--labels",
        default=",".join(sorted(LABEL_TYPES)),
        help="gold speaker types labelled (comma-separated)",
    )
    parser.add_argument("--ranker-output", type=Path, default=RANKER_PATH)
    parser.add_argument(
        "--no-ranker", action="store_true", help="keep the shipped ranker, fit the gate only"
    )
    args = parser.parse_args(argv)
    from digest.cli.jsonl import read_jsonl

    rows = subset(read_jsonl(args.input), "fit")
    ranker = None  # the shipped one, with --no-ranker
    if not args.no_ranker:
        ranked = fit_ranker(ranker_examples(rows))
        args.ranker_output.parent.mkdir(parents=True, exist_ok=True)
        args.ranker_output.write_text(json.dumps(ranked, indent=1) + "\n", encoding="utf-8")
        load_ranker.cache_clear()
        ranker = load_ranker(args.ranker_output)  # the gate is fitted on top of it
        print(
            f"ranker fitted on {ranked['quotes']} quotes ({ranked['with_right_candidate']} with "
            f"the right person among the candidates) -> {args.ranker_output}; out-of-fold "
            f"accuracy {ranked['out_of_fold_accuracy']:.3f} (rules alone "
            f"{ranked['rules_accuracy']:.3f}), margin {ranked['margin']}, "
            f"min_new {ranked['min_new']}"
        )
    types = frozenset(t.strip() for t in args.labels.split(",") if t.strip())
    result = fit(rows, args.keep, args.c, types, ranker)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(
        f"fitted on {len(rows)} articles ({result['examples']} quotes, {result['right']} right) "
        f"-> {args.output}; key-quote threshold {result['threshold']} (out-of-fold precision "
        f"{result['out_of_fold_precision']:.3f} on 8+-word quotes)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
