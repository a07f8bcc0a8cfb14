"""Builders of real records for tests (no mocks): articles, items and digests."""

from __future__ import annotations

from datetime import date

from digest.models import Article, Digest, DigestItem, Quote, Summary
from digest.newsletter.compose import compose_digest


def make_item(
    n: int = 1,
    title: str | None = None,
    summary: str | None = None,
    quote: str | None = None,
    url: str | None = "https://news.example/story",
) -> DigestItem:
    article = Article(
        id=f"art{n:04d}",
        title=title or f"Story number {n} makes the news",
        text="Body.",
        source=f"story{n}.txt",
        url=url,
        source_name="Example News",
    )
    summary_obj = Summary(
        article.id, (summary or f"Summary sentence for story {n} is here.",), "lead"
    )
    quotes = (
        Quote(
            quote or f"This is what person {n} said about the story today.",
            f"Person Number{n}",
            role="spokesperson",
        ),
    )
    return DigestItem(article, summary_obj, quotes)


def make_digest(items: int = 3, **item_kwargs: str) -> Digest:
    made = [make_item(i + 1, **item_kwargs) for i in range(items)]  # type: ignore[arg-type]
    return compose_digest(made, date(2026, 11, 29), "The Test Digest", max_items=50)
