from __future__ import annotations

import pytest

from digest.text.safety import clean_line, header_text, safe_url, strip_bidi


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/a?b=c#d",
        "http://example.com",
        "  https://example.com/o'neil  ",
        "HTTPS://EXAMPLE.COM/X",
    ],
)
def test_http_urls_are_kept(url: str) -> None:
    assert safe_url(url) == url.strip()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "/relative/path",
        "https://",
        "https://example.com/\u202egnp.exe",
        'https://example.com/" onmouseover="alert(1)',
        "https://example.com:99999/",
        "mailto:ann@example.com",
        None,
        42,
    ],
)
def test_other_urls_are_refused(url: object) -> None:
    assert safe_url(url) is None


def test_mailto_only_where_a_mail_link_is_meant() -> None:
    assert safe_url("mailto:ann@example.com", mailto=True) == "mailto:ann@example.com"
    assert safe_url("mailto:nobody", mailto=True) is None
    assert safe_url("javascript:1", mailto=True) is None


def test_bidi_characters_are_removed() -> None:
    text = "a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i\u2069j"
    assert strip_bidi(text) == "abcdefghij"


def test_header_text_neutralises_encoded_words_and_controls() -> None:
    hostile = "Budget =?utf-8?q?=0D=0ABcc:_harvest@attacker.example?="
    safe = header_text(hostile)
    assert "=?" not in safe and "?=" not in safe
    assert header_text("a\r\nBcc: x\x00\u2028y\u202ez\x85") == "a Bcc: x y z"
    assert header_text("=?=?==??").count("=?") == 0
    assert len(header_text("word " * 100, limit=50)) <= 50
    assert clean_line(" one\ttwo\n three ") == "one two three"
