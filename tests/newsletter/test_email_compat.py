"""The rendered digest against the caniemail.com support data (doiuse-email, run by node).

Clients: Gmail, Outlook (Windows, Windows Mail, Outlook.com, Mac, phones), Apple Mail, Yahoo.
Every feature the data marks unsupported somewhere must be one of the enhancements below, which
the layout does not depend on (each degrades to something readable); anything else fails.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from digest.newsletter.render import render_digest
from digest.pipeline.stages import brand_from
from digest.settings import Settings
from tests.helpers import make_digest

CHECKER = Path(__file__).parent.parent / "email_compat"
CLIENTS = ["gmail.*", "outlook.*", "apple-mail.*", "yahoo.*"]

ENHANCEMENTS = {
    # The <style data-premailer="ignore"> block: phone padding and dark mode. Everything it
    # styles is also inlined, so a client that drops the block shows the desktop light layout.
    "@media": "phone widths and dark mode only",
    "Class selector": "only in the kept <style> block",
    "Descendant combinator": "only in the kept <style> block",
    "Attribute selector": "Outlook.com dark-mode hooks ([data-ogsc])",
    # The hidden preheader: clients that ignore these show the preheader text at the top.
    "display:none": "hides the preheader",
    "overflow": "hides the preheader",
    # Headline list anchors: where unsupported, the link does nothing; the story is below.
    "Local anchors": "headline list jumps to the story",
    # Clients that replace <body> keep the wrapper table, which carries the background colour.
    "<body> element": "backgrounds are on the wrapper table too",
    # role="presentation" is for screen readers; clients that drop it lose nothing visual.
    "role attribute": "accessibility hint only",
}


@pytest.fixture(scope="module")
def checker() -> Path:
    if shutil.which("node") is None:
        pytest.fail("node is not installed; it is needed for the caniemail check")
    if not (CHECKER / "node_modules" / "@jsx-email" / "doiuse-email").is_dir():
        pytest.fail(f"run 'npm ci --prefix {CHECKER}' (make test does it) to install doiuse-email")
    return CHECKER / "check.mjs"


def unsupported(checker: Path, html: str, tmp_path: Path) -> dict[str, set[str]]:
    page = tmp_path / "digest.html"
    page.write_text(html, encoding="utf-8")
    result = subprocess.run(
        ["node", str(checker), str(page), *CLIENTS],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    errors = json.loads(result.stdout)["errors"]
    found: dict[str, set[str]] = {}
    for error in errors:
        m = re.match(r"`(.+?)` is not supported by `(.+?)`", error)
        assert m, error
        found.setdefault(m.group(1), set()).add(m.group(2))
    return found


def test_layout_uses_only_supported_features(
    checker: Path, settings: Settings, tmp_path: Path
) -> None:
    digest = make_digest(5)
    items = tuple(
        replace(i, article=replace(i.article, image_url="https://example.com/a.jpg"))
        for i in digest.items
    )
    branded = settings.model_copy(update={"logo_url": "https://example.com/logo.png"})
    html = (
        render_digest(replace(digest, items=items), brand_from(branded), settings.templates_dir)
        .personalize()
        .html
    )
    found = unsupported(checker, html, tmp_path)
    layout_problems = {f: sorted(c) for f, c in found.items() if f not in ENHANCEMENTS}
    assert not layout_problems


def test_the_checker_catches_layout_css(checker: Path, tmp_path: Path) -> None:
    html = (
        '<html><body><div style="display:flex;position:absolute">'
        '<div style="display:grid">x</div></div></body></html>'
    )
    found = unsupported(checker, html, tmp_path)
    assert {"display:flex", "position", "display:grid"} & set(found)
    assert "outlook.windows" in set().union(*found.values())
