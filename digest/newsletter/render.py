"""Render: the digest as an inline-styled HTML email and a plain-text part.

Rendering happens once per digest (templates in ``email_templates/``, Jinja2 with autoescape
on for HTML, CSS inlined by premailer with the ``<style>`` block kept for media queries and
dark mode); addressing it to recipients is :mod:`digest.newsletter.message`'s job.

Defence in depth against hostile input (ingest already filtered it): every article link and
image goes through :func:`digest.text.safety.safe_url` again, so only ``http(s)`` reaches an
``href`` or ``src``, and the finished bodies lose any bidi override character.

The HTML part is rendered to a byte budget (:mod:`digest.newsletter.budget`): Gmail clips a
message whose HTML part is over about 102 KB as sent, hiding the footer.
"""

from __future__ import annotations

import functools
import logging
import re
import textwrap
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from premailer import Premailer

from digest.errors import RenderError
from digest.models import (
    EMAIL_TOKEN,
    NAME_TOKEN,
    PREFERENCES_TOKEN,
    UNSUBSCRIBE_TOKEN,
    Article,
    Digest,
    DigestItem,
    RenderedDigest,
)
from digest.newsletter.budget import Layout, fit_layout
from digest.newsletter.colors import readable, text_on
from digest.newsletter.compose import one_line, preheader_text, subject_line
from digest.newsletter.direction import rtl_attribute
from digest.newsletter.times import story_time
from digest.text.safety import header_text, safe_url, strip_bidi

log = logging.getLogger("digest.newsletter.render")

HTML_TEMPLATE = "digest.html.j2"
TEXT_TEMPLATE = "digest.txt.j2"
TOC_LIMIT = 5  # headlines in the list at the top: one phone screen
LIGHT_BACKGROUNDS = ("#ffffff", "#f4f6f9")
DARK_BACKGROUNDS = ("#1b1f24", "#15181c")


@dataclass(frozen=True)
class Brand:
    """What the templates need to know about the newsletter itself (all from settings)."""

    name: str
    tagline: str
    web_url: str
    unsubscribe_url: str
    preferences_url: str
    postal_address: str
    brand_color: str = "#0b2545"
    accent_color: str = "#b3122e"
    logo_url: str | None = None
    show_images: bool = True
    sections: str = "none"  # "none" or "source": group the stories under their source
    timezone: str = "UTC"  # story times are shown in this zone
    html_budget_bytes: int = 90_000  # the encoded HTML part stays under this; 0 = no budget


def group_items(
    items: tuple[DigestItem, ...] | list[DigestItem], sections: str
) -> list[tuple[str | None, list[DigestItem]]]:
    """The stories in order, optionally grouped by source (groups in order of first story)."""
    if sections != "source":
        return [(None, list(items))]
    groups: dict[str, list[DigestItem]] = {}
    for item in items:
        groups.setdefault(item.article.source_name or "More news", []).append(item)
    return list(groups.items())


def _autoescape(name: str | None) -> bool:
    return bool(name) and not str(name).endswith((".txt", ".txt.j2"))


def make_environment(templates_dir: Path, brand: Brand | None = None) -> jinja2.Environment:
    """The templates' Jinja2 environment, built once per folder and reused: compiling the
    templates cost more than rendering them. Jinja2 still reloads a template whose file
    changed (``auto_reload``), and nothing in it depends on one digest (``story_meta`` reads
    the digest's date and zone from the render context), so renders may share it."""
    if not (templates_dir / HTML_TEMPLATE).is_file():
        raise RenderError(
            f"template {HTML_TEMPLATE} not found in {templates_dir}; "
            "set DIGEST_TEMPLATES_DIR to the folder holding the email templates"
        )
    return _environment(str(templates_dir.resolve()))


@functools.lru_cache(maxsize=8)
def _environment(folder: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
    )
    env.filters["long_date"] = _long_date
    env.filters["short_title"] = lambda title: one_line(title, limit=48)
    env.filters["toc_title"] = lambda title: one_line(title, limit=80)
    env.filters["image_alt"] = image_alt
    env.filters["story_meta"] = _story_meta
    env.filters["quote_text"] = quote_text
    env.filters["rtl"] = rtl_attribute
    env.filters["hanging"] = lambda text, indent="   ": textwrap.fill(
        " ".join(text.split()), 72, subsequent_indent=indent, break_on_hyphens=False
    )
    return env


@jinja2.pass_context
def _story_meta(context: jinja2.runtime.Context, item: DigestItem) -> list[str]:
    """The story's line under its headline: source, byline, when it was published (in the
    readers' zone). A byline that only repeats the source ("Eat What Tonight · Eat What
    Tonight", a blog signed with its own name) is left out."""
    when = story_time(item.article, context["digest"].date, context["brand"].timezone)
    source, author = item.article.source_name, item.article.author
    if author and source and _letters(author) == _letters(source):
        author = None
    return [part for part in (source, author, when) if part]


def quote_text(text: str) -> str:
    """A key quote as printed between quote marks: on one line, and marked with a leading
    ellipsis when it starts mid-sentence (a partial quote: "…neither certified as ..."), as
    newspapers print one taken out of its sentence."""
    text = " ".join(text.split())
    first = next((c for c in text if c.isalnum()), "")
    if first.islower() and not text.startswith(("…", "...")):
        text = "…" + text
    return text


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _long_date(day: date) -> str:
    return f"{day:%A, %B} {day.day}, {day.year}"


def image_alt(item: DigestItem) -> str:
    """Alt text that says what the image is without repeating the headline beside it."""
    source = item.article.source_name
    return f"Photo from {source}" if source else "Story photo"


def field_token(name: str) -> str:
    """A subscriber column in a template: ``{{ field("company") }}``, filled per recipient."""
    key = re.sub(r"[^a-z0-9_]", "_", name.strip().lower())
    return f"digest-field-{key}-token"


def scheme_colours(brand: Brand) -> dict[str, str]:
    """The brand colours as the template uses them, each readable where it is shown."""
    return {
        "brand": brand.brand_color,
        "on_brand": text_on(brand.brand_color),
        "brand_text": readable(brand.brand_color, *LIGHT_BACKGROUNDS),
        "accent": readable(brand.accent_color, *LIGHT_BACKGROUNDS),
        "accent_dark": readable(brand.accent_color, *DARK_BACKGROUNDS, ratio=5.5),
    }


class _StylePremailer(Premailer):
    """premailer with its style-rule table kept between renders.

    Every render inlines the same ``<style>`` block; premailer caches the parsed sheet but
    turns each property back into text on every call (two thirds of its time on a digest).
    The table depends only on the CSS text, its index and the options below, which
    :func:`inline_css` never changes; the lists are copied, their items are immutable."""

    def _parse_style_rules(self, css_body: str, ruleset_index: int) -> tuple[list, list]:
        rules, leftover = _style_rules(css_body, ruleset_index)
        return list(rules), list(leftover)


@functools.lru_cache(maxsize=16)
def _style_rules(css_body: str, ruleset_index: int) -> tuple[tuple, tuple]:
    rules, leftover = Premailer(**PREMAILER_OPTIONS)._parse_style_rules(css_body, ruleset_index)
    return tuple(rules), tuple(leftover)


PREMAILER_OPTIONS: dict[str, Any] = {
    "keep_style_tags": False,
    "strip_important": False,
    "remove_classes": False,
    "allow_network": False,
    "disable_validation": True,
    "disable_basic_attributes": ["width", "height"],
    "cssutils_logging_level": logging.CRITICAL,
}


def inline_css(html: str, *, reuse_rules: bool = True) -> str:
    """Inline the CSS of the first <style> block (which is then dropped); a block marked
    ``data-premailer="ignore"`` (media queries, dark mode) is kept exactly as written.

    premailer would turn CSS ``width``/``height`` into attributes (``width="100%"``,
    ``height="auto"``); Outlook on Windows reads only the attribute, so images keep the pixel
    ``width`` the template gives them. ``reuse_rules=False`` runs plain premailer (the tests
    compare the two)."""
    logging.getLogger("CSSUTILS").setLevel(logging.CRITICAL)
    kind = _StylePremailer if reuse_rules else Premailer
    return kind(html, **PREMAILER_OPTIONS).transform(pretty_print=False)


def _safe_article(article: Article) -> Article:
    url, image = safe_url(article.url), safe_url(article.image_url)
    if (url, image) == (article.url, article.image_url):
        return article
    log.warning("dropped an unsafe link or image of %s at render time", article.source)
    return replace(article, url=url, image_url=image)


def safe_links(digest: Digest) -> Digest:
    """The digest with every article link and image that is not http(s) removed."""
    items = tuple(
        replace(
            item,
            article=_safe_article(item.article),
            related=tuple(_safe_article(a) for a in item.related),
        )
        for item in digest.items
    )
    return replace(digest, items=items)


def _context(digest: Digest, brand: Brand, layout: Layout) -> dict[str, Any]:
    ranked = digest.items
    kept = ranked[: layout.shown]
    lead = kept[0] if kept else None
    groups = group_items(kept[1:], brand.sections)
    ordered = [item for item in (lead,) if item] + [i for _, items in groups for i in items]
    numbers = {item.anchor: n for n, item in enumerate(ordered, 1)}
    return {
        "digest": replace(digest, items=tuple(ordered)),
        "brand": brand,
        "colors": scheme_colours(brand),
        "lead": lead,
        "groups": groups,
        "text_groups": ([(None, [lead])] if lead else []) + groups,
        "numbers": numbers,
        "toc": ordered[:TOC_LIMIT],
        "toc_rest": max(len(ordered) - TOC_LIMIT, 0),
        "short_anchors": {item.anchor for item in ranked[layout.full : layout.shown]},
        "more": ranked[layout.shown : layout.listed],
        "more_rest": max(len(ranked) - max(layout.listed, layout.shown), 0),
        "preheader": preheader_text(digest),
        "greeting": "Good morning",
        "name_token": NAME_TOKEN,
        "email_token": EMAIL_TOKEN,
        "unsubscribe_token": UNSUBSCRIBE_TOKEN,
        "preferences_token": PREFERENCES_TOKEN,
        "field": field_token,
    }


def render_layout(
    digest: Digest, brand: Brand, env: jinja2.Environment, layout: Layout
) -> RenderedDigest:
    """The digest with ``layout``'s items in full, shortened and listed as More stories."""
    context = _context(digest, brand, layout)
    try:
        html = strip_bidi(inline_css(env.get_template(HTML_TEMPLATE).render(context)))
        text = strip_bidi(env.get_template(TEXT_TEMPLATE).render(context))
    except jinja2.TemplateError as exc:
        raise RenderError(f"email template error: {exc}") from exc
    return RenderedDigest(
        digest=digest,
        subject=header_text(subject_line(digest, brand.name)),
        html=html,
        text=text,
        preheader=strip_bidi(context["preheader"]),
        unsubscribe_url=brand.unsubscribe_url,
        preferences_url=brand.preferences_url,
    )


def render_digest(digest: Digest, brand: Brand, templates_dir: Path) -> RenderedDigest:
    """Every item in full when the HTML part fits ``brand.html_budget_bytes`` as sent; else
    the lowest-ranked items shortened, then listed under "More stories" (footer always kept)."""
    env = make_environment(templates_dir, brand)
    safe = safe_links(digest)
    try:
        return fit_layout(
            len(safe.items),
            lambda layout: render_layout(safe, brand, env, layout),
            brand.html_budget_bytes,
        )
    except RenderError as exc:
        raise RenderError(f"{exc}; check {templates_dir}") from exc
