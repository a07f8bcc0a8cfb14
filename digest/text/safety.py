"""Hostile text and links: the one place that decides what outside data may become.

Everything from outside (feed titles, page metadata, CSV rows, URLs) passes through here at
ingest and again where it is rendered or put in a header (defence in depth):

- :func:`safe_url` keeps only absolute ``http(s)`` URLs (and ``mailto:`` where a mail link is
  meant); ``javascript:``, ``data:``, ``vbscript:``, relative and malformed URLs give ``None``.
- :func:`strip_bidi` removes the bidi embedding, override and isolate characters
  (U+202A-U+202E, U+2066-U+2069) that can make text read differently from what it is.
- :func:`header_text` makes a string safe for an email header whatever the ``email`` package
  does with it: every control, format (bidi included) and line/paragraph separator character
  becomes a space, whitespace is collapsed, and RFC 2047 encoded-word syntax (``=?cs?q?..?=``)
  is broken up, so that no decoder turns it back into CR/LF and new headers.

Pure functions over strings; no IO.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_URL_SCHEMES = ("http", "https")
# Characters a URL may never contain: controls, spaces and separators, format characters
# (bidi included), and the characters an attribute or a header could be broken with.
_URL_FORBIDDEN = re.compile(
    r"[\x00-\x20\x7f-\x9f\s\"<>\\`\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)


def strip_bidi(text: str) -> str:
    """``text`` without bidi embedding/override/isolate characters."""
    return _BIDI.sub("", text)


def _header_char(char: str) -> str:
    if char in "\t\r\n" or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return " "
    return char


def clean_line(text: str) -> str:
    """One line of plain text: control, format and separator characters become spaces,
    whitespace runs collapse (for titles, names and other one-line metadata)."""
    return " ".join("".join(_header_char(c) for c in text).split())


def header_text(text: str, limit: int | None = None) -> str:
    """``text`` made safe for an email header (see the module docstring)."""
    flat = clean_line(text)
    # "=?" opens an encoded word and "?=" closes one; a space between the two characters means
    # neither the interpreter nor any mail client reads one.
    while "=?" in flat or "?=" in flat:
        flat = flat.replace("=?", "= ?").replace("?=", "? =")
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rsplit(" ", 1)[0] + "…"
    return flat


def safe_url(url: object, *, mailto: bool = False) -> str | None:
    """The URL if it is an absolute ``http(s)`` URL (or ``mailto:`` when ``mailto``), else None.

    Leading and trailing whitespace is dropped; a URL with any control, space, bidi or quoting
    character inside is refused rather than repaired (browsers strip some of them, which is how
    ``java\\tscript:`` gets through naive filters).
    """
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    if not candidate or len(candidate) > 4096 or _URL_FORBIDDEN.search(candidate):
        return None
    try:
        parts = urlsplit(candidate)
        parts.port  # noqa: B018  (raises ValueError on a malformed port)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme in _URL_SCHEMES:
        return candidate if parts.hostname else None
    if mailto and scheme == "mailto":
        return candidate if "@" in parts.path else None
    return None


def url_problem(url: str, what: str) -> str:
    """The reason a dropped URL is reported with (the URL shown safely, shortened)."""
    shown = clean_line(strip_bidi(url))[:80]
    return f"{what} {shown!r} dropped: only http(s) links are allowed in the email"
