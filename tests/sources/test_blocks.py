from __future__ import annotations

from digest.sources.blocks import drop_furniture, furniture_texts, page_root


def test_undeclared_utf8_bytes_are_read_as_utf8_so_furniture_texts_match() -> None:
    raw = (
        "<html><body><nav><a href='/'>Café — naïve réseau</a></nav>"
        "<p>Une longue phrase de l’article, écrite en français pour ce test.</p></body></html>"
    ).encode()
    root = page_root(raw)
    assert root is not None
    assert "Café — naïve réseau" in root.text_content()
    lines = ["Café — naïve réseau", "Une longue phrase de l’article, écrite en français."]
    assert drop_furniture(lines, furniture_texts(root)) == lines[1:]
