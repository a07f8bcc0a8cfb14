from __future__ import annotations

import re
from html.parser import HTMLParser

from digest.pipeline import brand_from
from digest.render import render_digest
from digest.settings import Settings
from tests.helpers import make_digest


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: list[str] = []
        self.styled_tds = 0
        self.tds = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")
        if found.get("id"):
            self.ids.append(found["id"] or "")
        if tag == "td":
            self.tds += 1
            self.styled_tds += "style" in found


def test_structure_links_and_inlined_css(settings: Settings) -> None:
    digest = make_digest(4)
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir)
    parser = Links()
    parser.feed(rendered.html)
    anchors = [h for h in parser.hrefs if h.startswith("#")]
    assert anchors == [f"#{item.anchor}" for item in digest.items]  # headline list = items
    assert all(a[1:] in parser.ids for a in anchors)
    external = [h for h in parser.hrefs if not h.startswith("#")]
    assert all(h.startswith(("https://", "http://", "mailto:")) for h in external)
    assert settings.unsubscribe_url in external
    assert parser.styled_tds == parser.tds  # premailer inlined the CSS
    assert "@media only screen and (max-width: 620px)" in rendered.html  # kept for phones
    assert "!important" in rendered.html
    assert '<html lang="en"' in rendered.html
    assert "What you need to know" in rendered.html
    assert "Sunday, November 29, 2026" in rendered.html
    for item in digest.items:
        assert item.article.title in rendered.html
        assert item.quotes[0].speaker in rendered.html


def test_untrusted_text_is_escaped(settings: Settings) -> None:
    digest = make_digest(
        1,
        title="Tom & Jerry <script>alert(1)</script>",
        quote="<b>bold</b> claims & counter-claims are made here today",
    )
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir)
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered.html
    assert "Tom &amp; Jerry" in rendered.html
    assert "&lt;b&gt;bold&lt;/b&gt;" in rendered.html
    # the plain-text part shows the text literally
    assert "Tom & Jerry <script>alert(1)</script>" in rendered.text


def test_plain_text_part_reads_on_its_own(settings: Settings) -> None:
    digest = make_digest(2)
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir)
    text = rendered.text
    assert "WHAT YOU NEED TO KNOW" in text
    assert "1. Story number 1 makes the news" in text
    assert "-- Person Number2, spokesperson" in text
    assert "Read more: https://news.example/story" in text
    assert f"Unsubscribe: {settings.unsubscribe_url}" in text
    assert "<" not in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_preheader_is_the_lead_story(settings: Settings) -> None:
    digest = make_digest(2)
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir)
    assert rendered.preheader == "Summary sentence for story 1 is here."
    assert re.search(r'<div style="display:none[^>]*>Summary sentence for story 1', rendered.html)


def test_twenty_items_stay_under_gmail_clipping(settings: Settings) -> None:
    long_summary = " ".join(["A long summary sentence with many words in it."] * 8)
    digest = make_digest(20, summary=long_summary)
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir)
    assert len(rendered.html.encode("utf-8")) < 100_000
