"""What the pipeline makes of each input, article by article (``digest articles``).

Sources are read as in a run (same loaders, cleaning, summarizer and key quotes), but no time
window, sent record, de-duplication or item cap applies: every article that was read gets a
record, and every input that gave no article gets one with the reason as its ``status``.
``digest eval pages`` scores these records, so the evaluation sees what a run would show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from digest.models import Article, LoadResult
from digest.quotes.extract import extract_quotes
from digest.quotes.keyquotes import select_key_quotes
from digest.sources.fetch import Fetcher
from digest.sources.guard import DEFAULT_MAX_ARTICLE_CHARS, DEFAULT_MAX_ENTRIES
from digest.sources.ingest import load_sources, sources_from_strings
from digest.summaries.summarizer import ArticleSummarizer
from digest.text.clean import clean_article
from digest.text.errorpages import why_not_an_article


@dataclass(frozen=True)
class ArticleOptions:
    """The settings the records depend on (from :class:`digest.settings.Settings`)."""

    method: str = "default"
    sentences: int = 3
    max_words: int = 100
    max_quotes: int = 3
    teaser_words: int = 120
    max_feed_entries: int = DEFAULT_MAX_ENTRIES
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS
    timezone: str = "UTC"


def published_text(article: Article) -> str | None:
    """The publication time as ISO 8601, or only the date ("2019-09-24") when the source gave
    no time: the end of that day, which the pipeline keeps for the time window, is no time the
    page stated."""
    if article.published is None:
        return None
    return (
        article.published.date().isoformat()
        if article.published_date_only
        else (article.published.isoformat())
    )


def article_record(
    article: Article, summarizer: ArticleSummarizer, max_quotes: int
) -> dict[str, Any]:
    """One record: the cleaned article, its summary and key quotes, and ``status``."""
    record: dict[str, Any] = {
        "source": article.source,
        "title": article.title,
        "url": article.url,
        "published": published_text(article),
        "author": article.author,
        "text": "",
        "summary": [],
        "quotes": [],
        "status": "ok",
    }
    cleaned, _ = clean_article(article)
    record.update(title=cleaned.title, author=cleaned.author, text=cleaned.text)
    reason = why_not_an_article(cleaned)
    if reason:
        record["status"] = f"clean: {reason}"
        return record
    summary = summarizer.summarize(cleaned)
    quotes = select_key_quotes(
        extract_quotes(cleaned.text), summary.text, limit=max_quotes, article_text=cleaned.text
    )
    record["summary"] = list(summary.sentences)
    record["quotes"] = [{"quote": q.text, "speaker": q.speaker, "role": q.role} for q in quotes]
    return record


def records_from(
    loaded: LoadResult, summarizer: ArticleSummarizer, max_quotes: int
) -> list[dict[str, Any]]:
    records = [article_record(a, summarizer, max_quotes) for a in loaded.articles]
    for problem in loaded.problems:
        records.append(
            {
                "source": problem.source,
                "title": None,
                "url": None,
                "published": None,
                "author": None,
                "text": "",
                "summary": [],
                "quotes": [],
                "status": f"{problem.stage}: {problem.reason}",
            }
        )
    return records


def article_records(
    specs: Sequence[str],
    options: ArticleOptions,
    fetcher: Fetcher | None = None,
    summarizer: ArticleSummarizer | None = None,
) -> list[dict[str, Any]]:
    """Records for every article (and every failed input) of the given sources."""
    summarizer = summarizer or ArticleSummarizer(
        options.method, options.sentences, options.max_words
    )
    sources = sources_from_strings(specs, fetcher, options.teaser_words, options.max_feed_entries)
    loaded = load_sources(sources, options.max_article_chars, options.timezone)
    return records_from(loaded, summarizer, options.max_quotes)
