"""Render: the digest as an inline-styled HTML email and a plain-text part.

Rendering happens once per digest (templates in ``email_templates/``, Jinja2 with autoescape
on for HTML, CSS inlined by premailer with the ``<style>`` block kept for media queries and
dark mode); addressing it to recipients is :mod:`digest.newsletter.message`'s job.

Defence in depth against hostile input (ingest already filtered it): every article link and
image goes through :func:`digest.text.safety.safe_url` again, so only ``http(s)`` reaches an
``href`` or ``src``, and the finished bodies lose any bidi override character.
"""

from __future__ import annotations

import logging
import re
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
from digest.newsletter.compose import one_line, subject_line
from digest.text.safety import header_text, safe_url, strip_bidi

log = logging.getLogger("digest.newsletter.render")

HTML_TEMPLATE = "digest.html.j2"
TEXT_TEMPLATE = "digest.txt.j2"


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


def group_items(digest: Digest, sections: str) -> list[tuple[str | None, list[DigestItem]]]:
    """The stories in order, optionally grouped by source (groups in order of first story)."""
    if sections != "source":
        return [(None, list(digest.items))]
    groups: dict[str, list[DigestItem]] = {}
    for item in digest.items:
        groups.setdefault(item.article.source_name or "More news", []).append(item)
    return list(groups.items())


def _autoescape(name: str | None) -> bool:
    return bool(name) and not str(name).endswith((".txt", ".txt.j2"))


def make_environment(templates_dir: Path) -> jinja2.Environment:
    if not (templates_dir / HTML_TEMPLATE).is_file():
        raise RenderError(
            f"template {HTML_TEMPLATE} not found in {templates_dir}; "
            "set DIGEST_TEMPLATES_DIR to the folder holding the email templates"
        )
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = _long_date
    return env


def _long_date(day: date) -> str:
    return f"{day:%A, %B} {day.day}, {day.year}"


def field_token(name: str) -> str:
    """A subscriber column in a template: ``{{ field("company") }}``, filled per recipient."""
    key = re.sub(r"[^a-z0-9_]", "_", name.strip().lower())
    return f"digest-field-{key}-token"


def preheader_text(digest: Digest) -> str:
    lead = digest.lead
    if lead is None:
        return "No stories today."
    return one_line(lead.summary.sentences[0], limit=110)


def inline_css(html: str) -> str:
    """Inline the CSS of the first <style> block (which is then dropped); a block marked
    ``data-premailer="ignore"`` (media queries, dark mode) is kept exactly as written."""
    logging.getLogger("CSSUTILS").setLevel(logging.CRITICAL)
    premailer = Premailer(
        html,
        keep_style_tags=False,
        strip_important=False,
        remove_classes=False,
        allow_network=False,
        disable_validation=True,
        cssutils_logging_level=logging.CRITICAL,
    )
    return premailer.transform(pretty_print=False)


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


def render_digest(digest: Digest, brand: Brand, templates_dir: Path) -> RenderedDigest:
    env = make_environment(templates_dir)
    digest = safe_links(digest)
    groups = group_items(digest, brand.sections)
    ordered = [item for _, items in groups for item in items]
    context: dict[str, Any] = {
        "digest": replace(digest, items=tuple(ordered)),
        "brand": brand,
        "groups": groups,
        "numbers": {item.anchor: n for n, item in enumerate(ordered, 1)},
        "preheader": preheader_text(digest),
        "greeting": "Good morning",
        "name_token": NAME_TOKEN,
        "email_token": EMAIL_TOKEN,
        "unsubscribe_token": UNSUBSCRIBE_TOKEN,
        "preferences_token": PREFERENCES_TOKEN,
        "field": field_token,
    }
    try:
        html = strip_bidi(inline_css(env.get_template(HTML_TEMPLATE).render(context)))
        text = strip_bidi(env.get_template(TEXT_TEMPLATE).render(context))
    except jinja2.TemplateError as exc:
        raise RenderError(f"email template error: {exc}; check {templates_dir}") from exc
    return RenderedDigest(
        digest=digest,
        subject=header_text(subject_line(digest, brand.name)),
        html=html,
        text=text,
        preheader=strip_bidi(context["preheader"]),
        unsubscribe_url=brand.unsubscribe_url,
        preferences_url=brand.preferences_url,
    )
