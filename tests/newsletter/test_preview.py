from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from digest.cli import main
from digest.delivery.outbox import atomic_write
from digest.errors import ConfigError
from digest.newsletter.preview import latest_digest, page_height, png_size, preview
from digest.newsletter.render import render_digest
from digest.pipeline.stages import brand_from
from digest.settings import Settings
from tests.helpers import make_digest
from tests.newsletter.realistic import real_digest

needs_chromium = pytest.mark.skipif(
    not any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")),
    reason="Chromium is not installed (make test installs the Debian package as root)",
)
PAGE_BG = {"light": (0xEE, 0xF1, 0xF5), "dark": (0x11, 0x14, 0x18)}
FOOTER_BG = {"light": (0xF4, 0xF6, 0xF9), "dark": (0x15, 0x18, 0x1C)}


def write_digest(outbox: Path, settings: Settings, items: int = 3, real: bool = False) -> Path:
    digest = real_digest(items) if real else make_digest(items)
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir)
    page = outbox / "digest-2026-11-29.html"
    atomic_write(page, rendered.personalize().html.encode("utf-8"))
    return page


def near(pixel: tuple[int, ...], colour: tuple[int, int, int], slack: int = 6) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(pixel[:3], colour, strict=True))


def test_latest_digest_and_missing_outbox(tmp_path: Path) -> None:
    (tmp_path / "digest-2026-11-28.html").write_text("old")
    (tmp_path / "digest-2026-11-29.html").write_text("new")
    assert latest_digest(tmp_path).name == "digest-2026-11-29.html"
    with pytest.raises(ConfigError, match="run 'digest run' first"):
        latest_digest(tmp_path / "empty")


@needs_chromium
def test_whole_email_light_and_dark_without_blank_space(tmp_path: Path, settings: Settings) -> None:
    page = write_digest(tmp_path, settings, 12, real=True)
    shots = preview(tmp_path, tmp_path / "shots")
    names = [p.name for p in shots]
    assert names == [
        "digest-2026-11-29-600px.png",
        "digest-2026-11-29-375px.png",
        "digest-2026-11-29-600px-dark.png",
        "digest-2026-11-29-375px-dark.png",
    ]
    for shot in shots:
        scheme = "dark" if shot.stem.endswith("dark") else "light"
        width, height = png_size(shot)
        assert width == (600 if "600px" in shot.name else 375)
        assert height > 2000  # the whole email, not one screen
        image = Image.open(shot).convert("RGB")
        column = [image.getpixel((8 if width == 600 else 2, y)) for y in range(height)]
        # from the bottom: at most the 16px outer padding of page background, then the footer
        blank = next(i for i, px in enumerate(reversed(column)) if not near(px, PAGE_BG[scheme], 2))
        assert blank <= 20, (shot.name, blank)
        inside = image.getpixel((width // 2, height - blank - 5))
        assert near(inside, FOOTER_BG[scheme], 12) or blank == 0, (shot.name, inside)
        story = image.crop((0, height // 2, width, height // 2 + 400)).resize((1, 1))
        level = sum(story.getpixel((0, 0))) / 3
        assert (level < 90) if scheme == "dark" else (level > 180), (shot.name, level)
    assert page_height(page, 375) > page_height(page, 600)  # narrower wraps more


@needs_chromium
def test_preview_command(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    write_digest(tmp_path, settings, items=1)
    assert main(["preview", "--outbox", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "digest-2026-11-29-600px.png" in out and "digest-2026-11-29-375px-dark.png" in out
