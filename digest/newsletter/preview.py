"""Preview: look at the digest as a reader would, in a real browser engine.

Finds the latest digest in the outbox and takes screenshots of the whole email with headless
Chromium at a desktop mail width (600px) and a phone width (375px), in the light and the dark
colour scheme (``--force-dark-mode`` makes ``prefers-color-scheme: dark`` match). The page
height is measured first in the same browser at the same width, so the shot holds everything
down to the footer and no blank space after it. Chromium comes from the system (Debian package
``chromium``; ``make test`` installs it when missing).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from digest.errors import ConfigError, DigestError

WIDTHS = (600, 375)
SCHEMES = ("light", "dark")
MAX_HEIGHT = 30_000  # Chromium's screenshots fail beyond about 32k pixels
_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_MEASURE = (
    "<script>function digestHeight() { document.title = 'digest-height:' + Math.ceil(Math.max("
    "document.documentElement.scrollHeight, document.body.scrollHeight)); }"
    "digestHeight(); window.addEventListener('load', digestHeight);</script>"
)


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


def _run(browser: str, args: list[str], page: Path) -> subprocess.CompletedProcess[str]:
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
            "--virtual-time-budget=5000",  # wait for images (or their failure) and layout
            f"--user-data-dir={profile}",
            *args,
            page.resolve().as_uri(),
        ]
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired as exc:
            raise DigestError(f"Chromium took too long to render {page}") from exc


def _scheme_flags(scheme: str) -> list[str]:
    return ["--force-dark-mode"] if scheme == "dark" else []


def page_height(page: Path, width: int, scheme: str = "light", chromium: str | None = None) -> int:
    """The email's full height in CSS pixels at ``width``, measured by Chromium."""
    browser = chromium or find_chromium()
    html = page.read_text(encoding="utf-8")
    marked = html.replace("</body>", f"{_MEASURE}</body>", 1) if "</body>" in html else html
    with tempfile.TemporaryDirectory(prefix="digest-measure-") as folder:
        copy = Path(folder) / page.name
        copy.write_text(marked + ("" if "</body>" in html else _MEASURE), encoding="utf-8")
        result = _run(
            browser, [f"--window-size={width},800", *_scheme_flags(scheme), "--dump-dom"], copy
        )
    found = re.search(r"digest-height:(\d+)", result.stdout)
    if result.returncode != 0 or not found:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise DigestError(f"Chromium could not lay out {page}: {last}")
    return int(found.group(1))


def screenshot(
    page: Path, output: Path, width: int, chromium: str | None = None, scheme: str = "light"
) -> Path:
    """The whole email at ``width`` in ``scheme``, as tall as the email itself."""
    browser = chromium or find_chromium()
    height = min(page_height(page, width, scheme, browser), MAX_HEIGHT)
    output.parent.mkdir(parents=True, exist_ok=True)
    result = _run(
        browser,
        [f"--window-size={width},{height}", *_scheme_flags(scheme), f"--screenshot={output}"],
        page,
    )
    if result.returncode != 0 or not output.exists():
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise DigestError(f"Chromium could not screenshot {page}: {last}")
    return output


def shot_name(page: Path, width: int, scheme: str) -> str:
    return f"{page.stem}-{width}px{'-dark' if scheme == 'dark' else ''}.png"


def preview(outbox: Path, output: Path | None = None) -> list[Path]:
    """Screenshots of the latest digest at each width in :data:`WIDTHS`, light then dark."""
    page = latest_digest(outbox)
    folder = output or page.parent
    browser = find_chromium()
    return [
        screenshot(page, folder / shot_name(page, width, scheme), width, browser, scheme)
        for scheme in SCHEMES
        for width in WIDTHS
    ]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    data = path.read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
