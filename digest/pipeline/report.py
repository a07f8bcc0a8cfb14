"""What a run reports: the per-article table and a Markdown preview of the digest (for the
Prefect UI's artifacts and the console). Pure functions over the run's records."""

from __future__ import annotations

from collections.abc import Sequence

from digest.models import Article, Digest, Problem


def article_rows(
    articles: Sequence[Article], digest: Digest, problems: Sequence[Problem]
) -> list[dict[str, object]]:
    """One row per article that was ingested or skipped: source, status, summary length,
    quotes found, and why it was skipped."""
    in_digest = {item.article.id: item for item in digest.items}
    related = {a.id: item for item in digest.items for a in item.related}
    rows: list[dict[str, object]] = []
    seen_sources: set[str] = set()
    for article in articles:
        item = in_digest.get(article.id)
        if item is not None:
            status, reason = "in digest", ""
            words = len(item.summary.text.split())
            quotes: object = len(item.quotes)
        elif article.id in related:
            status, reason = "grouped", f"covered under: {related[article.id].article.title}"
            words, quotes = 0, ""
        else:
            skipped = next((p for p in problems if p.source == article.source and not p.kept), None)
            status = "skipped"
            reason = f"{skipped.stage}: {skipped.reason}" if skipped else "not selected"
            words, quotes = 0, ""
        seen_sources.add(article.source)
        rows.append(
            {
                "source": article.source,
                "title": article.title,
                "status": status,
                "summary_words": words,
                "quotes": quotes,
                "reason": reason,
            }
        )
    for problem in problems:
        if problem.source not in seen_sources and not problem.kept:
            seen_sources.add(problem.source)
            rows.append(
                {
                    "source": problem.source,
                    "title": "",
                    "status": "skipped",
                    "summary_words": 0,
                    "quotes": "",
                    "reason": f"{problem.stage}: {problem.reason}",
                }
            )
    return rows


def markdown_preview(digest: Digest) -> str:
    lines = [f"# {digest.title}", "", "## What you need to know", ""]
    lines += [f"{n}. {item.article.title}" for n, item in enumerate(digest.items, 1)]
    for item in digest.items:
        lines += ["", f"### {_md(item.article.title)}", "", _md(item.summary.text), ""]
        for quote in item.quotes:
            who = (quote.speaker or "unknown") + (f", {quote.role}" if quote.role else "")
            lines.append(f"> “{_md(quote.text)}” — {_md(who or '')}")
        if item.article.url:
            lines += ["", f"[Read more]({item.article.url})"]
    if digest.problems:
        lines += ["", f"_{len(digest.problems)} article(s) skipped; see the articles table._"]
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")
