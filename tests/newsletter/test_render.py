from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from digest.newsletter.budget import Layout
from digest.newsletter.render import (
    HTML_TEMPLATE,
    _context,
    inline_css,
    make_environment,
    render_digest,
)
from digest.pipeline.stages import brand_from
from digest.settings import Settings
from tests.helpers import make_digest, make_item


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: list[str] = []
        self.styled_tds = 0
        self.tds = 0
        self.images: list[dict[str, str | None]] = []
        self.tables: list[dict[str, str | None]] = []
        self.html_attrs: dict[str, str | None] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")
        if found.get("id"):
            self.ids.append(found["id"] or "")
        if tag == "td":
            self.tds += 1
            self.styled_tds += "style" in found
        if tag == "img":
            self.images.append(found)
        if tag == "table":
            self.tables.append(found)
        if tag == "html":
            self.html_attrs = found
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def rendered_page(settings: Settings, items: int = 4, **kwargs: str) -> tuple[Page, str, str]:
    digest = make_digest(items, **kwargs)
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir).personalize()
    page = Page()
    page.feed(rendered.html)
    return page, rendered.html, rendered.text


def test_structure_links_and_inlined_css(settings: Settings) -> None:
    digest = make_digest(4)
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir).personalize()
    page = Page()
    page.feed(rendered.html)
    anchors = [h for h in page.hrefs if h.startswith("#")]
    assert anchors == [f"#{item.anchor}" for item in digest.items]  # headline list = items
    assert all(a[1:] in page.ids for a in anchors)
    external = [h for h in page.hrefs if not h.startswith("#")]
    assert all(h.startswith(("https://", "http://", "mailto:")) for h in external)
    assert settings.unsubscribe_url in external and settings.preferences_url in external
    assert external.count("https://news.example/story") == 4  # a read-more link per story
    assert page.styled_tds == page.tds  # premailer inlined the CSS
    assert page.html_attrs.get("lang") == "en"
    assert page.title == digest.title
    assert all(t.get("role") == "presentation" for t in page.tables)
    assert "What you need to know" in rendered.html
    assert "Sunday, November 29, 2026" in rendered.html
    assert settings.postal_address in rendered.html
    for item in digest.items:
        assert item.article.title in rendered.html
        assert item.quotes[0].speaker in rendered.html
        assert f"{item.quotes[0].speaker}, spokesperson" in rendered.html


def test_style_blocks_inlined_and_kept(settings: Settings) -> None:
    _, html, _ = rendered_page(settings)
    blocks = re.findall(r"<style[^>]*>(.*?)</style>", html, re.S)
    assert len(blocks) == 1  # the inlined block is gone, the media-query block stays
    kept = blocks[0]
    assert "@media only screen and (max-width: 620px)" in kept
    assert "@media (prefers-color-scheme: dark)" in kept
    assert "width: 100% !important" in kept  # premailer left !important alone
    assert ".story-headline { font-family" not in kept  # inlined rules are not duplicated


def test_no_css_that_outlook_or_gmail_ignore_for_layout(settings: Settings) -> None:
    _, html, _ = rendered_page(settings)
    for forbidden in (
        "display:flex",
        "display: flex",
        "display:grid",
        "display: grid",
        "position:",
        "position :",
        "var(--",
        "margin:auto",
        "margin: auto",
        "margin: 0 auto",
        "float:",
    ):
        assert forbidden not in html, forbidden
    # fluid 600px column: max-width for most clients, a fixed-width table for Outlook's Word engine
    assert re.search(r'<table[^>]*class="container"[^>]*max-width:600px', html)
    assert re.search(r'<!--\[if mso\]><table role="presentation" width="600"', html)
    assert 'bgcolor="#ffffff"' in html and 'bgcolor="#eef1f5"' in html  # explicit backgrounds


def test_images_have_alt_text(settings: Settings) -> None:
    branded = settings.model_copy(update={"logo_url": "https://example.com/logo.png"})
    digest = make_digest(2)
    items = tuple(
        replace(i, article=replace(i.article, image_url="https://example.com/a.jpg"))
        for i in digest.items
    )
    rendered = render_digest(
        replace(digest, items=items), brand_from(branded), settings.templates_dir
    ).personalize()
    page = Page()
    page.feed(rendered.html)
    assert len(page.images) == 3
    assert all(img.get("alt") for img in page.images)
    # images are blocked by default in Outlook and often in Gmail: the alt text shows instead,
    # so it is styled like the text around it (inline, after premailer), not the client's serif
    for img in page.images:
        style = img.get("style") or ""
        assert "font-family:Arial" in style.replace(" ", ""), img
        assert "color:" in style, img


def test_untrusted_text_is_escaped(settings: Settings) -> None:
    _, html, text = rendered_page(
        settings,
        1,
        title="Tom & Jerry <script>alert(1)</script>",
        quote="<b>bold</b> claims & counter-claims are made here today",
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Tom &amp; Jerry" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "Tom & Jerry <script>alert(1)</script>" in text  # plain text shows it literally


def test_personalised_copies_are_escaped(settings: Settings) -> None:
    digest = make_digest(1)
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir)
    copy = rendered.personalize(
        name="Ann <b>&",
        email="ann@example.com",
        unsubscribe_url="https://example.com/u?e=ann%40example.com&t=1",
    )
    assert "Good morning, Ann &lt;b&gt;&amp;." in copy.html
    assert "Good morning, Ann <b>&." in copy.text
    assert 'href="https://example.com/u?e=ann%40example.com&amp;t=1"' in copy.html
    assert "as ann@example.com" in copy.html
    plain = rendered.personalize()
    assert "Good morning. Here" in plain.html and "digest-" not in plain.text.split("Here")[0]


def test_plain_text_part_reads_on_its_own(settings: Settings) -> None:
    _, _, text = rendered_page(settings, 2)
    assert "WHAT YOU NEED TO KNOW" in text
    assert "1. Story number 1 makes the news" in text
    assert "-- Person Number2, spokesperson" in text
    assert "Full story: https://news.example/story" in text
    assert f"Unsubscribe: {settings.unsubscribe_url}" in text
    assert "<" not in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_plain_text_headline_list_is_wrapped(settings: Settings) -> None:
    long_title = "A headline that goes on and on " * 6
    _, _, text = rendered_page(settings, 3, title=long_title.strip())
    head = text[text.index("WHAT YOU NEED TO KNOW") : text.index("=" * 60)]
    assert max(len(line) for line in head.splitlines()) <= 72
    assert "\n   " in head  # continuation lines are indented
    words = [line for line in text.splitlines() if not line.startswith(("Full story:", "View"))]
    assert all(len(line) <= 72 for line in words if "http" not in line)


def test_sections_group_stories_by_source(settings: Settings) -> None:
    items = [make_item(n) for n in range(1, 4)]
    items[1] = replace(items[1], article=replace(items[1].article, source_name="Other Wire"))
    from datetime import date

    from digest.newsletter.compose import compose_digest

    digest = compose_digest(items, date(2026, 11, 29), "Test", max_items=10)
    grouped = settings.model_copy(update={"sections": "source"})
    rendered = render_digest(digest, brand_from(grouped), settings.templates_dir).personalize()
    html, text = rendered.html, rendered.text
    # the lead comes first ("1 big thing"), then the others under their source, groups in
    # rank order; the numbering follows the new order
    assert html.index(">Other Wire<") < html.index("3. Story number 3 makes the news</h2>")
    body = text[text.index("=" * 60) :]
    assert (
        body.index("1. Story number 1")
        < body.index("OTHER WIRE")
        < body.index("2. Story number 2")
        < body.index("EXAMPLE NEWS")
        < body.index("3. Story number 3")
    )


def test_preheader_teases_the_next_stories(settings: Settings) -> None:
    digest = make_digest(6)
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir)
    assert rendered.preheader.startswith("Also: Story number 2 makes the news · Story number 3")
    assert "Story number 1" not in rendered.preheader  # the subject already names the lead
    assert rendered.preheader.endswith("more") and len(rendered.preheader) <= 110
    assert re.search(r'<div style="display:none[^>]*>Also: Story number 2', rendered.html)
    alone = render_digest(make_digest(1), brand_from(settings), settings.templates_dir)
    assert alone.preheader == "Summary sentence for story 1 is here."


def test_unsafe_links_and_bidi_never_reach_the_bodies(settings: Settings) -> None:
    """Defence in depth: even a digest built without ingest's guard renders only http(s)."""
    from digest.models import Article

    hostile = replace(
        make_item(1, title="Budget \u202eelbat\u202c news", url="javascript:alert(1)"),
        related=(Article("r", "Other", "Body.", "o", url="data:text/html,x", source_name="O"),),
    )
    hostile = replace(hostile, article=replace(hostile.article, image_url="vbscript:x"))
    digest = replace(make_digest(1), items=(hostile,))
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir).personalize(
        name="Ann \u2066x\u2069"
    )
    page = Page()
    page.feed(rendered.html)
    assert all(h.startswith(("https://", "http://", "#", "mailto:")) for h in page.hrefs)
    assert all((i.get("src") or "").startswith("https://") for i in page.images)
    for body in (rendered.html, rendered.text, rendered.subject):
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", body)
        assert "javascript:" not in body and "vbscript:" not in body and "data:text" not in body


def test_reused_style_rules_inline_exactly_as_plain_premailer(settings: Settings) -> None:
    digest = make_digest(5)
    brand = brand_from(settings, digest.date)
    env = make_environment(settings.templates_dir, brand)
    layout = Layout(full=5, shown=5, listed=5)
    page = env.get_template(HTML_TEMPLATE).render(_context(digest, brand, layout))
    first = inline_css(page)
    assert 'style="' in first and inline_css(page) == first  # the second call reuses the rules
    assert first == inline_css(page, reuse_rules=False)


def test_templates_are_compiled_once_and_reloaded_when_edited(
    settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(settings.templates_dir, folder)
    digest = make_digest(2)
    brand = brand_from(settings, digest.date)
    assert make_environment(folder, brand) is make_environment(folder, brand)
    before = render_digest(digest, brand, folder)
    assert "Edited footer line" not in before.text
    template = folder / "digest.txt.j2"
    template.write_text(template.read_text("utf-8") + "Edited footer line\n", "utf-8")
    os.utime(template, (time.time() + 5, time.time() + 5))  # a newer mtime, however fast the disk
    assert "Edited footer line" in render_digest(digest, brand, folder).text


def test_a_byline_that_repeats_the_source_is_shown_once(settings: Settings) -> None:
    from datetime import date

    from digest.newsletter.compose import compose_digest

    items = [make_item(n) for n in range(1, 3)]
    items[0] = replace(items[0], article=replace(items[0].article, author="EXAMPLE news"))
    items[1] = replace(items[1], article=replace(items[1].article, author="Jane Roe"))
    digest = compose_digest(items, date(2026, 11, 29), "Test", max_items=10)
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir).personalize()
    for body in (rendered.html, rendered.text):
        assert "EXAMPLE news" not in body
        assert "Jane Roe" in body
        assert body.count("Example News") >= 2  # each story's line still names its source


def test_a_partial_quote_is_printed_with_a_leading_ellipsis(settings: Settings) -> None:
    partial = "neither certified as an effective aid nor anything more than a supplement"
    _, html, text = rendered_page(settings, 1, quote=partial)
    assert f"“…{partial}”" in html
    assert f'"…{partial[:20]}' in text
    whole = "We will vigorously defend ourselves against these claims."
    _, html, text = rendered_page(settings, 1, quote=whole)
    assert f"“{whole}”" in html and f'"{whole}"' in text


def test_a_story_written_right_to_left_is_laid_out_right_to_left(settings: Settings) -> None:
    from datetime import date

    from digest.newsletter.compose import compose_digest

    arabic = make_item(
        2,
        title="معارضون يسيطرون على مخازن للصواريخ بريف دمشق",
        summary="وقال المرصد السوري لحقوق الإنسان إن مقاتلين سيطروا على ثلاثة مستودعات.",
        quote="سيطرنا على المستودعات صباح اليوم بعد معارك استمرت ساعات.",
    )
    items = [make_item(1), arabic, make_item(3)]
    digest = compose_digest(items, date(2026, 11, 29), "Test", max_items=10)
    html = render_digest(digest, brand_from(settings), settings.templates_dir).personalize().html
    rtl = re.findall(r'<(\w+)[^>]*\bdir="rtl"[^>]*>([^<]{0,60})', html)
    assert sorted(tag for tag, _ in rtl) == ["h2", "p", "p"]  # headline, summary, quote
    assert all(
        not text or "\u0600" <= text.strip("“ 0123456789.")[:1] <= "\u06ff" for _, text in rtl
    )
    assert html.count('dir="rtl"') == 3  # the English stories keep the email's direction
