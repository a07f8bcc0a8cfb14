"""Preview: look at the digest as a reader would, in a real browser engine.

Finds the latest digest in the outbox and takes screenshots of it with headless Chromium at a
desktop mail width (600px) and a phone width (375px). Chromium comes from the system (Debian
package ``chromium``; ``make test`` installs it when missing).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from digest.errors import ConfigError, DigestError

WIDTHS = (600, 375)
_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str:
    for name in _CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    raise ConfigError(
        "no Chromium found for screenshots; install it (Debian: apt-get install chromium) "
        "or put it on PATH"
    )


def latest_digest(outbox: Path) -> Path:
    """The newest ``digest-*.html`` in the outbox (by date in the name, then modification)."""
    pages = sorted(outbox.glob("digest-*.html"), key=lambda p: (p.name, p.stat().st_mtime))
    if not pages:
        raise ConfigError(f"no digest-*.html in {outbox}; run 'digest run' first")
    return pages[-1]


def estimated_height(html: str, width: int) -> int:
    """A page height that holds the whole email (Chromium's screenshot is the viewport)."""
    stories = max(html.count('class="story"'), 1)
    per_story = 560 if width >= 600 else 900
    return min(900 + stories * per_story, 16_000)


def screenshot(page: Path, output: Path, width: int, chromium: str | None = None) -> Path:
    browser = chromium or find_chromium()
    height = estimated_height(page.read_text(encoding="utf-8"), width)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="digest-chromium-") as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={output}",
            page.resolve().as_uri(),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired as exc:
            raise DigestError(f"Chromium took too long to render {page}") from exc
    if result.returncode != 0 or not output.exists():
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise DigestError(f"Chromium could not screenshot {page}: {last}")
    return output


def preview(outbox: Path, output: Path | None = None) -> list[Path]:
    """Screenshots of the latest digest at each width in :data:`WIDTHS`."""
    page = latest_digest(outbox)
    folder = output or page.parent
    browser = find_chromium()
    return [
        screenshot(page, folder / f"{page.stem}-{width}px.png", width, browser) for width in WIDTHS
    ]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    data = path.read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
