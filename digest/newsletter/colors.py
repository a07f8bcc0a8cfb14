"""Colours that stay readable: WCAG 2 contrast, and a brand colour nudged until it meets AA.

The brand and accent colours are settings, so the template cannot hard-code a dark-mode
variant; :func:`readable` derives one (mixing toward white on a dark background, toward black
on a light one) that meets the ratio asked for.
"""

from __future__ import annotations

AA_TEXT = 4.5  # WCAG 2.x AA, normal text
AA_LARGE = 3.0  # 18px+ bold or 24px+ text


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _mix(colour: str, toward: str, share: float) -> str:
    mixed = (round(c + (t - c) * share) for c, t in zip(rgb(colour), rgb(toward), strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def readable(colour: str, *backgrounds: str, ratio: float = AA_TEXT) -> str:
    """``colour`` itself when it meets ``ratio`` on every background, else the closest mix
    toward white (dark backgrounds) or black (light ones) that does."""
    darkest = min(backgrounds, key=luminance)
    toward = "#ffffff" if luminance(darkest) < 0.18 else "#000000"
    for step in range(21):
        candidate = _mix(colour, toward, step / 20)
        if all(contrast(candidate, bg) >= ratio for bg in backgrounds):
            return candidate
    return toward


def text_on(background: str) -> str:
    """White or near-black text, whichever reads better on ``background``."""
    return (
        "#ffffff"
        if contrast("#ffffff", background) >= contrast("#1c1c1c", background)
        else ("#1c1c1c")
    )
