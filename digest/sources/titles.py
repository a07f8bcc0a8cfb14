"""A page's headline from the evidence it carries: its ``<h1>`` headings, the JSON-LD
``headline`` of a news or blog article, ``og:title``, ``<title>`` and the title trafilatura found.

The ``<h1>`` is what the reader sees, but pages also use ``<h1>`` for the site's logo; the
metadata titles are meant for sharing, and often carry a site-name suffix ("… | PC Gamer") or a
different wording. So an ``<h1>`` is taken when it agrees with a metadata title (most of the words
of one are in the other); otherwise the metadata title, with its site-name part removed. A
one-word lower-case metadata title that no heading agrees with (a CMS name such as "escenic") is
not a headline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from urllib.parse import urlsplit

import lxml.html

_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_MAX_H1 = 8
AGREEMENT = 0.6  # share of words one title must have in the other to agree
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


def one_line(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def containment(part: str, whole: str) -> float:
    """The share of ``part``'s words that occur in ``whole``."""
    words = _words(part)
    if not words:
        return 0.0
    pool = set(_words(whole))
    return sum(w in pool for w in words) / len(words)


def strip_site_name(title: str, site_names: Sequence[str] = ()) -> str:
    """``title`` without a site-name part ("Headline | Site", "Site - Headline")."""
    names = [n.casefold() for n in site_names if n]
    pieces = [p.strip() for p in _SEPARATORS.split(title) if p.strip()]
    if len(pieces) < 2:
        # "Site: Headline" only when the part before the colon is the site's name
        head, colon, rest = title.partition(": ")
        if colon and rest.strip() and head.strip().casefold() in names:
            return rest.strip()
        return title.strip()
    kept = [
        p
        for p in pieces
        if not any(p.casefold() == n or (n in p.casefold() and len(p) <= len(n) + 4) for n in names)
    ]
    if len(kept) == 1:
        return kept[0]
    # no name known: the headline is the longest part
    return max(kept or pieces, key=len)


_KICKER_CLASS = re.compile(
    r"kicker|roofline|overline|eyebrow|topline|dachzeile|label|category|rubric|flag|section",
    re.IGNORECASE,
)
_KICKER_TAGS = ("span", "small", "div", "p", "strong", "em", "b", "i")
_MAX_KICKER_WORDS = 5


def is_logo_heading(element: lxml.html.HtmlElement) -> bool:
    """Whether an ``<h1>`` is wholly a link to the site's home page (the site's name or logo)."""
    links = element.xpath(".//a[@href]")
    if len(links) != 1 or one_line(links[0].text_content()) != one_line(element.text_content()):
        return False
    path = urlsplit(str(links[0].get("href"))).path
    return path in ("", "/")


def heading_text(element: lxml.html.HtmlElement) -> str:
    """An ``<h1>``'s headline: without a leading kicker (a short first child marked as a kicker,
    roofline or section label: "<h1><span class=kicker>Worms</span> Build a worm bin</h1>")."""
    text = one_line(element.text_content())
    children = [c for c in element if isinstance(c.tag, str)]
    if not children or (element.text or "").strip():
        return text
    first = children[0]
    kicker = one_line(first.text_content())
    marked = _KICKER_CLASS.search(f"{first.get('class', '')} {first.get('id', '')}")
    if (
        first.tag in _KICKER_TAGS
        and marked
        and kicker
        and len(kicker.split()) <= _MAX_KICKER_WORDS
        and text.startswith(kicker)
    ):
        rest = text[len(kicker) :].strip()
        if len(rest.split()) >= 2:
            return rest
    return text


def logo_headings(root: lxml.html.HtmlElement) -> list[str]:
    """The texts of ``<h1>`` headings that are links to the home page: site names."""
    return [
        one_line(h.text_content()) for h in list(root.iter("h1"))[:_MAX_H1] if is_logo_heading(h)
    ]


def page_headings(root: lxml.html.HtmlElement) -> list[str]:
    out: list[str] = []
    for element in root.iter("h1"):
        if is_logo_heading(element):
            continue
        text = heading_text(element)
        if text and len(text) <= 300 and text not in out:
            out.append(text)
        if len(out) >= _MAX_H1:
            break
    return out


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


def ld_headlines(root: lxml.html.HtmlElement) -> list[str]:
    """The ``headline`` of the article the page's JSON-LD (schema.org) describes, if any: the
    title the publisher gives search engines, without a site-name suffix as a rule."""
    found: list[str] = []
    for script in root.xpath('//script[@type="application/ld+json"]')[:_MAX_LD_SCRIPTS]:
        text = script.text or ""
        if len(text) > _MAX_LD_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue  # many pages carry broken JSON-LD; it is only evidence
        for node in _ld_objects(data):
            kinds = node.get("@type")
            names = kinds if isinstance(kinds, list) else [kinds]
            if not any(isinstance(k, str) and k.casefold() in _ARTICLE_TYPES for k in names):
                continue
            headline = node.get("headline")
            if isinstance(headline, str) and one_line(headline) and len(headline) <= 300:
                found.append(one_line(headline))
                return found
    return found


def meta_titles(root: lxml.html.HtmlElement) -> list[str]:
    found = [
        *ld_headlines(root),
        *root.xpath('//meta[@property="og:title"]/@content')[:1],
        *root.xpath('//meta[@name="twitter:title"]/@content')[:1],
        *root.xpath("//title/text()")[:1],
    ]
    return [one_line(str(t)) for t in found if one_line(str(t))]


def site_names(root: lxml.html.HtmlElement, known: str | None) -> list[str]:
    found = root.xpath(
        '//meta[@property="og:site_name"]/@content|//meta[@name="application-name"]/@content'
    )
    return [n for n in [known or "", *(one_line(str(x)) for x in found[:2])] if n]


def choose_title(headings: Sequence[str], metas: Sequence[str], sites: Sequence[str] = ()) -> str:
    """The headline, or "" when the page gives none."""
    stripped = [strip_site_name(m, sites) for m in metas]
    stripped = [m for m in stripped if not _looks_like_cms(m, headings)]
    best, best_score = "", 0.0
    for heading in headings:
        for rank, meta in enumerate(stripped):
            rest = heading[len(meta) :].strip()
            if (
                meta
                and len(meta) > 15
                and heading.casefold().startswith(meta.casefold())
                and rest[:1].isupper()
                and len(rest.split()) >= 3
            ):
                score, candidate = 1.01, meta  # the h1 carries a subtitle after the headline
            else:
                score = max(containment(heading, meta), containment(meta, heading))
                candidate = heading
            score -= 0.01 * rank  # og:title first, then twitter:title, then <title>
            if score > best_score:
                best, best_score = candidate, score
    if best_score >= AGREEMENT:
        return best
    long_headings = [h for h in headings if len(h.split()) >= 3]
    single = long_headings[0] if len(long_headings) == 1 else ""
    # the only <h1>, a sentence-like heading without a separator, is what the reader sees
    sole = len(headings) == 1 and len(single.split()) >= 4 and not _SEPARATORS.search(single)
    if stripped and not (single and (len(stripped[0].split()) <= 2 or sole)):
        return stripped[0]
    return single


def _looks_like_cms(title: str, headings: Sequence[str]) -> bool:
    return (
        len(title.split()) == 1
        and title.islower()
        and not any(title in h.casefold() for h in headings)
    )
