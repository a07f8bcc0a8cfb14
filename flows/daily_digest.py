"""The ``daily-digest`` flow: sources in, one "What you need to know" email out.

Tasks work on whole batches (one task run per stage, not per article): each Prefect task run
costs milliseconds of orchestration, far more than most stages spend on one article. Only the
IO tasks (loading sources, reading and writing state, delivering) retry; the pure transforms
would fail the same way again.
"""

from __future__ import annotations

from datetime import date as Date
from datetime import datetime
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from digest.compose import compose_digest
from digest.deliver import DeliveryReport
from digest.errors import DeliveryError, NothingToSendError
from digest.models import (
    Article,
    Digest,
    DigestItem,
    LoadResult,
    Problem,
    Quote,
    RenderedDigest,
    Summary,
)
from digest.pipeline import (
    brand_from,
    build_items,
    clean_all,
    load_all,
    make_delivery,
    quote_all,
    read_subscribers,
    reference_time,
    report_lines,
    sent_records,
    summarize_all,
)
from digest.render import render_digest as render
from digest.select import Selection, Story, select_stories
from digest.settings import Settings, load_settings
from digest.state import StateStore
from digest.subscribers import Subscriber
from digest.summarize import ArticleSummarizer


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def load_articles(settings: Settings) -> LoadResult:
    return load_all(settings)


@task(cache_policy=NO_CACHE)
def clean_articles(articles: list[Article]) -> tuple[list[Article], list[Problem]]:
    return clean_all(articles)


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def read_sent_keys(settings: Settings, day: Date, force: bool) -> set[str]:
    return set() if force else StateStore(settings.state_dir).sent_keys(except_date=day)


@task(cache_policy=NO_CACHE)
def select_articles(
    articles: list[Article], sent: set[str], day: Date, settings: Settings
) -> Selection:
    return select_stories(
        articles,
        now=reference_time(day, settings.timezone),
        window_hours=settings.window_hours,
        sent_keys=sent,
        max_items=settings.max_items,
        max_per_source=settings.max_per_source,
    )


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
    stories: list[Story],
    summaries: dict[str, Summary],
    quotes: dict[str, tuple[Quote, ...]],
    day: Date,
    problems: list[Problem],
    settings: Settings,
) -> Digest:
    items: list[DigestItem] = build_items(stories, summaries, quotes)
    return compose_digest(items, day, settings.newsletter_name, settings.max_items, problems)


@task(cache_policy=NO_CACHE)
def render_digest(digest: Digest, settings: Settings) -> RenderedDigest:
    return render(digest, brand_from(settings), settings.templates_dir)


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def load_subscribers(settings: Settings) -> tuple[list[Subscriber], list[Problem]]:
    return read_subscribers(settings)


@task(retries=2, retry_delay_seconds=[2, 10], cache_policy=NO_CACHE)
def deliver_digest(
    rendered: RenderedDigest, subscribers: list[Subscriber], settings: Settings, force: bool
) -> DeliveryReport:
    # Retrying is safe: the SMTP ledger skips whoever already got it, the outbox rewrites files.
    return make_delivery(settings, subscribers, force).deliver(rendered)


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def record_sent(digest: Digest, settings: Settings) -> int:
    return StateStore(settings.state_dir).record_sent(sent_records(digest))


@flow(name="daily-digest")
def daily_digest(
    sources: list[str] | None = None,
    outbox: str | None = None,
    date: Date | None = None,
    force: bool = False,
) -> DeliveryReport:
    """Build the day's digest from ``sources`` and deliver it (defaults come from settings)."""
    logger = get_run_logger()
    settings = load_settings(sources=sources, outbox=outbox)
    day = date or datetime.now(ZoneInfo(settings.timezone)).date()

    loaded = load_articles(settings)
    articles, clean_problems = clean_articles(loaded.articles)
    selection = select_articles(articles, read_sent_keys(settings, day, force), day, settings)
    leads = [story.lead for story in selection.stories]
    summaries, summary_problems = summarize_articles(leads, settings)
    quotes, quote_problems = extract_key_quotes(leads, summaries, settings)
    problems = [
        *loaded.problems,
        *clean_problems,
        *selection.skipped,
        *summary_problems,
        *quote_problems,
    ]
    digest = compose(selection.stories, summaries, quotes, day, problems, settings)
    for line in report_lines(loaded, digest.problems, digest):
        logger.info(line)
    if not digest.items:
        raise NothingToSendError(
            f"no article could be used from {', '.join(settings.sources)} "
            f"({len(digest.problems)} skipped, see the report above); nothing was delivered"
        )
    subscribers, subscriber_problems = load_subscribers(settings)
    for problem in subscriber_problems:
        logger.warning("skipped %s", problem)
    report = deliver_digest(render_digest(digest, settings), subscribers, settings, force)
    for line in report.lines():
        logger.info(line)
    if report.delivered:
        record_sent(digest, settings)
    elif report.failed:
        raise DeliveryError(
            f"the digest reached nobody: {len(report.failed)} recipient(s) failed "
            f"(first: {report.failed[0][0]}: {report.failed[0][1]})"
        )
    return report
