"""Ingest: turn sources into :class:`Article` records.

A *source* is anything with a ``name`` and a ``load()`` that returns articles and problems; one
broken document becomes a :class:`Problem` and never stops the others. Whatever a source gives
passes :mod:`digest.sources.guard` (safe links only, no bidi overrides, a length cap). Local
files live in :mod:`digest.sources.files`, feeds and web pages in :mod:`digest.sources.urls`;
:func:`sources_from_strings` maps ``--source`` / ``DIGEST_SOURCES`` values to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from digest.models import LoadResult
from digest.sources.guard import DEFAULT_MAX_ARTICLE_CHARS, DEFAULT_MAX_ENTRIES, guard_result
from digest.text.repeats import drop_repeated

if TYPE_CHECKING:
    from digest.sources.fetch import Fetcher


class Source(Protocol):
    """What every kind of source offers."""

    @property
    def name(self) -> str: ...

    def load(self) -> LoadResult: ...


def load_sources(
    sources: Iterable[Source],
    max_chars: int = DEFAULT_MAX_ARTICLE_CHARS,
    timezone: str = "UTC",
) -> LoadResult:
    """Every source's articles and problems; a paragraph repeated across the articles of one
    site is dropped (:func:`digest.text.repeats.drop_repeated`); a date-only publication time
    is placed in the newsletter's ``timezone`` (:func:`digest.sources.parsing.place_date_only`)."""
    from digest.sources.parsing import place_date_only

    result = LoadResult()
    for source in sources:
        loaded = guard_result(source.load(), max_chars)
        loaded.articles = drop_repeated(loaded.articles)  # one site's furniture, repeated
        result.extend(loaded)
    result.articles = [place_date_only(a, timezone) for a in result.articles]
    return result


def sources_from_strings(
    specs: Sequence[str],
    fetcher: Fetcher | None = None,
    teaser_words: int = 120,
    max_entries: int = DEFAULT_MAX_ENTRIES,
) -> list[Source]:
    """``http(s)://`` values become web sources (feed or page, sniffed); the rest are paths."""
    from digest.sources.files import FileSource
    from digest.sources.urls import UrlSource

    sources: list[Source] = []
    for spec in specs:
        if spec[:8].lower().startswith(("http://", "https://")):
            if fetcher is None:
                from digest.sources.fetch import Fetcher

                fetcher = Fetcher()
            sources.append(UrlSource(spec, fetcher, teaser_words, max_entries))
        else:
            sources.append(FileSource(Path(spec).expanduser(), fetcher, teaser_words, max_entries))
    return sources
