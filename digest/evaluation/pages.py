"""Page quality: what ``digest articles`` makes of saved web pages, against ``pages.jsonl``.

Each line of ``pages.jsonl`` names a saved page (``file``) and what is known about it: the real
``title``, ``with`` snippets that must survive extraction and cleaning, ``without`` snippets of
boilerplate that must not, or the full expected ``text``. Figures:

- boilerplate: ``without`` snippets found in the summaries (pages, snippets) and in the text;
- ``with`` snippets kept in the headline or the cleaned text;
- body recall: the share of the expected text's word pairs (bigrams, as a multiset) found in the
  cleaned text, per page (median, minimum);
- titles equal to the real title, once a site-name suffix (" | Site", " - Site") is removed.

Snippets are compared case-folded with whitespace collapsed, quote marks made straight and
invisible format characters left out.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from digest.evaluation.split import subset
from digest.jsonlines import iter_jsonl
from digest.pipeline.articles import ArticleOptions, article_records
from digest.summaries.summarizer import ArticleSummarizer

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SUFFIX = re.compile(r"\s+[|–—:·•-]\s+[^|–—:·•-]{1,60}$")


def normalize(text: str) -> str:
    """Case-folded, spaces collapsed, quote marks straight and invisible format characters
    (U+2063 INVISIBLE SEPARATOR, soft hyphens, zero-width spaces) left out: they are not text a
    reader sees, and extraction may or may not keep them."""
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(visible.translate(_QUOTES).casefold().split())


def bigram_recall(expected: str, got: str) -> float:
    def pairs(text: str) -> Counter[tuple[str, str]]:
        words = _WORD.findall(text.casefold())
        return Counter(itertools.pairwise(words))

    want = pairs(expected)
    if not want:
        return 1.0
    have = pairs(got)
    return sum(min(n, have[p]) for p, n in want.items()) / sum(want.values())


def is_body(expected: str | None) -> bool:
    """Whether an expected ``text`` is an article body to score recall against: the newspaper
    corpus also holds notes about its own failures ("EXTRACTED NOTHING", all capitals) and a few
    pages whose expected text is a sign-up box or one caption (under 30 words)."""
    if not expected:
        return False
    return any(c.islower() for c in expected) and len(expected.split()) >= 30


def same_title(got: str | None, real: str) -> bool:
    """Equal once case, spacing and quote marks are normalized and a site suffix removed."""
    if not got:
        return False
    a, b = normalize(got), normalize(real)
    return a == b or normalize(_SUFFIX.sub("", got)) == b or a == normalize(_SUFFIX.sub("", real))


@dataclass
class PageScore:
    pages: int = 0
    failed: list[str] = field(default_factory=list)
    without_total: int = 0
    without_in_text: int = 0
    without_in_summary: int = 0
    pages_with_boilerplate_summary: list[str] = field(default_factory=list)
    with_total: int = 0
    with_kept: int = 0
    recalls: dict[str, float] = field(default_factory=dict)
    titles_total: int = 0
    titles_equal: int = 0
    title_misses: list[tuple[str, str, str]] = field(default_factory=list)
    with_misses: list[tuple[str, str]] = field(default_factory=list)
    without_hits: list[tuple[str, str]] = field(default_factory=list)

    def lines(self, details: bool = False) -> list[str]:
        def pct(part: int, whole: int) -> str:
            return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "n/a"

        recalls = sorted(self.recalls.values())
        out = [
            f"pages: {self.pages} ({len(self.failed)} gave no article)",
            f"boilerplate snippets in summaries: {pct(self.without_in_summary, self.without_total)}"
            f" on {len(self.pages_with_boilerplate_summary)} page(s)",
            "boilerplate snippets in cleaned text: "
            f"{pct(self.without_in_text, self.without_total)}"
            f" on {len({name for name, _ in self.without_hits})} page(s)",
            f"'with' snippets kept: {pct(self.with_kept, self.with_total)}",
            (
                f"body word-pair recall: median {statistics.median(recalls):.3f}, "
                f"minimum {recalls[0]:.3f}, pages below 0.85: {sum(r < 0.85 for r in recalls)}"
                f" (of {len(recalls)})"
                if recalls
                else "body word-pair recall: n/a"
            ),
            "(recall is scored on pages whose expected text is a body of 30+ words)",
            f"titles equal to the real title: {pct(self.titles_equal, self.titles_total)}",
        ]
        if details:
            out += [f"  no article: {name}" for name in self.failed]
            out += [f"  title: {f}: got {g!r}, real {r!r}" for f, g, r in self.title_misses]
            out += [f"  lost: {f}: {s!r}" for f, s in self.with_misses]
            out += [f"  boilerplate: {f}: {s!r}" for f, s in self.without_hits]
            low = sorted(self.recalls.items(), key=lambda kv: kv[1])[:10]
            out += [f"  recall {r:.3f}: {f}" for f, r in low if r < 0.97]
        return out


def load_pages(directory: Path, which: str = "all") -> list[dict[str, Any]]:
    """The ``pages.jsonl`` rows of ``directory``, or one half of them by a hash of the file
    name (``even``/``odd``, as :func:`digest.evaluation.split.subset`)."""
    rows = [
        {**row, "id": row["file"]} for row in iter_jsonl(directory / "pages.jsonl", {"file": str})
    ]
    return subset(rows, which)


def evaluate_pages(
    directory: Path, rows: Sequence[dict[str, Any]], options: ArticleOptions
) -> PageScore:
    summarizer = ArticleSummarizer(options.method, options.sentences, options.max_words)
    score = PageScore()
    for row in rows:
        score.pages += 1
        name = row["file"]
        records = article_records([str(directory / name)], options, summarizer=summarizer)
        ok = next((r for r in records if r["status"] == "ok"), None)
        if ok is None:
            score.failed.append(f"{name}: {records[0]['status'] if records else 'nothing'}")
        text = normalize(ok["text"]) if ok else ""
        summary = normalize(" ".join(ok["summary"])) if ok else ""
        without = [s for s in row.get("without") or [] if normalize(s)]
        score.without_total += len(without)
        in_summary = 0
        for snippet in without:
            if normalize(snippet) in text:
                score.without_in_text += 1
                score.without_hits.append((name, snippet))
            if normalize(snippet) in summary:
                in_summary += 1
        score.without_in_summary += in_summary
        if in_summary:
            score.pages_with_boilerplate_summary.append(name)
        shown = f"{normalize(ok['title'] or '')} {text}" if ok else ""
        for snippet in row.get("with") or []:
            score.with_total += 1
            if normalize(snippet) in shown:  # the headline is kept as the title
                score.with_kept += 1
            else:
                score.with_misses.append((name, snippet))
        if is_body(row.get("text")):
            score.recalls[name] = bigram_recall(row["text"], ok["text"] if ok else "")
        if row.get("title"):
            score.titles_total += 1
            got = ok["title"] if ok else ""
            if same_title(got, row["title"]):
                score.titles_equal += 1
            else:
                score.title_misses.append((name, got or "", row["title"]))
    return score
