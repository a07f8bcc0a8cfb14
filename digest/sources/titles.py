"""A page's headline from the evidence it carries: its ``<h1>`` headings, the JSON-LD
``headline`` of a news or blog article, ``og:title``, ``<title>`` and the title trafilatura found.

The ``<h1>`` is what the reader sees (:mod:`digest.sources.headings` leaves out logos, menus and
sidebars); the metadata titles are meant for sharing, and often carry a site-name part ("… | PC
Gamer", removed by :mod:`digest.sources.sitenames` on evidence) or a different wording. So an
``<h1>`` is taken when it agrees with a metadata title (most of the words of one are in the
other), unless it only adds a subtitle or a kicker to it or only names the section before its
colon; otherwise the first metadata title (the JSON-LD headline before ``og:title``, whose wording
the other tags often copy), unless the page has one sentence-like ``<h1>``. A one-word lower-case
metadata title that no heading agrees with (a CMS name such as "escenic") is not a headline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from urllib.parse import urlsplit

import lxml.html

from digest.sources.headings import logo_headings, one_line, page_headings
from digest.sources.sitenames import (
    clean_title,
    compact,
    is_site_name,
    site_keys,
    strip_site_name,
)
from digest.text.names import first_name_gender

__all__ = [
    "choose_title",
    "ld_nodes",
    "ld_publishers",
    "logo_headings",
    "meta_titles",
    "page_headings",
    "site_names",
    "strip_site_name",
]

_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
AGREEMENT = 0.6  # share of words one title must have in the other to agree
_MAX_KICKER_WORDS = 5  # an unmarked kicker run into the h1 before a metadata title
_MAX_SECTION_WORDS = 3  # an h1 this short before a title's colon names a section
_MAX_LD_SCRIPTS = 8  # JSON-LD blocks read per page
_MAX_LD_CHARS = 200_000  # a longer block is not read
_MAX_LD_NODES = 500  # objects visited per block
_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportage",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "liveblogposting",
    "techarticle",
    "scholarlyarticle",
    "socialmediaposting",
}


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def containment(part: str, whole: str) -> float:
    """The share of ``part``'s words that occur in ``whole``."""
    words = _words(part)
    if not words:
        return 0.0
    pool = set(_words(whole))
    return sum(w in pool for w in words) / len(words)


def _ld_objects(data: object) -> Iterator[dict[str, object]]:
    """The objects of a JSON-LD document (``@graph`` included), breadth first, bounded."""
    queue, seen = [data], 0
    while queue and seen < _MAX_LD_NODES:
        item = queue.pop(0)
        seen += 1
        if isinstance(item, list):
            queue.extend(item[:_MAX_LD_NODES])
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                queue.extend(graph[:_MAX_LD_NODES])


def ld_nodes(root: lxml.html.HtmlElement) -> Iterator[dict[str, object]]:
    """The objects of the page's JSON-LD blocks, block by block (bounded; a block that is too
    long or not JSON is skipped: many pages carry broken JSON-LD, and it is only evidence)."""
    for script in root.xpath('//script[@type="application/ld+json"]')[:_MAX_LD_SCRIPTS]:
        text = script.text or ""
        if len(text) > _MAX_LD_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        yield from _ld_objects(data)


def ld_headlines(root: lxml.html.HtmlElement) -> list[str]:
    """The ``headline`` of the article the page's JSON-LD (schema.org) describes, if any: the
    title the publisher gives search engines, without a site-name suffix as a rule."""
    for node in ld_nodes(root):
        kinds = node.get("@type")
        names = kinds if isinstance(kinds, list) else [kinds]
        if not any(isinstance(k, str) and k.casefold() in _ARTICLE_TYPES for k in names):
            continue
        headline = node.get("headline")
        if isinstance(headline, str) and one_line(headline) and len(headline) <= 300:
            return [one_line(headline)]
    return []


def meta_titles(root: lxml.html.HtmlElement) -> list[str]:
    """The page's titles for sharing and search, best first: the JSON-LD headline,
    ``og:title``, ``twitter:title``, ``<title>``."""
    found = [
        *ld_headlines(root),
        *root.xpath('//meta[@property="og:title" or @name="og:title"]/@content')[:1],
        *root.xpath('//meta[@name="twitter:title" or @property="twitter:title"]/@content')[:1],
        *root.xpath("//title/text()")[:1],
    ]
    return [t for t in (clean_title(str(x)) for x in found) if t]


def ld_publishers(root: lxml.html.HtmlElement) -> list[str]:
    """The names of the publisher the page's JSON-LD gives (``"publisher": {"name": …}``):
    a byline that is one of them ("Deutsche Welle" on dw.com) names no writer."""
    found: list[str] = []
    for node in ld_nodes(root):
        publisher = node.get("publisher")
        for one in publisher if isinstance(publisher, list) else [publisher]:
            if not isinstance(one, dict) or one.get("@type") == "Person":
                continue
            name = one.get("name")
            if not isinstance(name, str) or not 0 < len(name) <= 100:
                continue
            # a site its writer publishes under her own name ("Pamela Anderson") is hers
            if first_name_gender(name.split()[0]) is None:
                found.append(one_line(name))
    return list(dict.fromkeys(found))[:5]


def site_names(
    root: lxml.html.HtmlElement, known: str | None, urls: Sequence[str | None] = ()
) -> list[str]:
    """The names the page gives its site (``og:site_name``, ``application-name``), the name
    trafilatura found, and the host names of the page's ``urls`` (its address, its canonical
    address: "news.example.com", whose labels may name the site)."""
    found = root.xpath(
        '//meta[@property="og:site_name"]/@content|//meta[@name="application-name"]/@content'
    )
    hosts = [urlsplit(u).hostname or "" if "//" in u else u for u in urls if u]
    names = [known or "", *(one_line(str(x)) for x in found[:2]), *hosts]
    return list(dict.fromkeys(n for n in names if n))


def choose_title(headings: Sequence[str], metas: Sequence[str], sites: Sequence[str] = ()) -> str:
    """The headline, or "" when the page gives none."""
    keys = site_keys(sites)
    headings = [h for h in headings if not is_site_name(h, keys)]
    stripped = [strip_site_name(m, sites) for m in metas]
    stripped = [m for m in stripped if m and not _looks_like_cms(m, headings)]
    stripped = [m for m in stripped if not _truncated(m, stripped)]
    best, best_score = "", 0.0
    for heading in headings:
        for rank, meta in enumerate(stripped):
            candidate, score = agreement(heading, meta)
            score -= 0.01 * rank  # JSON-LD, og:title, twitter:title, <title>, trafilatura's
            if score > best_score:
                best, best_score = candidate, score
    if best_score >= AGREEMENT:
        return best
    # first in rank, not by a vote: og:title, twitter:title and <title> are often one SEO
    # wording copied thrice, while the JSON-LD headline is the article's own
    chosen = stripped[0] if stripped else ""
    long_headings = [h for h in headings if len(h.split()) >= 3]
    single = long_headings[0] if len(long_headings) == 1 else ""
    # the only <h1>, a sentence-like heading without a separator, is what the reader sees
    sole = len(headings) == 1 and len(single.split()) >= 4 and not _SEPARATORS.search(single)
    if chosen and not (single and (len(chosen.split()) <= 2 or sole)):
        return chosen
    return single


def agreement(heading: str, meta: str) -> tuple[str, float]:
    """How far an ``<h1>`` and a metadata title agree (0-1), and the headline they agree on:
    the heading itself, or the metadata title when the heading adds a subtitle or a kicker to
    it, or is only the section named before its colon ("Brexit" for "Brexit: talks resume")."""
    h, m = heading.casefold(), meta.casefold()
    if len(meta) > 15 and h.startswith(m):
        rest = heading[len(meta) :].strip()
        if rest[:1].isupper() and len(rest.split()) >= 3:
            return meta, 1.01  # the h1 carries a subtitle after the headline
    if len(meta.split()) >= 3 and h.endswith(m) and h != m:
        kicker = heading[: len(heading) - len(meta)].strip()
        if kicker[-1:].isalnum() and len(kicker.split()) <= _MAX_KICKER_WORDS:
            return meta, 1.01  # an unmarked kicker before the headline
    head, colon, rest = meta.partition(":")
    words = len(heading.split())
    if (
        colon
        and words <= _MAX_SECTION_WORDS
        and compact(head) == compact(heading)
        and len(rest.split()) >= max(3, words + 1)
    ):
        return meta, 1.0  # the h1 names the section the headline starts with
    return heading, max(containment(heading, meta), containment(meta, heading))


def _truncated(title: str, titles: Sequence[str]) -> bool:
    """A title cut short with an ellipsis while another title gives it whole."""
    if not title.endswith(("…", "...")):
        return False
    start = title.rstrip(".… ").casefold()
    return any(len(t) > len(title) and t.casefold().startswith(start) for t in titles)


def _looks_like_cms(title: str, headings: Sequence[str]) -> bool:
    return (
        len(title.split()) == 1
        and title.islower()
        and not any(title in h.casefold() for h in headings)
    )
