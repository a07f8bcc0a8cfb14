"""Batch helpers that run one stage over many articles, isolating failures per article.

These are what the Prefect tasks in ``flows/`` call. A failure in one article becomes a
:class:`Problem` (logged with its traceback at debug level) and the article is skipped; the
others go on, and the digest still goes out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from digest.clean import clean_article
from digest.deliver import OutboxDelivery
from digest.errors import ArticleError
from digest.keyquotes import select_key_quotes
from digest.message import parse_address
from digest.models import Article, DigestItem, Problem, Quote, Summary
from digest.quotes import extract_quotes
from digest.render import Brand
from digest.settings import Settings
from digest.summarize import ArticleSummarizer

log = logging.getLogger("digest")
T = TypeVar("T")


def each_article(
    articles: Iterable[Article], stage: str, work: Callable[[Article], T]
) -> tuple[dict[str, T], list[Problem]]:
    """Apply ``work`` to every article; collect results by article id and problems."""
    results: dict[str, T] = {}
    problems: list[Problem] = []
    for article in articles:
        try:
            results[article.id] = work(article)
        except ArticleError as exc:
            problems.append(Problem(article.source, stage, exc.reason))
        except Exception as exc:  # one broken article must not abort the digest
            log.debug("%s failed on %s", stage, article.source, exc_info=True)
            problems.append(Problem(article.source, stage, f"{type(exc).__name__}: {exc}"))
    return results, problems


def clean_all(articles: Sequence[Article]) -> tuple[list[Article], list[Problem]]:
    def work(article: Article) -> Article:
        cleaned, _ = clean_article(article)
        if not cleaned.paragraphs:
            raise ArticleError(article.id, "clean", "no article text left after cleaning")
        return cleaned

    results, problems = each_article(articles, "clean", work)
    return [results[a.id] for a in articles if a.id in results], problems


def summarize_all(
    articles: Sequence[Article], summarizer: ArticleSummarizer
) -> tuple[dict[str, Summary], list[Problem]]:
    return each_article(articles, "summarize", summarizer.summarize)


def quote_all(
    articles: Sequence[Article], summaries: dict[str, Summary], limit: int
) -> tuple[dict[str, tuple[Quote, ...]], list[Problem]]:
    def work(article: Article) -> tuple[Quote, ...]:
        summary = summaries.get(article.id)
        return select_key_quotes(
            extract_quotes(article.text),
            summary.text if summary else "",
            limit=limit,
            article_text=article.text,
        )

    return each_article(articles, "quotes", work)


def build_items(
    articles: Sequence[Article],
    summaries: dict[str, Summary],
    quotes: dict[str, tuple[Quote, ...]],
) -> list[DigestItem]:
    """Items for articles that have a summary; a failed quote step only drops the quotes."""
    return [
        DigestItem(article, summaries[article.id], quotes.get(article.id, ()))
        for article in articles
        if article.id in summaries
    ]


def brand_from(settings: Settings) -> Brand:
    return Brand(
        name=settings.newsletter_name,
        tagline=settings.tagline,
        web_url=settings.web_url,
        unsubscribe_url=settings.unsubscribe_url,
        preferences_url=settings.preferences_url,
        postal_address=settings.postal_address,
    )


def outbox_delivery(settings: Settings) -> OutboxDelivery:
    return OutboxDelivery(
        outbox=settings.outbox,
        sender=parse_address(settings.from_address, "DIGEST_FROM"),
        recipient=parse_address(settings.to_address, "DIGEST_TO"),
    )
