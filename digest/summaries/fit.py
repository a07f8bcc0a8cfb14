"""Fit the sentence model's coefficients (:data:`digest.summaries.ranker.COEFFICIENTS`):
``python -m digest.summaries.fit --input summaries-dev.jsonl``.

Reads the ``even`` half of the file only (:func:`digest.evaluation.split.subset`; ``odd`` is held
out for ``digest eval summaries --subset odd``). Each article is split into sentences as a
summary splits it; its greedy-oracle summary (sentences a summary may take, added one at a time
while ROUGE-1 + ROUGE-2 F1 against the human highlights rises, at most ``--sentences`` and the
word budget) labels those sentences 1 and every other sentence a summary could take 0. A
logistic regression (scikit-learn, liblinear, deterministic) is fitted on the features of
:func:`digest.summaries.ranker.sentence_features`. Its regularisation is chosen by 3-fold
cross-validation over the even articles (every third article a fold, no shuffling): the ``C``
whose summaries of the folds left out score the highest mean ROUGE-1 + ROUGE-2 F1, the oracle's
own objective. The bias and coefficients are printed as the Python block to paste into
``ranker.py``. Needs the ``fit`` extra.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from digest.evaluation.split import subset
from digest.evaluation.summaries import _scorer
from digest.summaries.ranker import COEFFICIENTS, DigestSelector
from digest.summaries.readable import left_out
from digest.summaries.summarizer import ArticleSummarizer

ORACLE_POOL = 60  # the opening sentences the oracle chooses among (a summary's pool)
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 3


def oracle(
    sentences: Sequence[str], candidates: Sequence[int], reference: str, count: int, budget: int
) -> list[int]:
    """The greedy-oracle summary: the candidate that raises ROUGE-1 + ROUGE-2 F1 most, added
    while the score rises and the count and word budget allow."""
    scorer = _scorer()
    chosen: list[int] = []
    best = 0.0
    words = 0
    while len(chosen) < count:
        pick, pick_score = -1, best
        for i in candidates:
            length = len(sentences[i].split())
            if i in chosen or words + length > budget:
                continue
            text = "\n".join(sentences[j] for j in sorted([*chosen, i]))
            result = scorer.score(reference, text)
            value = result["rouge1"].fmeasure + result["rouge2"].fmeasure
            if value > pick_score:
                pick, pick_score = i, value
        if pick < 0:
            break
        chosen.append(pick)
        words += len(sentences[pick].split())
        best = pick_score
    return chosen


Examples = list[tuple[list[list[float]], list[int]]]


def examples(rows: Iterable[dict[str, Any]], count: int = 3, budget: int = 100) -> Examples:
    """Per article, the feature rows (in :data:`COEFFICIENTS` order) and oracle labels of every
    sentence a summary could take, over its opening :data:`ORACLE_POOL` sentences."""
    summarizer = ArticleSummarizer("digest", count, budget)
    selector = summarizer._selector
    assert isinstance(selector, DigestSelector)
    names = list(COEFFICIENTS)
    out: Examples = []
    for row in rows:
        features: list[list[float]] = []
        labels: list[int] = []
        title = row.get("title") or ""
        document = summarizer.document(row["text"], title)
        sentences = document.sentences[:ORACLE_POOL]
        candidates = [i for i, s in enumerate(sentences) if not left_out(s, title)]
        picked = set(oracle(sentences, candidates, row["reference"], count, budget))
        per_sentence = selector.features(document)
        for i in candidates:
            features.append([per_sentence[i][name] for name in names])
            labels.append(int(i in picked))
        out.append((features, labels))
    return out


def fit(per_article: Examples, c: float = 1.0) -> dict[str, float]:
    """The bias and coefficients of a logistic regression on the examples."""
    from sklearn.linear_model import LogisticRegression

    features = [row for rows, _ in per_article for row in rows]
    labels = [label for _, article in per_article for label in article]
    model = LogisticRegression(solver="liblinear", C=c, max_iter=1000)
    model.fit(features, labels)
    fitted = {"bias": float(model.intercept_[0])}
    fitted.update(zip(COEFFICIENTS, map(float, model.coef_[0]), strict=True))
    return fitted


def summary_score(rows: Sequence[dict[str, Any]], fitted: dict[str, float]) -> float:
    """Mean ROUGE-1 + ROUGE-2 F1 of the summaries of ``rows`` made with ``fitted``."""
    summarizer = ArticleSummarizer("digest", 3, 100)
    selector = summarizer._selector
    assert isinstance(selector, DigestSelector)
    selector.bias = fitted["bias"]
    selector.coefficients = {name: fitted[name] for name in COEFFICIENTS}
    scorer = _scorer()
    total = 0.0
    for row in rows:
        summary = summarizer.sentences(row["text"], row.get("title") or "")
        result = scorer.score(row["reference"], "\n".join(summary))
        total += result["rouge1"].fmeasure + result["rouge2"].fmeasure
    return total / max(len(rows), 1)


def choose_c(rows: Sequence[dict[str, Any]], per_article: Examples) -> dict[float, float]:
    """Per ``C`` of :data:`C_GRID`, the cross-validated summary score (see the module doc)."""
    scores: dict[float, float] = {}
    for c in C_GRID:
        total = 0.0
        for fold in range(FOLDS):
            train = [e for k, e in enumerate(per_article) if k % FOLDS != fold]
            held = [r for k, r in enumerate(rows) if k % FOLDS == fold]
            total += summary_score(held, fit(train, c)) * len(held)
        scores[c] = total / max(len(rows), 1)
    return scores


def render(fitted: dict[str, float]) -> str:
    lines = [f"BIAS = {fitted['bias']:.4f}", "COEFFICIENTS = {"]
    lines += [f'    "{name}": {fitted[name]:.4f},' for name in COEFFICIENTS]
    return "\n".join([*lines, "}"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, required=True, help="summaries-dev.jsonl")
    parser.add_argument(
        "--c", type=float, help="inverse regularisation strength (default: chosen by CV)"
    )
    args = parser.parse_args(argv)
    with args.input.open(encoding="utf-8") as handle:
        rows = subset((json.loads(line) for line in handle if line.strip()), "even")
    per_article = examples(rows)
    labels = [label for _, article in per_article for label in article]
    print(f"# {len(rows)} articles, {len(labels)} sentences, {sum(labels)} oracle picks")
    c = args.c
    if c is None:
        scores = choose_c(rows, per_article)
        for value, score in scores.items():
            print(f"# C={value:g}: cross-validated ROUGE-1 + ROUGE-2 F1 {100 * score:.2f}")
        c = max(scores, key=lambda value: (scores[value], -value))
    print(f"# C={c:g}")
    print(render(fit(per_article, c)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
