"""Text trafilatura left out from inside the story: a second pass over the page's own blocks.

trafilatura takes its main text from the one container it judges to be the story (often the
``articleBody`` element), so a standfirst between the headline and that container, a review's
verdict box, or a recipe card's ingredient list between two extracted paragraphs is lost. This
pass walks the page's blocks in document order, after removing what trafilatura itself marks as
furniture (navigation, sharing, newsletter, related-stories, comment, hidden and ad elements)
and the page's nav, aside, footer, form, figure and caption areas. A block is recovered only
when its position is inside the story: after the headline's ``<h1>`` and before an extracted
block, or between two extracted blocks. A block that is mostly link text stays out; what is
recovered is cleaned like the rest of the text afterwards.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

import lxml.html
from trafilatura.xpaths import DISCARD_IMAGE_ELEMENTS, OVERALL_DISCARD_XPATH, REMOVE_COMMENTS_XPATH

from digest.sources.blocks import MAX_AREA_WORDS, normalize
from digest.text.clean import word_count

_BLOCK = frozenset(
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre table tr td th thead tbody "
    "section article main header address center".split()
)
_DROP = (
    "//script|//style|//noscript|//template|//svg|//iframe|//form|//button|//select|//nav"
    "|//footer|//aside|//figure|//figcaption|//*[@hidden]"
    "|//*[@role='navigation' or @role='complementary' or @role='dialog']"
)
_CODE = frozenset("script style noscript template svg".split())
_HEADINGS = frozenset("h2 h3 h4 h5 h6".split())
ANCHOR_WORDS = 5  # an extracted block this long places the blocks around it
MAX_LINK_SHARE = 0.5
MIN_WORDS = 6
CAPTION_LEVELS = 4
CAPTION_SLACK = 40  # characters of other text (a credit) in a caption's box
_SENTENCE = re.compile(r"[.!?…。！？؟۔।॥։።፧။།។][\"”’')\]»\s]*$")
MAX_ADDED_SHARE = 1.0  # more than the extracted text itself: the alignment is not trusted


@dataclass(frozen=True)
class Block:
    tag: str
    text: str  # normalized
    raw: str  # as shown
    link_chars: int
    caption: bool  # it shares a small box with a picture
    item: bool  # a list item, or the paragraph of one


def page_blocks(root: lxml.html.HtmlElement) -> list[Block]:
    """The page's text blocks in document order, without the areas marked as furniture."""
    tree = copy.deepcopy(root)
    body = tree.find("body")
    tree = body if body is not None else tree
    for element in tree.xpath(_DROP):
        _drop_area(element)
    for expression in (*OVERALL_DISCARD_XPATH, *REMOVE_COMMENTS_XPATH, *DISCARD_IMAGE_ELEMENTS):
        for element in expression(tree):
            _drop_area(element)
    blocks: list[Block] = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag not in _BLOCK:
            continue
        pieces: list[str] = []
        links = _inline(element, pieces, in_link=False)
        raw = " ".join("".join(pieces).split())
        text = normalize(raw)
        if text:
            item = element.tag == "li" or any(a.tag == "li" for a in _ancestors(element, 2))
            caption = _beside_picture(element, raw)
            blocks.append(Block(element.tag, text, raw, links, caption, item))
    return blocks


def _drop_area(element: lxml.html.HtmlElement) -> None:
    """Remove a furniture area, unless it is a wrapper around much of the page (a
    "content-sidebar-wrap" holds the story too)."""
    if element.getparent() is None or element.tag in ("body", "html"):
        return
    if len(element.text_content().split()) <= MAX_AREA_WORDS or element.tag in _CODE:
        element.drop_tree()


def _ancestors(element: lxml.html.HtmlElement, levels: int) -> list[lxml.html.HtmlElement]:
    found: list[lxml.html.HtmlElement] = []
    parent = element.getparent()
    while parent is not None and len(found) < levels:
        found.append(parent)
        parent = parent.getparent()
    return found


def _beside_picture(element: lxml.html.HtmlElement, raw: str) -> bool:
    """Whether the block and a picture are alone in a small box (a caption, a slide)."""
    box = element
    for _ in range(CAPTION_LEVELS):
        if box.getparent() is None:
            return False
        box = box.getparent()
        if len(" ".join(box.text_content().split())) > len(raw) + CAPTION_SLACK:
            return False
        if next(box.iter("img", "picture", "video"), None) is not None:
            return True
    return False


def _inline(element: lxml.html.HtmlElement, pieces: list[str], in_link: bool) -> int:
    """Append the element's own inline text (not that of nested blocks) to ``pieces``; return
    how many of its characters are link text."""
    links = 0
    if element.text:
        pieces.append(element.text)
        links += len(element.text.strip()) if in_link else 0
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _BLOCK:
            if child.tag == "br":
                pieces.append(" ")
            else:
                links += _inline(child, pieces, in_link or child.tag == "a")
        if child.tail:
            pieces.append(child.tail)
            links += len(child.tail.strip()) if in_link else 0
    return links


def fill_gaps(lines: list[str], root: lxml.html.HtmlElement, title: str) -> list[str]:
    """``lines`` with the page blocks that sit inside the story but were not extracted."""
    keys = [normalize(line) for line in lines]
    joined = " ".join(keys)
    starts, offset = [], 0
    for key in keys:
        starts.append(offset)
        offset += len(key) + 1
    blocks = page_blocks(root)
    head = normalize(title)
    start = next((i for i, b in enumerate(blocks) if b.tag == "h1" and b.text == head), None)
    anchors: list[tuple[int, int]] = []  # (block index, line index)
    covered: set[int] = set()
    cursor = 0
    for i, block in enumerate(blocks):
        found = joined.find(block.text)
        if found < 0:
            continue
        covered.add(i)
        if len(block.text.split()) < ANCHOR_WORDS:
            continue
        found = joined.find(block.text, cursor)
        if found >= 0:
            cursor = found + len(block.text)
            anchors.append((i, _line_at(starts, found)))
    if not anchors:
        return lines
    first = anchors[0][0] if start is None else start + 1  # nothing before the headline
    inserts: dict[int, list[str]] = {}
    seen: set[str] = set()
    previous_line: int | None = None
    index = 0
    for i, block in enumerate(blocks[: anchors[-1][0]]):
        while index < len(anchors) and anchors[index][0] <= i:
            previous_line = anchors[index][1]
            index += 1
        interior = previous_line is not None
        under_heading = interior and i - 1 in covered and blocks[i - 1].tag in _HEADINGS
        if i < first or i in covered or not _is_text(block, interior, under_heading):
            continue
        next_line = anchors[index][1]
        if previous_line is not None and previous_line == next_line:
            continue  # inside one extracted line: the alignment says nothing here
        if block.text not in seen:
            seen.add(block.text)
            inserts.setdefault(next_line, []).append(block.raw)
    added = sum(len(raw.split()) for group in inserts.values() for raw in group)
    if not inserts or added > MAX_ADDED_SHARE * len(joined.split()):
        return lines
    out: list[str] = []
    for n, line in enumerate(lines):
        out.extend(inserts.get(n, []))
        out.append(line)
    return out


def _is_text(block: Block, interior: bool, under_heading: bool = False) -> bool:
    """A sentence or more of prose, not a label, byline, date or list of links; between two
    extracted blocks also a list item without links (an ingredient, a step), and the first
    block under an extracted section heading when it has no links and some words (a fact box:
    the heading was kept, the section's only content was not)."""
    if block.caption:
        return False
    if interior and block.item and not block.link_chars and word_count(block.raw) >= 2:
        return True
    if under_heading and not block.link_chars and word_count(block.raw) >= MIN_WORDS:
        return True
    return (
        word_count(block.raw) >= MIN_WORDS
        and bool(_SENTENCE.search(block.raw))
        and block.link_chars <= MAX_LINK_SHARE * len(block.raw)
    )


def full_stop(text: str) -> bool:
    """Whether ``text`` ends with a full stop, question or exclamation mark of any script."""
    return bool(_SENTENCE.search(text))


def _line_at(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low
