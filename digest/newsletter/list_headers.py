"""``List-Unsubscribe`` written as RFC 2369 and RFC 8058 want it: angle-bracketed URLs, folded
between the URLs (never as RFC 2047 encoded words, which a list header may not hold)."""

from __future__ import annotations

from urllib.parse import quote

# RFC 5322 allows 998 octets a line; a URL longer than that (rare) is split with whitespace
# inside its brackets, which RFC 2369 section 2 tells list-header parsers to ignore.
_MAX_LINE = 998
_URL_SAFE = "!#$%&'()*+,-./:;=?@[]_~"  # everything printable in a URL but <, >, ", space


def list_unsubscribe(urls: list[str]) -> str:
    """The header's value, pre-folded (``\\n `` between lines), ASCII only."""
    lines = []
    for number, url in enumerate(urls):
        text = "<" + quote(url, safe=_URL_SAFE) + ">" + ("," if number < len(urls) - 1 else "")
        room = _MAX_LINE - len("List-Unsubscribe: ")
        while len(text) > room:
            lines.append(text[:room])
            text = text[room:]
        lines.append(text)
    return "\n ".join(lines)
