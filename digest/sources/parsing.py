"""Turn fetched documents into articles: web pages (trafilatura) and RSS/Atom feeds (feedparser).

Pure functions over bytes; fetching is :mod:`digest.sources.fetch`'s job and the sources in
:mod:`digest.sources.ingest` combine the two.
"""

from __future__ import annotations

import calendar
import logging
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import lxml.html
import trafilatura

from digest.errors import SourceError
from digest.models import Article, stable_id
from digest.sources.blocks import drop_furniture, furniture_texts, page_root
from digest.sources.bylines import clean_byline
from digest.sources.gaps import fill_gaps
from digest.sources.linebreaks import join_lines, wrapped_lines
from digest.sources.sitenames import compact, copyright_holder, display_name, publisher_free
from digest.sources.stated import only_a_year, time_of_day
from digest.sources.titles import (
    choose_title,
    ld_publishers,
    logo_headings,
    meta_titles,
    page_headings,
    site_names,
)
from digest.sources.zones import zone_in_page

_BLOCKS = ("p", "li", "blockquote", "h2", "h3", "h4", "pre")
BASELINE_WORDS = 300  # below this, the main text is compared with the baseline extraction
_HAS_TIME = re.compile(r"\d:\d")
_DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True}

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True)
class PageArticle:
    article: Article
    canonical_url: str | None
    image_url: str | None


def article_from_html(html: bytes | str, url: str | None, source: str) -> PageArticle:
    """Main text and metadata of a web page: title, byline, time, canonical URL, lead image."""
    if not html.strip():
        raise SourceError(source, "the page is empty")
    with warnings.catch_warnings():
        # htmldate hands dates such as "2014-12-29 07:21:15 EST" to dateutil, which warns on
        # stderr for each zone abbreviation it does not know (the date is still read)
        warnings.filterwarnings("ignore", message=r"tzname \S+ identified", module="dateutil")
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            date_extraction_params=_DATE_PARAMS,
        )
    if not isinstance(document, trafilatura.settings.Document) or not (document.text or "").strip():
        raise SourceError(source, "no article text found on the page")
    root = page_root(html)
    title = page_title(root, document, url)
    lines = [line.strip() for line in body_text(html, document.text or "").split("\n")]
    lines = [line for line in lines if line]
    if root is not None:
        lines = fill_gaps(lines, root, title)
        kept = drop_furniture(lines, furniture_texts(root))
        lines = kept if kept else lines
    if lines and title and _one_line(lines[0]) == title:
        lines.pop(0)  # the headline repeated as the first line of the text
    if not title and lines:
        title = _one_line(lines.pop(0))
    if not lines:
        raise SourceError(source, "no article text found on the page")
    canonical = document.url or url
    hosts = [canonical, url]
    publishers = [
        site_name(document),
        copyright_holder(_meta(root, "copyright")),
        copyright_holder(_meta(root, "publisher")),
        *(ld_publishers(root) if root is not None else []),
    ]
    published, date_only = parse_published(document.date)
    if published is not None and date_only and only_a_year(root, html, published.date()):
        published, date_only = None, False  # a year alone: no date is better than "Jan. 1"
    stated = time_of_day(root, published.date()) if published is not None and date_only else None
    if stated is not None:
        published, date_only = stated, False  # the page states the time of that day
    elif published is not None and not date_only and _without_offset(document.date):
        zone = zone_in_page(html, published)  # "07:21:15 EST": htmldate drops the zone
        published = published.replace(tzinfo=zone) if zone else published
    article = Article(
        id=stable_id(canonical or source, title),
        title=title,
        text=join_lines(lines, wrapped_lines(document.body)),
        source=source,
        url=canonical,
        author=publisher_free(clean_byline(document.author), [*publishers, *hosts]),
        published=published,
        published_date_only=date_only,
        source_name=display_name(site_name(document, [title]), hosts),
        image_url=document.image or None,
    )
    return PageArticle(article, canonical, document.image or None)


def body_text(html: bytes | str, extracted: str) -> str:
    """trafilatura's main text, or its baseline extraction (every paragraph-like block of the
    page) when the main text holds under a third of the baseline's words: the main-text
    heuristics then took one box of a page (a teaser, a slide caption) for the article."""
    words = len(extracted.split())
    if words >= BASELINE_WORDS:
        return extracted
    try:
        _, baseline, _ = trafilatura.baseline(html)
    except (ValueError, TypeError, lxml.etree.LxmlError):  # pragma: no cover - odd markup
        return extracted
    return baseline if len(baseline.split()) > max(3 * words, BASELINE_WORDS) else extracted


def page_title(
    root: lxml.html.HtmlElement | None,
    document: trafilatura.settings.Document,
    url: str | None = None,
) -> str:
    """The headline: an ``<h1>`` that agrees with the metadata titles, else the metadata title
    without its site name (:func:`digest.sources.titles.choose_title`)."""
    fallback = _one_line(document.title or "")
    if root is None:
        return fallback
    metas = meta_titles(root) + ([fallback] if fallback else [])
    urls = (url, document.url, document.hostname)
    sites = site_names(root, site_name(document, metas), urls) + logo_headings(root)
    return choose_title(page_headings(root), metas, sites)


def _meta(root: lxml.html.HtmlElement | None, name: str) -> str | None:
    """The content of the page's first ``<meta name=…>`` (any case), or None."""
    if root is None:
        return None
    found = root.xpath(
        "//meta[translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
        "=$name]/@content",
        name=name,
    )
    return str(found[0]) if found else None


def site_name(document: trafilatura.settings.Document, titles: Sequence[str] = ()) -> str | None:
    """trafilatura's site name, unless it is the page's headline again (it takes the title
    when a page names no site, and the headline would then be stripped as a site name)."""
    name = document.sitename or None
    headlines = {compact(t) for t in (*titles, document.title or "") if t}
    return None if name and compact(name) in headlines else name


@dataclass(frozen=True)
class FeedEntry:
    article: Article | None  # None when the entry has no usable text of its own
    link: str | None
    title: str
    derived_title: bool = False  # the feed gave no title: it was taken from the entry's text


def parse_feed(body: bytes, source: str) -> tuple[str | None, list[FeedEntry]]:
    """The feed's title and its entries (RSS 0.9x/1.0/2.0, Atom)."""
    if not body.strip():
        raise SourceError(source, "the feed is empty")
    parsed: Any = feedparser.parse(body)
    # A bozo feed (undeclared entities, a wrong declared encoding) whose entries feedparser
    # still read is a feed; only one that gave nothing is refused.
    usable = [e for e in parsed.entries if e.get("title") or e.get("link") or e.get("summary")]
    if not usable and (parsed.bozo or not parsed.get("version")):
        reason = type(parsed.get("bozo_exception")).__name__ if parsed.bozo else "no entries"
        raise SourceError(source, f"is not an RSS or Atom feed ({reason}); check the URL or file")
    feed_title = display_name(_one_line(parsed.feed.get("title", "")), [parsed.feed.get("link")])
    entries: list[FeedEntry] = []
    for entry in parsed.entries:
        title = _one_line(html_to_text(entry.get("title", "")))
        link = entry.get("link") or None
        content = entry.get("content") or []
        html = content[0].get("value", "") if content else entry.get("summary", "")
        text = html_to_text(html)
        derived = not title
        if derived:
            title = title_from_text(text)  # "" when the entry has no text: the page's is used
        with warnings.catch_warnings():  # feedparser warns about its updated/published alias
            warnings.simplefilter("ignore", DeprecationWarning)
            raw_date = entry.get("published") or entry.get("updated") or ""
            published = _struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
        date_only = published is not None and not _HAS_TIME.search(str(raw_date))
        article = (
            Article(
                id=stable_id(link or entry.get("id") or source, title),
                title=title,
                text=text,
                source=source,
                url=link,
                author=clean_byline(entry.get("author", "")),
                published=published,
                source_name=feed_title,
                published_date_only=date_only,
            )
            if text and title
            else None
        )
        entries.append(FeedEntry(article, link, title, derived))
    return feed_title, entries


_WIDE = (
    (b"\x00\x00\xfe\xff", "utf-32-be", 4),
    (b"\xff\xfe\x00\x00", "utf-32-le", 4),
    (b"\xfe\xff", "utf-16-be", 2),
    (b"\xff\xfe", "utf-16-le", 2),
    (b"\x00\x00\x00<", "utf-32-be", 0),
    (b"<\x00\x00\x00", "utf-32-le", 0),
    (b"\x00<\x00", "utf-16-be", 0),
    (b"<\x00", "utf-16-le", 0),
)
_XML_ENCODING = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])[^\"']*([\"'])")


def as_text_bytes(raw: bytes, source: str) -> bytes:
    """``raw`` as UTF-8 when it is UTF-16/32 (with or without a byte-order mark), with stray
    NUL bytes removed; a file that is mostly NUL bytes is binary and refused."""
    for mark, codec, skip in _WIDE:
        if raw.startswith(mark):
            try:
                text = raw[skip:].decode(codec)
            except UnicodeDecodeError as exc:
                raise SourceError(
                    source, f"is not valid {codec.upper()} text (bad bytes at {exc.start})"
                ) from exc
            return _XML_ENCODING.sub(rb"\1utf-8\2", text.replace("\x00", "").encode("utf-8"))
    nuls = raw.count(b"\x00")
    if nuls > len(raw) // 10:
        raise SourceError(source, "looks like a binary file, not text; remove it from the sources")
    return raw.replace(b"\x00", b"") if nuls else raw


def html_to_text(html: str) -> str:
    """Paragraph text of an HTML fragment (block elements become paragraphs)."""
    if not html or "<" not in html:
        return re.sub(r"[ \t]+", " ", html or "").strip()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//figure|//figcaption"):
        bad.drop_tree()
    blocks = [" ".join(el.text_content().split()) for el in root.iter(*_BLOCKS)]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


def _without_offset(value: str | None) -> bool:
    try:
        return datetime.fromisoformat((value or "").strip()).tzinfo is None
    except ValueError:
        return False


def parse_datetime(value: str | None) -> datetime | None:
    return parse_published(value)[0]


def parse_published(value: str | None) -> tuple[datetime | None, bool]:
    """An ISO 8601 time (UTC when no offset is given), and whether it was a date only
    ("2026-12-01", or midnight with no offset as page dates are written when only the day is
    known)."""
    if not value:
        return None, False
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None, False
    date_only = parsed.tzinfo is None and parsed.time() == time(0)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)), date_only


def place_date_only(article: Article, timezone: str) -> Article:
    """A date-only publication time as the end of that day in the newsletter's time zone, so a
    morning run's window keeps yesterday's news; the flag stays for showing a date only."""
    if not article.published_date_only or article.published is None:
        return article
    day = article.published.date()
    end = datetime.combine(day, time(23, 59, 59), tzinfo=ZoneInfo(timezone))
    return replace(article, published=end)


def title_from_text(text: str, words: int = 12) -> str:
    """A headline for an entry that has none: its first sentence, cut at ``words`` words."""
    first = _one_line(re.split(r"(?<=[.!?])\s|\n\n", text.strip(), maxsplit=1)[0]) if text else ""
    tokens = first.split()
    if len(tokens) <= words:
        return first
    return " ".join(tokens[:words]).rstrip(",;:") + "…"


def _struct_time(value: Any) -> datetime | None:
    if not value:
        return None
    return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)


def _one_line(text: str) -> str:
    return " ".join(text.split())
