"""Quote quality on annotated JSONL files.

Quotes are extracted from the text as the pipeline's clean stage repairs it (mojibake undone)
and matched one-to-one to the gold spans when their lower-cased word multisets overlap by at
least half (of the longer of the two), giving span precision/recall/F1; speaker accuracy counts
the matched spans whose gold speaker is not null and whose predicted speaker is the same person
(same normalised name, or same surname with a compatible first name).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from digest.errors import ConfigError
from digest.models import Quote
from digest.quotes.extract import extract_quotes
from digest.quotes.keyquotes import MIN_WORDS, select_key_quotes
from digest.text.clean import repair_text

_WORD = re.compile(r"\w+", re.UNICODE)
_HONORIFICS = {"mr", "mrs", "ms", "mister", "dr", "sen", "rep", "gov", "president", "secretary"}
_HONORIFICS |= {"the"}
# titles written before a name ("Admiral Harris" is Harry B. Harris)
_HONORIFICS |= set(
    """adm admiral gen general col colonel capt captain lt sgt judge justice rev rabbi pastor
    prof professor mayor senator governor representative ambassador speaker miss sir lord lady
    dame sheikh bishop cardinal pope""".split()
)


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
    key_by_type: dict[str, tuple[int, int]] = field(default_factory=dict)
    # articles with an attributed quote of MIN_WORDS+ words, and those of them given a key quote
    coverable: int = 0
    covered: int = 0
    # key quotes whose gold speaker is an annotation slip (see :func:`gold_slip`), and of them
    # those the extractor agrees with (never, by construction)
    key_slips: int = 0

    @property
    def key_agreement(self) -> float:
        return 100 * self.key_right / self.key_scored if self.key_scored else 0.0

    @property
    def key_agreement_without_slips(self) -> float:
        n = self.key_scored - self.key_slips
        return 100 * self.key_right / n if n else 0.0

    @property
    def coverage(self) -> float:
        return 100 * self.covered / self.coverable if self.coverable else 0.0

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
                f"key quotes (key: true, up to 3 an article): speaker agreement "
                f"{self.key_agreement:.1f}% ({self.key_right} of {self.key_scored} matched)\n"
                + "".join(
                    f"  {kind:<20} {100 * ok / n:5.1f}% ({ok} of {n})\n"
                    for kind, (n, ok) in sorted(self.key_by_type.items(), key=lambda i: -i[1][0])
                )
                + f"  without gold slips   {self.key_agreement_without_slips:5.1f}% "
                f"({self.key_right} of {self.key_scored - self.key_slips}; "
                f"{self.key_slips} gold speakers such as 'said' left out)\n"
                if self.key_scored
                else ""
            )
            + f"key-quote coverage: {self.coverage:.1f}% ({self.covered} of {self.coverable} "
            f"articles with an attributed quote of {MIN_WORDS}+ words)\n"
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


_SLIP_WORDS = frozenset("said says say told wrote writes added asked stated noted".split())


def gold_slip(gold: str) -> bool:
    """A gold speaker that names no one: a speech verb ("said") or a one- or two-letter
    fragment ("o"), annotation slips."""
    word = gold.strip()
    return word.lower() in _SLIP_WORDS or (len(word) <= 2 and word.islower())


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
        # a family name written first ("Ban" is Ban Ki-moon, "Shen" is Shen Xincheng)
        short, full = (g, p) if len(g) < len(p) else (p, g)
        return (
            len(short) == 1
            and len(full) in (2, 3)
            and short[0] == full[0]
            and _name_like(gold)
            and _name_like(predicted)
        )
    if (g == p[-len(g) :] or p == g[-len(p) :]) and _name_like(gold) and _name_like(predicted):
        return True  # "Wasserman Schultz" and "Debbie Wasserman Schultz"
    if len(g) == 1 or len(p) == 1:
        return True
    return g[0] == p[0] or (g[0][0] == p[0][0] and (len(g[0]) == 1 or len(p[0]) == 1))


def match_spans(
    gold: Sequence[dict[str, Any]], predicted: Sequence[Quote]
) -> list[tuple[int, int]]:
    """(gold index, predicted index) of the spans matched one-to-one, best overlap first."""
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
    matched: list[tuple[int, int]] = []
    for overlap, gi, pi in pairs:
        if overlap < 0.5:
            break
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((gi, pi))
    return matched


def evaluate_quotes(rows: Sequence[dict[str, Any]]) -> QuoteScore:
    gold_total = predicted_total = matched = scored = right = key_scored = key_right = 0
    coverable = covered = key_slips = 0
    key_by_type: dict[str, tuple[int, int]] = {}
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
        key_starts = {q.start for q in select_key_quotes(predicted, article_text=row["text"])}
        if any(q.speaker and len(q.text.split()) >= MIN_WORDS for q in predicted):
            coverable += 1
            covered += bool(key_starts)
        for gi, pi in match_spans(gold, predicted):
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
                    key_slips += gold_slip(speaker)
                    k_n, k_ok = key_by_type.get(kind, (0, 0))
                    key_by_type[kind] = (k_n + 1, k_ok + ok)
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
        key_by_type,
        coverable,
        covered,
        key_slips,
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
