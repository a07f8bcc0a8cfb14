"""WCAG AA contrast of every text colour, light and dark, computed from the email's CSS."""

from __future__ import annotations

import pytest

from digest.newsletter.render import render_digest
from digest.pipeline.stages import brand_from
from digest.settings import Settings
from tests.newsletter.contrast import SCHEMES, colour_pairs, sample_html
from tests.newsletter.realistic import real_digest

KEY_ELEMENTS = {
    "masthead-name", "masthead-date", "masthead-link", "section-title", "toc-link",
    "lead-headline", "story-headline", "story-meta", "story-summary", "quote-text",
    "quote-speaker", "story-link", "also-link", "more-link", "footer-p", "footer-link",
}  # fmt: skip


def failures(html: str) -> list[str]:
    return [
        f"{p.element} ({p.scheme}): {p.foreground} on {p.background} = {p.ratio:.2f}"
        for p in colour_pairs(html)
        if p.ratio < p.required
    ]


def test_every_text_colour_meets_aa_in_both_schemes() -> None:
    pairs = colour_pairs(sample_html())
    for scheme in SCHEMES:
        assert {p.element for p in pairs if p.scheme == scheme} >= KEY_ELEMENTS
    assert not [p for p in pairs if p.ratio < p.required]


@pytest.mark.parametrize(
    ("brand", "accent"), [("#7fb3ff", "#ffcc00"), ("#000000", "#0000ee"), ("#ffffff", "#777777")]
)
def test_brand_colours_from_settings_are_made_readable(
    settings: Settings, brand: str, accent: str
) -> None:
    branded = settings.model_copy(
        update={"brand_color": brand, "accent_color": accent, "html_budget_bytes": 40_000}
    )
    html = render_digest(real_digest(30), brand_from(branded), settings.templates_dir).html
    assert not failures(html)


def test_the_check_catches_a_colour_left_light_in_dark_mode() -> None:
    html = sample_html()
    # the old template's fault: the accent links had no dark-mode colour
    broken = html.replace(".section-title, .story-link { color:", ".section-title { color:")
    assert broken != html
    assert any(f.startswith("story-link (dark)") for f in failures(broken))
