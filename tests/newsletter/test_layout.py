"""What mail clients and readers need from the inlined HTML: Outlook's image widths and line
heights, tap targets, type sizes, descriptive links and alt text, the briefing's structure."""

from __future__ import annotations

import re
from collections import Counter

import lxml.html

from digest.newsletter.render import TOC_LIMIT, render_digest
from digest.pipeline.stages import brand_from
from digest.settings import Settings
from tests.newsletter.contrast import declarations
from tests.newsletter.realistic import real_digest


def page(settings: Settings, count: int = 12, **update: object) -> lxml.html.HtmlElement:
    branded = settings.model_copy(update={"logo_url": "https://x.test/logo.png", **update})
    rendered = render_digest(real_digest(count), brand_from(branded), settings.templates_dir)
    return lxml.html.fromstring(rendered.personalize().html)


def px(value: str) -> float:
    if value.strip() == "0":
        return 0.0
    match = re.match(r"([\d.]+)px", value)
    assert match, value
    return float(match.group(1))


def elements(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [el for el in root.iter() if isinstance(el.tag, str)]


def test_images_keep_pixel_widths_for_outlook_after_inlining(settings: Settings) -> None:
    images = page(settings).iter("img")
    seen = 0
    for img in images:
        seen += 1
        style = declarations(img.get("style", ""))
        assert re.fullmatch(r"\d+", img.get("width", "")), img.get("width")  # 544, 160: pixels
        assert img.get("height") in (None, "") or img.get("height").isdigit()  # never "auto"
        assert px(style["max-width"]) == int(img.get("width"))  # fluid below that width
        assert style.get("height") == "auto"
    assert seen >= 3


def test_line_heights_are_exact_in_outlook(settings: Settings) -> None:
    root = page(settings)
    with_height = [el for el in elements(root) if "line-height" in el.get("style", "")]
    assert with_height
    for el in with_height:
        if el.tag == "img" or "display:none" in el.get("style", "").replace(" ", ""):
            continue
        assert "mso-line-height-rule:exactly" in el.get("style", "").replace(" ", ""), el.tag


def test_tap_targets_and_type_sizes(settings: Settings) -> None:
    root = page(settings, 40, html_budget_bytes=60_000)
    links = [a for a in root.iter("a") if a.get("href")]
    assert len(links) > 20
    for link in links:
        style = declarations(link.get("style", ""))
        assert style.get("display") in ("block", "inline-block"), link.text_content()
        padding = [px(v) for v in style["padding"].split()]
        vertical = padding[0] + padding[2 if len(padding) > 2 else 0]
        line = px(
            style.get("line-height") or link.getparent().get("style").split("line-height:")[1]
        )
        assert line + vertical >= 44, link.text_content()
    for el in elements(root):
        style = declarations(el.get("style", ""))
        if "font-size" in style and style.get("display") != "none" and el.tag != "div":
            assert px(style["font-size"]) >= 14, (el.get("class"), style["font-size"])


def test_links_say_where_they_go_and_alt_text_adds_something(settings: Settings) -> None:
    digest = real_digest(12)
    root = page(settings)
    texts = Counter(
        " ".join(a.text_content().split())
        for a in root.iter("a")
        if "story-link" in (a.get("class") or "")
    )
    assert texts and max(texts.values()) == 1  # no twenty identical "Read more" links
    assert not any(t.lower().startswith("read more") for t in texts)
    headlines = {" ".join(h.text_content().split()) for h in root.iter("h2")}
    for img in root.iter("img"):
        alt = img.get("alt", "")
        assert alt and all(alt not in h and h not in alt for h in headlines)
    assert digest.items[0].article.title in headlines  # the lead's headline has no number


def test_briefing_structure(settings: Settings) -> None:
    digest = real_digest(12)
    root = page(settings)
    text = root.text_content()
    assert "1 big thing" in text
    greeting = root.find_class("intro")[0].text_content()
    assert "Good morning" in greeting and "2026" not in greeting and "December" not in greeting
    toc = [" ".join(a.text_content().split()) for a in root.find_class("toc-link")]
    assert len(toc) == TOC_LIMIT  # one phone screen
    assert f"+ {12 - TOC_LIMIT} more stories below" in text
    headings = [" ".join(h.text_content().split()) for h in root.iter("h2")]
    assert headings[0] == digest.items[0].article.title
    for n, heading in enumerate(headings[1:], 2):
        assert heading.startswith(f"{n}. ")
    for entry in toc[1:]:  # the list's numbers are the headings' numbers
        number, _, title = entry.partition(". ")
        assert headings[int(number) - 1].startswith(f"{number}. {title.rstrip('…')}")
