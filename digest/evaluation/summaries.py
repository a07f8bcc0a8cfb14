"""Summary quality: ``rouge_score`` (Google's re-implementation of ROUGE-1.5.5), as the data
README says: Porter stemming, F1 of rouge1, rouge2 and rougeLsum with one summary sentence per
line.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from digest.errors import ConfigError
from digest.summaries.summarizer import ArticleSummarizer


@dataclass(frozen=True)
class SummaryScore:
    method: str
    rouge1: float
    rouge2: float
    rougeLsum: float
    words: float
    ms_per_article: float
    articles: int


def _scorer() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:  # pragma: no cover - installed with the project
        raise ConfigError("rouge-score is not installed; run: pip install rouge-score") from exc
    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


def evaluate_summaries(
    rows: Sequence[dict[str, Any]],
    methods: Sequence[str],
    sentences: int = 3,
    max_words: int = 100,
) -> list[SummaryScore]:
    """One row per method, as ``digest summarize`` makes them (``max_words`` budget); LEAD-N
    (``lead``, the first N sentences, no budget) is always included for comparison."""
    for number, row in enumerate(rows, 1):
        if not isinstance(row.get("reference"), str):
            raise ConfigError(f"line {number}: a 'reference' string is needed to score summaries")
    scorer = _scorer()
    wanted = list(dict.fromkeys(["lead", *methods]))
    scores: list[SummaryScore] = []
    for method in wanted:
        summarizer = ArticleSummarizer(
            method, sentences, 1_000_000 if method == "lead" else max_words
        )
        totals = Counter[str]()
        words: list[int] = []
        times: list[float] = []
        for row in rows:
            start = time.perf_counter()
            summary = summarizer.sentences(row["text"], row.get("title") or "")
            times.append(time.perf_counter() - start)
            words.append(sum(len(s.split()) for s in summary))
            result = scorer.score(row["reference"], "\n".join(summary))
            for key in ("rouge1", "rouge2", "rougeLsum"):
                totals[key] += result[key].fmeasure
        n = max(len(rows), 1)
        scores.append(
            SummaryScore(
                method=summarizer.method,
                rouge1=100 * totals["rouge1"] / n,
                rouge2=100 * totals["rouge2"] / n,
                rougeLsum=100 * totals["rougeLsum"] / n,
                words=statistics.fmean(words) if words else 0.0,
                ms_per_article=1000 * statistics.median(times) if times else 0.0,
                articles=len(rows),
            )
        )
    return scores


def format_summary_table(scores: Sequence[SummaryScore]) -> str:
    lead = next((s for s in scores if s.method == "lead"), None)
    lines = [
        f"{'method':<10} {'R-1':>6} {'R-2':>6} {'R-Lsum':>7} {'ΔR-1':>6} {'ΔR-2':>6} "
        f"{'words':>6} {'ms/article':>10}"
    ]
    for s in scores:
        d1 = s.rouge1 - lead.rouge1 if lead else 0.0
        d2 = s.rouge2 - lead.rouge2 if lead else 0.0
        lines.append(
            f"{s.method:<10} {s.rouge1:6.2f} {s.rouge2:6.2f} {s.rougeLsum:7.2f} {d1:+6.2f} "
            f"{d2:+6.2f} {s.words:6.1f} {s.ms_per_article:10.1f}"
        )
    lines.append(f"({scores[0].articles} articles; ms/article is the median; Δ is against lead)")
    return "\n".join(lines)


# --- quotes ----------------------------------------------------------------------------------
