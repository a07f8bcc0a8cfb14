"""Web sources: RSS/Atom feeds and article pages, fetched with
:class:`digest.sources.fetch.Fetcher`.

A URL is fetched once and sniffed: XML that looks like a feed is read as a feed, anything else as
an article page. Feed entries that carry only a teaser (fewer than ``teaser_words`` words) are
followed to their page and the article text extracted from it; if that fails, the teaser is
used and the failure reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from digest.errors import SourceError
from digest.models import LoadResult, Problem
from digest.sources.fetch import Fetched, Fetcher
from digest.sources.guard import DEFAULT_MAX_ENTRIES
from digest.sources.parsing import article_from_html, as_text_bytes, parse_feed

_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S
)


def looks_like_feed(fetched: Fetched) -> bool:
    kind = fetched.content_type.lower()
    if any(t in kind for t in ("rss", "atom", "rdf")):
        return True
    return bool(_FEED_START.match(fetched.body[:2048]))


@dataclass
class UrlSource:
    url: str
    fetcher: Fetcher
    teaser_words: int = 120
    max_entries: int = DEFAULT_MAX_ENTRIES

    @property
    def name(self) -> str:
        return self.url

    def load(self) -> LoadResult:
        try:
            fetched = self.fetcher.get(self.url)
            body = as_text_bytes(fetched.body, self.url)
            if looks_like_feed(replace(fetched, body=body)):
                return load_feed(body, self.url, self.fetcher, self.teaser_words, self.max_entries)
            page = article_from_html(body, fetched.url, self.url)
            return LoadResult([page.article])
        except SourceError as exc:
            return LoadResult([], [Problem(exc.source, "ingest", exc.reason)])


def load_feed(
    body: bytes,
    source: str,
    fetcher: Fetcher | None,
    teaser_words: int,
    max_entries: int = DEFAULT_MAX_ENTRIES,
) -> LoadResult:
    """The feed's articles: at most ``max_entries`` entries are read (and their teasers
    followed); the rest are skipped and reported."""
    _, entries = parse_feed(body, source)
    result = LoadResult()
    if len(entries) > max_entries:
        result.problems.append(
            Problem(
                source,
                "ingest",
                f"the feed has {len(entries)} entries; read the first {max_entries} and skipped "
                f"{len(entries) - max_entries} (raise DIGEST_MAX_FEED_ENTRIES to read more)",
            )
        )
        entries = entries[:max_entries]
    if not entries:
        result.problems.append(Problem(source, "ingest", "the feed has no entries"))
    for entry in entries:
        article = entry.article
        teaser = article is None or article.words < teaser_words
        if teaser and entry.link and fetcher is not None:
            try:
                page = article_from_html(fetcher.get(entry.link).body, entry.link, entry.link)
            except SourceError as exc:
                if article is None:
                    result.problems.append(Problem(exc.source, "ingest", exc.reason))
                    continue
                result.problems.append(
                    Problem(
                        exc.source,
                        "ingest",
                        f"{exc.reason}; used the feed's teaser instead",
                        kept=True,
                    )
                )
            else:
                full = page.article
                article = (
                    replace(
                        full,
                        id=article.id,
                        title=full.title if entry.derived_title else entry.title,
                        source=source,
                        published=article.published or full.published,
                        author=article.author or full.author,
                        source_name=article.source_name or full.source_name,
                    )
                    if article is not None
                    else replace(full, source=source)
                )
        if article is None:
            reason = (
                "the entry has no text and no link to follow"
                if not entry.link
                else "the entry has no text of its own and its link was not followed"
            )
            label = entry.title or entry.link or "an entry without a title"
            result.problems.append(Problem(f"{source} ({label})", "ingest", reason))
            continue
        result.articles.append(article)
    return result
