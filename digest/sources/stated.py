"""The time of day a page states for its publication, when the date found has none.

htmldate gives the publication date from the page's many date marks; often only the day
("2014-09-30"), which the digest then shows as a date and sorts as the end of that day. The
page may state the full time in its own publication metadata (``article:published_time``,
``itemprop="datePublished"``, a JSON-LD ``datePublished``: "2014-09-30T10:34:55-04:00"). When
one of those falls on the same day, its time and offset are taken; a stated time on another
day is not used to move the date (pages state first-draft or syndication times there too).

When only a year is found, htmldate answers with January 1 of it (from "Copyright © 2015" or
"2013، آخر تحديث"); :func:`only_a_year` tells that apart from a page that does write that day,
and such a date is no publication date (the digest shows none rather than "Jan. 1").
"""

from __future__ import annotations

import re
from datetime import date, datetime

import lxml.html

from digest.sources.titles import ld_nodes

_META = (
    "//meta[@property='article:published_time' or @property='og:article:published_time'"
    " or @name='article:published_time' or @itemprop='datePublished']/@content"
)
_MAX_VALUE_CHARS = 40


def stated_times(root: lxml.html.HtmlElement) -> list[datetime]:
    """The full publication times (with an offset) the page's metadata states, in page order."""
    values = [str(v) for v in root.xpath(_META)[:5]]
    stated = (node.get("datePublished") for node in ld_nodes(root))
    values.extend(v for v in stated if isinstance(v, str) and len(v) <= _MAX_VALUE_CHARS)
    times = []
    for value in values:
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        if parsed.tzinfo is not None and "T" in value:
            times.append(parsed)
    return times


def time_of_day(root: lxml.html.HtmlElement | None, day: date) -> datetime | None:
    """The page's stated publication time on ``day``, or None."""
    if root is None:
        return None
    return next((t for t in stated_times(root) if t.date() == day), None)


def only_a_year(root: lxml.html.HtmlElement | None, html: bytes | str, day: date) -> bool:
    """Whether ``day`` is the January 1 htmldate gives for a year alone: the page (``root``,
    or its ``html`` when it did not parse) writes that day in no usual form ("2015-01-01",
    "2015/01/01", "01.01.2015", "1 January", "Jan. 1")."""
    if (day.month, day.day) != (1, 1):
        return False
    year = day.year
    forms = (
        rf"{year}-0?1-0?1\b|{year}/0?1/0?1\b|\b0?1[./]0?1[./]{year}|\b1\.? Januar"
        r"|\bJan(?:uary|\.)? 0?1(?:st)?\b|\b0?1(?:st)? Jan(?:uary|\.)?\b"
    )
    return re.search(forms, _markup(root, html)[:_MAX_PAGE_CHARS], re.IGNORECASE) is None


def _markup(root: lxml.html.HtmlElement | None, html: bytes | str) -> str:
    """The page as text, decoded as it was parsed (any encoding), attributes included."""
    if root is not None:
        return str(lxml.html.tostring(root, encoding="unicode"))
    return html if isinstance(html, str) else html.decode("utf-8", "replace")


_MAX_PAGE_CHARS = 2_000_000
