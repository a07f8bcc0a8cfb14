"""Sources: read articles from files, folders, feeds and web pages (over HTTP).

``load_sources`` is the entry point; each kind of source is one module:
``files`` (.txt/.md/.html/.json/.jsonl/feed files and folders), ``urls`` (http(s) feeds and
pages), ``fetch`` (the one HTTP client: timeouts, size cap, conditional requests),
``parsing`` (trafilatura for pages, feedparser for feeds, dates).
"""

from digest.sources.fetch import Fetched, Fetcher
from digest.sources.ingest import Source, load_sources, sources_from_strings

__all__ = ["Fetched", "Fetcher", "Source", "load_sources", "sources_from_strings"]
