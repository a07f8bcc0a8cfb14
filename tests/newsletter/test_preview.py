from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest.cli import main
from digest.delivery.outbox import atomic_write
from digest.errors import ConfigError
from digest.newsletter.preview import latest_digest, png_size, preview
from digest.newsletter.render import render_digest
from digest.pipeline.stages import brand_from
from digest.settings import Settings
from tests.helpers import make_digest

needs_chromium = pytest.mark.skipif(
    not any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")),
    reason="Chromium is not installed (make test installs the Debian package as root)",
)


def write_digest(outbox: Path, settings: Settings, items: int = 3) -> Path:
    rendered = render_digest(make_digest(items), brand_from(settings), settings.templates_dir)
    page = outbox / "digest-2026-11-29.html"
    atomic_write(page, rendered.personalize().html.encode("utf-8"))
    return page


def test_latest_digest_and_missing_outbox(tmp_path: Path) -> None:
    (tmp_path / "digest-2026-11-28.html").write_text("old")
    (tmp_path / "digest-2026-11-29.html").write_text("new")
    assert latest_digest(tmp_path).name == "digest-2026-11-29.html"
    with pytest.raises(ConfigError, match="run 'digest run' first"):
        latest_digest(tmp_path / "empty")


@needs_chromium
def test_screenshots_at_desktop_and_phone_width(tmp_path: Path, settings: Settings) -> None:
    write_digest(tmp_path, settings)
    shots = preview(tmp_path, tmp_path / "shots")
    assert [png_size(p)[0] for p in shots] == [600, 375]
    for shot in shots:
        _, height = png_size(shot)
        assert height > 1000 and shot.stat().st_size > 20_000  # a real rendering, not blank


@needs_chromium
def test_preview_command(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    write_digest(tmp_path, settings, items=1)
    assert main(["preview", "--outbox", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "digest-2026-11-29-600px.png" in out and "digest-2026-11-29-375px.png" in out
