"""Evaluation of the summarizers and the quote extractor on annotated JSONL files.

Summaries are scored like the data README says: ``rouge_score`` (Google's re-implementation of
ROUGE-1.5.5), Porter stemming, F1 of rouge1, rouge2 and rougeLsum with one summary sentence per
line. Quotes are extracted from the text as the pipeline's clean stage repairs it (mojibake undone)
and matched one-to-one to the gold spans when their lower-cased word multisets
overlap by at least half (of the longer of the two), giving span precision/recall/F1; speaker
accuracy counts the matched spans whose gold speaker is not null and whose predicted speaker is
the same person (same normalised name, or same surname with a compatible first name).
"""

from __future__ import annotations

import hashlib
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from digest.clean import repair_text
from digest.errors import ConfigError
from digest.keyquotes import select_key_quotes
from digest.models import Quote
from digest.quotes import extract_quotes
from digest.summarize import ArticleSummarizer

_WORD = re.compile(r"\w+", re.UNICODE)
_HONORIFICS = {"mr", "mrs", "ms", "mister", "dr", "sen", "rep", "gov", "president", "secretary"}
_HONORIFICS |= {"the"}


def subset(rows: Iterable[dict[str, Any]], which: str) -> list[dict[str, Any]]:
    """``all``, or the ``even``/``odd`` half by a hash of the id (the default summarizer's
    weights were chosen on ``even``; ``odd`` is held out)."""
    rows = list(rows)
    if which == "all":
        return rows
    if which not in ("even", "odd"):
        raise ConfigError(f"unknown subset {which!r}; use all, even or odd")
    parity = 0 if which == "even" else 1
    return [
        r for r in rows if int(hashlib.md5(str(r["id"]).encode()).hexdigest(), 16) % 2 == parity
    ]


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


@dataclass(frozen=True)
class Disagreement:
    """A matched quote whose predicted speaker is not the gold one, for reading by hand."""

    article: str
    quote: str
    gold: str
    gold_type: str
    predicted: str | None
    how: str | None
    context: str  # the narration around the quote, the quote in [[…]]

    def __str__(self) -> str:
        return (
            f"{self.article}: gold {self.gold!r} ({self.gold_type}), "
            f"predicted {self.predicted!r} ({self.how or 'no attribution'})\n    {self.context}"
        )


@dataclass(frozen=True)
class QuoteScore:
    gold: int
    predicted: int
    matched: int
    speakers_scored: int
    speakers_right: int
    seconds: float
    # (scored, right) by the gold speaker's ``speaker_type`` ("name" is the human annotation)
    by_type: dict[str, tuple[int, int]] = field(default_factory=dict)
    disagreements: list[Disagreement] = field(default_factory=list)
    # the same count over the key quotes the digest would show (matched, gold speaker not null)
    key_scored: int = 0
    key_right: int = 0

    @property
    def precision(self) -> float:
        return 100 * self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return 100 * self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return 100 * self.speakers_right / self.speakers_scored if self.speakers_scored else 0.0

    def __str__(self) -> str:
        return (
            f"quote spans: P {self.precision:.1f}  R {self.recall:.1f}  F1 {self.f1:.1f} "
            f"({self.matched} matched of {self.gold} gold, {self.predicted} predicted)\n"
            f"speakers: accuracy {self.speaker_accuracy:.1f}% "
            f"({self.speakers_right} of {self.speakers_scored} matched, gold speaker not null)\n"
            + "".join(
                f"  {kind:<20} {100 * ok / n:5.1f}% ({ok} of {n})\n"
                for kind, (n, ok) in sorted(self.by_type.items(), key=lambda item: -item[1][0])
            )
            + (
                f"key quotes (up to 3 an article, as the digest shows them): speaker "
                f"{100 * self.key_right / self.key_scored:.1f}% "
                f"({self.key_right} of {self.key_scored})\n"
                if self.key_scored
                else ""
            )
            + f"time: {1000 * self.seconds:.1f} ms per article"
        )


def words_of(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def span_overlap(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    return sum((a & b).values()) / max(sum(a.values()), sum(b.values()))


def name_part(speaker: str) -> str:
    """The name in a speaker written with its role: "Brent Bozell III, founder of the Media
    Research Center," -> "Brent Bozell III"; "retired Air Force general Lloyd Newton" -> "Lloyd
    Newton". Descriptions ("the president", "Trump’s campaign manager") stay whole."""
    head = speaker.split(",")[0].strip() or speaker
    tokens = head.split()
    run: list[str] = []
    for token in reversed(tokens):
        if not token[:1].isupper():
            break
        run.insert(0, token)
    if run and len(run) < len(tokens):
        head = " ".join(run)
    return re.sub(r"\s+(?:Jr\.?|Sr\.?|II|III|IV)$", "", head)


def normalise_name(name: str) -> list[str]:
    name = name_part(name)
    tokens = [w.lower() for w in _WORD.findall(name.replace("’s", "").replace("'s", ""))]
    return [t for t in tokens if t not in _HONORIFICS]


def _name_like(speaker: str) -> bool:
    """Capitalised words only ("Debbie Wasserman Schultz"), not a description."""
    words = name_part(speaker).split()
    return all(w[:1].isupper() or w in {"de", "van", "von", "bin", "al", "la", "le"} for w in words)


def same_person(gold: str, predicted: str | None) -> bool:
    """Same normalised name (descriptions such as "the president" compared as written), or
    same surname with a compatible first name."""
    if not predicted:
        return False
    if words_of(gold) == words_of(predicted):
        return True
    g, p = normalise_name(gold), normalise_name(predicted)
    if not g or not p:
        return False
    if g == p:
        return True
    if g[-1] != p[-1]:
        return False
    if (g == p[-len(g) :] or p == g[-len(p) :]) and _name_like(gold) and _name_like(predicted):
        return True  # "Wasserman Schultz" and "Debbie Wasserman Schultz"
    if len(g) == 1 or len(p) == 1:
        return True
    return g[0] == p[0] or (g[0][0] == p[0][0] and (len(g[0]) == 1 or len(p[0]) == 1))


def evaluate_quotes(rows: Sequence[dict[str, Any]]) -> QuoteScore:
    gold_total = predicted_total = matched = scored = right = key_scored = key_right = 0
    seconds = 0.0
    by_type: dict[str, tuple[int, int]] = {}
    disagreements: list[Disagreement] = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row.get("quotes"), list):
            raise ConfigError(f"line {number}: a 'quotes' list is needed to score quotes")
        start = time.perf_counter()
        predicted = extract_quotes(repair_text(row["text"]))  # as the pipeline's clean stage
        seconds += time.perf_counter() - start
        gold = row["quotes"]
        gold_total += len(gold)
        predicted_total += len(predicted)
        pairs = sorted(
            (
                (span_overlap(words_of(g["quote"]), words_of(p.text)), gi, pi)
                for gi, g in enumerate(gold)
                for pi, p in enumerate(predicted)
            ),
            reverse=True,
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        key_starts = {q.start for q in select_key_quotes(predicted, article_text=row["text"])}
        for overlap, gi, pi in pairs:
            if overlap < 0.5:
                break
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            matched += 1
            speaker = gold[gi].get("speaker")
            if speaker:
                ok = same_person(speaker, predicted[pi].speaker)
                scored += 1
                right += ok
                kind = str(gold[gi].get("speaker_type") or "unknown")
                n, k = by_type.get(kind, (0, 0))
                by_type[kind] = (n + 1, k + ok)
                if not ok:
                    disagreements.append(_disagreement(row, gold[gi], predicted[pi], kind))
                if predicted[pi].start in key_starts:
                    key_scored += 1
                    key_right += ok
    return QuoteScore(
        gold_total,
        predicted_total,
        matched,
        scored,
        right,
        seconds / max(len(rows), 1),
        by_type,
        disagreements,
        key_scored,
        key_right,
    )


def _disagreement(
    row: dict[str, Any], gold: dict[str, Any], quote: Quote, kind: str
) -> Disagreement:
    text = str(row["text"])
    spans = gold.get("spans") or []
    start = text.find(gold["quote"]) if not spans else int(spans[0][0])
    end = start + len(gold["quote"]) if not spans else int(spans[-1][1])
    if start < 0:
        context = f"[[{gold['quote']}]]"
    else:
        context = f"{text[max(0, start - 240) : start]}[[{text[start:end]}]]{text[end : end + 120]}"
    return Disagreement(
        str(row.get("id", "")),
        str(gold["quote"]),
        str(gold["speaker"]),
        kind,
        quote.speaker,
        quote.how,
        " ".join(context.split()),
    )
