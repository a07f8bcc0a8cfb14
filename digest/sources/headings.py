"""A page's ``<h1>`` headings, as headline candidates: the text a reader sees, without the
headings that are the site's logo (a link to the home page), those in the navigation, footer or
a sidebar, and a leading kicker marked as such ("<span class=kicker>Worms</span>").
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html

from digest.sources.blocks import MAX_AREA_WORDS

_MAX_H1 = 8
_FURNITURE = ("nav", "footer", "aside")
_UNSEEN = {"script", "style", "noscript", "template"}


def one_line(text: str) -> str:
    return " ".join(text.split())


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


_BREAKS = {"br", "div", "p", "li", "h2", "h3", "h4", "h5", "h6", "section", "header", "figure"}


def spaced_text(element: lxml.html.HtmlElement) -> str:
    """An element's text on one line, with a space where a ``<br>`` or a block inside it breaks
    the line ("Headline<br>Subtitle" is not "HeadlineSubtitle")."""
    parts: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag in _UNSEEN:
                pass  # a script's or a style sheet's text is not shown
            elif isinstance(child.tag, str):
                gap = " " if child.tag in _BREAKS else ""
                parts.append(gap)
                walk(child)
                parts.append(gap)
            parts.append(child.tail or "")

    walk(element)
    return one_line("".join(parts))


def heading_text(element: lxml.html.HtmlElement) -> str:
    """An ``<h1>``'s headline: without a leading kicker (a short first child marked as a kicker,
    roofline or section label: "<h1><span class=kicker>Worms</span> Build a worm bin</h1>")."""
    text = spaced_text(element)
    children = [c for c in element if isinstance(c.tag, str)]
    if not children or (element.text or "").strip():
        return text
    first = children[0]
    kicker = spaced_text(first)
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


def in_furniture(element: lxml.html.HtmlElement) -> bool:
    """Whether an element sits in the page's navigation, footer or a sidebar (one that is not
    left open around the whole page)."""
    for parent in element.iterancestors():
        role = parent.get("role", "")
        if parent.tag in _FURNITURE or role in ("navigation", "complementary"):
            return len(parent.text_content().split()) <= MAX_AREA_WORDS
    return False


def page_headings(root: lxml.html.HtmlElement) -> list[str]:
    """The texts of the page's ``<h1>`` headings, but for site logos and those in its
    navigation, footer or sidebars."""
    out: list[str] = []
    for element in root.iter("h1"):
        if is_logo_heading(element) or in_furniture(element):
            continue
        text = heading_text(element)
        if text and len(text) <= 300 and text not in out:
            out.append(text)
        if len(out) >= _MAX_H1:
            break
    return out
