"""The ``daily-digest`` flow: sources in, one "What you need to know" email out.

Reads top to bottom: load -> clean -> select -> summarize -> quotes -> compose -> render ->
deliver -> record. The per-article stages run as one task per batch of ``DIGEST_BATCH_SIZE``
articles (a Prefect task run costs milliseconds of orchestration, more than most articles take to
summarize), submitted to the task runner (threads or Dask) and cached by content; on the thread
runner each batch runs in a worker process (``flows.runtime.article_workers``), so every core
works; ``digest bench`` measures it. Only the IO tasks (loading, subscribers, delivering,
recording) retry; the pure transforms would fail the same way again.
"""

# No "from __future__ import annotations" here: Prefect builds the flow's parameter model from
# these annotations in the process that runs the deployment, where string annotations would not
# resolve.
from datetime import date as Date
from datetime import datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import State
from pydantic import Field

from digest.delivery.outbox import DeliveryReport
from digest.delivery.subscribers import Subscriber
from digest.errors import DeliveryError, DigestError, NothingToSendError
from digest.models import Article, Digest, LoadResult, Problem, Quote, RenderedDigest, Summary
from digest.newsletter.compose import compose_digest
from digest.newsletter.render import render_digest as render
from digest.pipeline import workers
from digest.pipeline.report import article_rows, markdown_preview
from digest.pipeline.select import Selection, Story, select_stories
from digest.pipeline.stages import (
    archive_delivered,
    brand_from,
    build_items,
    load_all,
    make_delivery,
    read_subscribers,
    reference_time,
    report_lines,
    sent_records,
)
from digest.pipeline.workers import batches
from digest.settings import Settings, load_settings
from digest.state import StateStore, run_lock
from flows.runtime import (
    CACHE_EXPIRATION,
    CLEAN_BATCH_FACTOR,
    CONTENT_CACHE,
    article_workers,
    batch_size,
    result_storage,
    worker_processes,
)

Method = Literal[
    "default",
    "digest",
    "lead",
    "lexrank",
    "lsa",
    "textrank",
    "luhn",
    "sumbasic",
    "kl",
    "edmundson",
    "reduction",
]


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def load_articles(settings: Settings) -> LoadResult:
    return load_all(settings)


@task(cache_policy=NO_CACHE)
def clean_articles(articles: list[Article], processes: int) -> tuple[list[Article], list[Problem]]:
    return article_workers(processes).submit(workers.clean_batch, articles).result()


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


@task(cache_policy=CONTENT_CACHE, cache_expiration=CACHE_EXPIRATION)
def summarize_batch(
    articles: list[Article], method: str, sentences: int, max_words: int, processes: int = 0
) -> tuple[dict[str, Summary], list[Problem]]:
    pool = article_workers(processes)
    return pool.submit(workers.summarize_batch, articles, method, sentences, max_words).result()


@task(cache_policy=CONTENT_CACHE, cache_expiration=CACHE_EXPIRATION)
def quote_batch(
    articles: list[Article], summaries: dict[str, Summary], max_quotes: int, processes: int = 0
) -> tuple[dict[str, tuple[Quote, ...]], list[Problem]]:
    pool = article_workers(processes)
    return pool.submit(workers.quote_batch, articles, summaries, max_quotes).result()


@task(cache_policy=NO_CACHE)
def compose(
    stories: list[Story],
    summaries: dict[str, Summary],
    quotes: dict[str, tuple[Quote, ...]],
    day: Date,
    problems: list[Problem],
    settings: Settings,
) -> Digest:
    items = build_items(stories, summaries, quotes)
    return compose_digest(items, day, settings.newsletter_name, settings.max_items, problems)


@task(cache_policy=NO_CACHE)
def render_digest(digest: Digest, settings: Settings) -> RenderedDigest:
    return render(digest, brand_from(settings, digest.date), settings.templates_dir)


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def load_subscribers(settings: Settings) -> tuple[list[Subscriber], list[Problem]]:
    return read_subscribers(settings)


def not_on_purpose(task: object, task_run: object, state: State[object]) -> bool:
    """Retry unexpected IO failures, not a DigestError: it says what to fix (a login refused,
    a server down for several attempts in a row), and the ledger lets the next run resume."""
    return not isinstance(state.data, DigestError)


@task(
    retries=2,
    retry_delay_seconds=[2, 10],
    retry_condition_fn=not_on_purpose,
    cache_policy=NO_CACHE,
)
def deliver_digest(
    rendered: RenderedDigest, subscribers: list[Subscriber], settings: Settings, force: bool
) -> DeliveryReport:
    # Retrying is safe: the SMTP ledger skips whoever already got it, the outbox rewrites files.
    return make_delivery(settings, subscribers, force).deliver(rendered)


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def archive_digest(rendered: RenderedDigest, report: DeliveryReport, settings: Settings) -> None:
    archive_delivered(rendered, report, settings)


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def record_sent(digest: Digest, settings: Settings) -> int:
    return StateStore(settings.state_dir).record_sent(sent_records(digest))


@task(cache_policy=NO_CACHE)
def publish_artifacts(articles: list[Article], digest: Digest) -> None:
    create_markdown_artifact(
        key="daily-digest-preview",
        markdown=markdown_preview(digest),
        description=f"The digest of {digest.date}",
    )
    create_table_artifact(
        key="daily-digest-articles",
        table=article_rows(articles, digest, digest.problems),
        description="Every article of the run: in the digest, grouped, or skipped and why",
    )


@flow(name="daily-digest")
def daily_digest(
    sources: list[str] | None = None,
    date: Date | None = None,
    outbox: str | None = None,
    delivery: Literal["outbox", "smtp"] | None = None,
    max_items: Annotated[int, Field(ge=1, le=200)] | None = None,
    summarizer: Method | None = None,
    dry_run: bool = False,
    force: bool = False,
) -> DeliveryReport:
    """Build the day's digest from ``sources`` and deliver it; every parameter left out comes
    from the settings (``DIGEST_*``). ``dry_run`` builds, renders and reports but delivers
    nothing; ``force`` lets already-sent articles and an already-delivered date through.

    One run at a time per state directory (``run.lock``; a second waits up to
    ``DIGEST_RUN_LOCK_WAIT`` seconds, then fails with one line). The run fails (non-zero exit,
    a Failed flow run) when any recipient failed or may not have got it, with the counts."""
    settings = load_settings(
        sources=sources,
        outbox=outbox,
        delivery=delivery,
        max_items=max_items,
        summarizer=summarizer,
    )
    day = date or datetime.now(ZoneInfo(settings.timezone)).date()
    with run_lock(settings.state_dir, settings.run_lock_wait):
        report = build_and_deliver(settings, day, dry_run, force)
    if report.failed or report.uncertain:
        first, why = (report.failed or report.uncertain)[0]
        raise DeliveryError(
            f"{len(report.failed)} recipient(s) failed and {len(report.uncertain)} maybe "
            f"delivered ({len(report.delivered)} delivered, {len(report.skipped)} skipped; "
            f"first: {first}: {why}); the next run retries the failed ones, "
            "`digest ledger list` shows the rest"
        )
    return report


def build_and_deliver(settings: Settings, day: Date, dry_run: bool, force: bool) -> DeliveryReport:
    """The flow's body, run while the state directory's lock is held."""
    logger = get_run_logger()
    storage = result_storage(settings)

    processes = worker_processes(settings)
    loaded = load_articles(settings)
    articles: list[Article] = []
    clean_problems: list[Problem] = []
    clean_futures = [
        clean_articles.submit(group, processes)
        for group in batches(
            loaded.articles,
            batch_size(settings, len(loaded.articles), CLEAN_BATCH_FACTOR),
        )
    ]
    for clean_future in clean_futures:
        cleaned, failed_clean = clean_future.result()
        articles.extend(cleaned)
        clean_problems.extend(failed_clean)
    selection = select_articles(articles, read_sent_keys(settings, day, force), day, settings)
    leads = [story.lead for story in selection.stories]
    groups = batches(leads, batch_size(settings, len(leads)))
    summarize = summarize_batch.with_options(result_storage=storage)
    summary_futures = [
        summarize.submit(
            group,
            settings.summarizer,
            settings.summary_sentences,
            settings.summary_max_words,
            processes,
        )
        for group in groups
    ]
    summaries: dict[str, Summary] = {}
    problems = [*loaded.problems, *clean_problems, *selection.skipped]
    for future in summary_futures:
        found, failed = future.result()
        summaries.update(found)
        problems.extend(failed)
    quote_futures = [
        quote_batch.with_options(result_storage=storage).submit(
            group,
            {a.id: summaries[a.id] for a in group if a.id in summaries},
            settings.max_quotes,
            processes,
        )
        for group in groups
    ]
    quotes: dict[str, tuple[Quote, ...]] = {}
    for quote_future in quote_futures:
        found_quotes, quote_problems = quote_future.result()
        quotes.update(found_quotes)
        problems.extend(quote_problems)

    digest = compose(selection.stories, summaries, quotes, day, problems, settings)
    # One record for the whole report: hundreds of records (one per grouped or skipped
    # article) each cost Prefect's log handler and an entry in its API's log batch.
    logger.info("\n".join(report_lines(loaded, digest.problems, digest)))
    publish_artifacts(loaded.articles, digest)
    if not digest.items:
        raise NothingToSendError(
            f"no article could be used from {', '.join(settings.sources)} "
            f"({len(digest.problems)} skipped, see the report above); nothing was delivered"
        )
    rendered = render_digest(digest, settings)
    subscribers, subscriber_problems = load_subscribers(settings)
    for problem in subscriber_problems:
        logger.warning("skipped %s", problem)
    if dry_run:
        logger.info(
            "dry run: %d item(s) rendered; would deliver by %s to %d recipient(s)",
            len(digest.items),
            settings.delivery,
            max(len(subscribers), 1),
        )
        return DeliveryReport(digest.id, skipped=[("*", "dry run: nothing delivered")])
    report = deliver_digest(rendered, subscribers, settings, force)
    for line in report.lines():
        logger.info(line)
    archive_digest(rendered, report, settings)
    if report.delivered or report.uncertain:
        record_sent(digest, settings)
    return report
