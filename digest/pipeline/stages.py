"""What the Prefect tasks in ``flows/`` call: the stages over many articles, and the settings
turned into the objects the stages need (fetcher, brand, delivery).

A failure in one article becomes a :class:`Problem` (logged with its traceback at debug level)
and the article is skipped; the others go on, and the digest still goes out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time
from typing import TypeVar
from zoneinfo import ZoneInfo

from digest.delivery.archive import Archive, archive_url
from digest.delivery.outbox import DeliveryReport, Envelope, NoActiveSubscribers, OutboxDelivery
from digest.delivery.smtp import SmtpConfig, SmtpDelivery
from digest.delivery.store import SubscriberStore
from digest.delivery.subscribers import Subscriber, load_subscribers
from digest.delivery.tokens import Links, signer_for
from digest.errors import ArticleError
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
from digest.newsletter.message import parse_address
from digest.newsletter.render import Brand
from digest.newsletter.signing import load_signer
from digest.pipeline.select import Story, article_key
from digest.quotes.extract import extract_quotes
from digest.quotes.keyquotes import select_key_quotes
from digest.settings import Settings
from digest.sources.fetch import Fetcher
from digest.sources.ingest import load_sources, sources_from_strings
from digest.state import SentRecord, StateStore
from digest.summaries.summarizer import ArticleSummarizer
from digest.text.clean import clean_article
from digest.text.errorpages import why_not_an_article

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
        reason = why_not_an_article(cleaned)
        if reason:
            raise ArticleError(article.id, "clean", reason)
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
    stories: Sequence[Story],
    summaries: dict[str, Summary],
    quotes: dict[str, tuple[Quote, ...]],
) -> list[DigestItem]:
    """Items for stories that have a summary; a failed quote step only drops the quotes."""
    return [
        DigestItem(s.lead, summaries[s.lead.id], quotes.get(s.lead.id, ()), s.related)
        for s in stories
        if s.lead.id in summaries
    ]


def sent_records(digest: Digest) -> list[SentRecord]:
    """One record per article in the digest, the related coverage included."""
    return [
        SentRecord(article_key(article), digest.date, digest.id, article.title, article.url)
        for item in digest.items
        for article in (item.article, *item.related)
    ]


def reference_time(day: date, timezone: str) -> datetime:
    """The moment the time window counts back from: now for today, else the end of ``day``."""
    zone = ZoneInfo(timezone)
    now = datetime.now(zone)
    if day >= now.date():
        return now
    return datetime.combine(day, time.max, tzinfo=zone)


def make_fetcher(settings: Settings, store: StateStore | None) -> Fetcher:
    return Fetcher(
        store=store,
        timeout=settings.http_timeout,
        max_bytes=settings.http_max_bytes,
        user_agent=settings.user_agent,
        allow_hosts=settings.http_allow_hosts,
        deadline=settings.http_deadline,
    )


def load_all(settings: Settings) -> LoadResult:
    store = StateStore(settings.state_dir)
    with make_fetcher(settings, store) as fetcher:
        sources = sources_from_strings(
            settings.sources, fetcher, settings.teaser_words, settings.max_feed_entries
        )
        return load_sources(sources, settings.max_article_chars, settings.timezone)


def report_lines(loaded: LoadResult, problems: Sequence[Problem], digest: Digest) -> list[str]:
    """The end-of-run report: what was ingested, what went in (led or grouped under another
    story), what was skipped and why; a note (a teaser kept when its page failed) is no skip."""
    grouped = [(a, item) for item in digest.items for a in item.related]
    skipped = [p for p in problems if not p.kept]
    notes = [p for p in problems if p.kept]
    lines = [
        f"ingested {len(loaded.articles)} article(s); {len(digest.items)} in the digest"
        + (f" (+{len(grouped)} grouped)" if grouped else "")
        + f"; {len(skipped)} skipped"
    ]
    lines.extend(f"  grouped {a.source}: under {item.article.title}" for a, item in grouped)
    lines.extend(f"  skipped {problem}" for problem in skipped)
    lines.extend(f"  note {problem}" for problem in notes)
    return lines


def brand_from(settings: Settings, day: date | None = None) -> Brand:
    """With the digest's ``day``, "View in browser" is its archived copy in the web app."""
    return Brand(
        name=settings.newsletter_name,
        tagline=settings.tagline,
        web_url=archive_url(settings.public_url, day) if day else settings.web_url,
        unsubscribe_url=settings.unsubscribe_url,
        preferences_url=settings.preferences_url,
        postal_address=settings.postal_address,
        brand_color=settings.brand_color,
        accent_color=settings.accent_color,
        logo_url=settings.logo_url,
        show_images=settings.show_images,
        sections=settings.sections,
        timezone=settings.timezone,
        html_budget_bytes=settings.html_budget_bytes,
    )


def envelope_from(settings: Settings) -> Envelope:
    sender = parse_address(settings.from_address, "DIGEST_FROM")
    mailto = settings.unsubscribe_mailto or f"unsubscribe@{sender.domain}"
    links = Links(settings.public_url, signer_for(settings.secret_key, settings.state_dir))
    dkim = load_signer(
        settings.dkim_key_file, settings.dkim_selector, settings.dkim_domain or sender.domain
    )
    return Envelope(
        sender, settings.newsletter_name, settings.unsubscribe_url, mailto, links, dkim=dkim
    )


def read_subscribers(settings: Settings) -> tuple[list[Subscriber], list[Problem]]:
    """The store's active subscribers, after importing ``DIGEST_SUBSCRIBERS`` when set (an
    import never brings back an unsubscribed address)."""
    store = SubscriberStore(settings.state_dir)
    problems: list[Problem] = []
    if settings.subscribers is not None:
        people, problems = load_subscribers(settings.subscribers)
        store.import_subscribers(people, f"csv:{settings.subscribers.name}")
    return store.active(), problems


def make_delivery(
    settings: Settings, subscribers: list[Subscriber], force: bool = False
) -> OutboxDelivery | SmtpDelivery | NoActiveSubscribers:
    envelope = envelope_from(settings)
    default = parse_address(settings.to_address, "DIGEST_TO")
    if not subscribers and SubscriberStore(settings.state_dir).count():
        return NoActiveSubscribers()
    if settings.delivery == "smtp":
        config = SmtpConfig(
            host=settings.smtp_host,
            port=settings.smtp_port_or_default,
            security=settings.smtp_security,
            username=settings.smtp_username,
            password=settings.smtp_password,
            ca_file=settings.smtp_ca_file,
            timeout=settings.smtp_timeout,
            retries=settings.smtp_retries,
            backoff=settings.smtp_backoff,
            rate=settings.smtp_rate,
            max_connect_failures=settings.smtp_max_connect_failures,
        )
        store = StateStore(settings.state_dir)
        return SmtpDelivery(config, envelope, store, default, subscribers, force=force)
    return OutboxDelivery(settings.outbox, envelope, default, subscribers, force)


def archive_delivered(rendered: RenderedDigest, report: DeliveryReport, settings: Settings) -> None:
    """After a delivery: keep the archived copy of a digest that reached someone, and mark the
    addresses the mail server refused for good (5xx) as bounced."""
    if report.delivered:
        Archive(settings.state_dir).add(rendered, settings.public_url)
    store = SubscriberStore(settings.state_dir)
    for email, reason in report.failed:
        if reason[:1] == "5":
            store.set_status(email, "bounced")
