"""The ``daily-digest`` flow: sources in, one "What you need to know" email out.

Tasks work on whole batches (one task run per stage, not per article): each Prefect task run
costs milliseconds of orchestration, far more than most stages spend on one article. Only the
IO tasks (loading sources, delivering) retry; the pure transforms would fail the same way again.
"""

from __future__ import annotations

from datetime import date as Date
from datetime import datetime
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from digest.compose import compose_digest
from digest.deliver import DeliveryReport
from digest.errors import NothingToSendError
from digest.ingest import LoadResult, load_sources, sources_from_strings
from digest.models import Article, Digest, DigestItem, Problem, Quote, RenderedDigest, Summary
from digest.pipeline import (
    brand_from,
    build_items,
    clean_all,
    outbox_delivery,
    quote_all,
    summarize_all,
)
from digest.render import render_digest as render
from digest.settings import Settings, load_settings
from digest.summarize import ArticleSummarizer


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def load_articles(sources: list[str]) -> LoadResult:
    return load_sources(sources_from_strings(sources))


@task(cache_policy=NO_CACHE)
def clean_articles(articles: list[Article]) -> tuple[list[Article], list[Problem]]:
    return clean_all(articles)


@task(cache_policy=NO_CACHE)
def summarize_articles(
    articles: list[Article], settings: Settings
) -> tuple[dict[str, Summary], list[Problem]]:
    summarizer = ArticleSummarizer(
        settings.summarizer, settings.summary_sentences, settings.summary_max_words
    )
    return summarize_all(articles, summarizer)


@task(cache_policy=NO_CACHE)
def extract_key_quotes(
    articles: list[Article], summaries: dict[str, Summary], settings: Settings
) -> tuple[dict[str, tuple[Quote, ...]], list[Problem]]:
    return quote_all(articles, summaries, settings.max_quotes)


@task(cache_policy=NO_CACHE)
def compose(
    items: list[DigestItem], day: Date, problems: list[Problem], settings: Settings
) -> Digest:
    return compose_digest(items, day, settings.newsletter_name, settings.max_items, problems)


@task(cache_policy=NO_CACHE)
def render_digest(digest: Digest, settings: Settings) -> RenderedDigest:
    return render(digest, brand_from(settings), settings.templates_dir)


@task(retries=2, retry_delay_seconds=[2, 10], cache_policy=NO_CACHE)
def deliver_digest(rendered: RenderedDigest, settings: Settings) -> DeliveryReport:
    return outbox_delivery(settings).deliver(rendered)


@flow(name="daily-digest", log_prints=True)
def daily_digest(
    sources: list[str] | None = None,
    outbox: str | None = None,
    date: Date | None = None,
) -> DeliveryReport:
    """Build today's digest from ``sources`` and deliver it (defaults come from settings)."""
    logger = get_run_logger()
    settings = load_settings(sources=sources, outbox=outbox)
    day = date or datetime.now(ZoneInfo(settings.timezone)).date()

    loaded = load_articles(settings.sources)
    articles, clean_problems = clean_articles(loaded.articles)
    summaries, summary_problems = summarize_articles(articles, settings)
    quotes, quote_problems = extract_key_quotes(articles, summaries, settings)
    problems = [*loaded.problems, *clean_problems, *summary_problems, *quote_problems]
    for problem in problems:
        logger.warning("skipped %s", problem)

    items = build_items(articles, summaries, quotes)
    digest = compose(items, day, problems, settings)
    if not digest.items:
        raise NothingToSendError(
            f"no article could be used from {', '.join(settings.sources)} "
            f"({len(problems)} problem(s), see the warnings above); nothing was delivered"
        )
    report = deliver_digest(render_digest(digest, settings), settings)
    logger.info(
        "%s: %d article(s) in, %d item(s) in the digest, %d skipped; %s",
        day,
        len(loaded.articles) + len(loaded.problems),
        len(digest.items),
        len(problems),
        report,
    )
    return report
