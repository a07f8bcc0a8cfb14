"""Evidence from a page's markup about which text blocks are furniture, not story.

trafilatura's text keeps no markup, so a line that was wholly a link (a related story, a menu
entry), a caption, a button or form label, or a block of the page's navigation, footer or
sidebar cannot be told from a short paragraph. :func:`furniture_texts` collects those texts from
the page itself, and :func:`drop_furniture` removes a text line only when the whole line is one
of them: a paragraph that merely contains a link stays.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura

_FURNITURE_TAGS = ("a", "figcaption", "button", "label", "option", "caption")
_FURNITURE_AREAS = (
    "//nav|//footer|//aside|//*[@role='navigation' or @role='complementary']"
    # the page's own header (not an article's), dialogs, what the page marks as hidden
    "|//header[not(ancestor::article) and not(ancestor::main)]"
    "|//*[@role='banner' or @role='contentinfo' or @role='dialog' or @role='alertdialog']"
    # (not an inline "display: none": pages hide gallery text and code copies that way)
    "|//*[@hidden]|//*[@aria-hidden='true']"
)
_BLOCK_TAGS = ("p", "li", "div", "span", "h2", "h3", "h4", "h5", "h6", "dt", "dd")
_MAX_TEXTS = 20_000
MAX_AREA_WORDS = 400
_MIN_MAIN_WORDS = 150  # a <main> holding less is not the page's story
INTRO_WORDS = 15  # a line this short ending in a colon may introduce a list of links
MIN_LIST = 2  # of at least this many links
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def page_root(html: bytes | str) -> lxml.html.HtmlElement | None:
    """The parsed page, its bytes decoded as trafilatura decodes them (the declared or detected
    encoding), so the texts found here match the extracted text character for character."""
    try:
        root = trafilatura.load_html(html)
    except (TypeError, ValueError, lxml.etree.LxmlError):  # pragma: no cover - odd markup
        root = None
    if isinstance(root, lxml.html.HtmlElement):
        return root
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None  # ValueError: a str with an XML encoding declaration, or no markup


def furniture_texts(root: lxml.html.HtmlElement) -> set[str]:
    """The normalized texts of the page's links, captions, buttons and labels, and of the blocks
    inside its navigation, page header, footer, sidebars, dialogs and hidden elements."""
    found: set[str] = set()
    for element in root.iter(*_FURNITURE_TAGS):
        if element.tag == "a" and (element.get("href") or "").startswith("#"):
            continue  # a table of contents points at the story's own headings
        if element.tag == "caption" and next(element.iterancestors("table"), None) is None:
            continue  # outside a table a browser ignores the tag and shows its text as text
        found.add(normalize(element.text_content()))
        if len(found) > _MAX_TEXTS:
            break
    for area in root.xpath(_FURNITURE_AREAS)[:500]:
        text = normalize(area.text_content())
        if len(text.split()) > MAX_AREA_WORDS:
            continue  # a "nav" left open around the whole page is no menu
        found.add(text)
        for element in area.iter(*_BLOCK_TAGS):
            found.add(normalize(element.text_content()))
            if len(found) > _MAX_TEXTS:
                break
    found |= _outside_main(root)
    found.discard("")
    return found


def _outside_main(root: lxml.html.HtmlElement) -> set[str]:
    """The blocks outside the page's one ``<main>`` (or ``role="main"``) element, when it holds
    a story's worth of text: a sign-up banner or a site blurb above it is not the story."""
    mains = root.xpath("//main|//*[@role='main']")
    if len(mains) != 1 or len(mains[0].text_content().split()) < _MIN_MAIN_WORDS:
        return set()
    # the set holds the elements, so lxml hands out the same proxy for each node below
    inside = {*mains[0].iter(), *mains[0].iterancestors()}
    found: set[str] = set()
    for element in root.iter(*_BLOCK_TAGS):
        if element not in inside:
            found.add(normalize(element.text_content()))
            if len(found) > _MAX_TEXTS:
                break
    return found


def drop_furniture(lines: list[str], furniture: set[str]) -> list[str]:
    """``lines`` without those that are, as a whole, a link, caption or navigation block, and
    without a short line ending in a colon whose list (two or more lines) all went so ("More
    stories on this:" above a box of links): it would introduce nothing the reader sees."""
    gone = [normalize(line) in furniture for line in lines]
    for i, line in enumerate(lines):
        if gone[i] or len(line.split()) > INTRO_WORDS or not line.rstrip().endswith((":", "：")):
            continue
        j = i + 1
        while j < len(lines) and gone[j]:
            j += 1
        if j >= i + 1 + MIN_LIST and (j == len(lines) or _ends_list(lines[i + 1 : j], lines[j])):
            gone[i] = True
    return [line for line, drop in zip(lines, gone, strict=True) if not drop]


def _ends_list(dropped: list[str], after: str) -> bool:
    """Whether the line after a run of dropped links starts something new rather than
    continuing the list (it is longer than any of its items)."""
    return len(after.split()) > max(len(line.split()) for line in dropped)
