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


STORY = " ".join(f"The council met for the {n}th time and voted on a bridge." for n in range(15))


def furniture_of(body: str) -> set[str]:
    root = page_root(f"<html><body>{body}</body></html>".encode())
    assert root is not None
    return furniture_texts(root)


def test_blocks_outside_the_main_element_are_furniture() -> None:
    banner = "<div><p>Example Answers is a site for people who like questions.</p></div>"
    page = f"{banner}<main><p>{STORY}</p><p>The bridge opens in May.</p></main>"
    lines = ["Example Answers is a site for people who like questions.", STORY]
    assert drop_furniture(lines, furniture_of(page)) == [STORY]
    # a <main> too short to be the story is no evidence about what lies outside it
    short = f"{banner}<main><p>Menu</p></main><article><p>{STORY}</p></article>"
    assert drop_furniture(lines, furniture_of(short)) == lines


def test_the_page_header_dialogs_and_hidden_blocks_are_furniture() -> None:
    page = (
        "<header><div><p>Our network has 180 communities for curious people.</p></div></header>"
        "<div role='dialog'><p>Create a free team to share what you know.</p></div>"
        "<div hidden><p>Thanks for contributing an answer to this site.</p></div>"
        f"<article><header><p>The council met again.</p></header><p>{STORY}</p></article>"
        "<div style='display: none'><p>x = len(response)</p></div>"
    )
    lines = [
        "Our network has 180 communities for curious people.",
        "Create a free team to share what you know.",
        "Thanks for contributing an answer to this site.",
        "The council met again.",
        STORY,
        "x = len(response)",
    ]
    # an article's own header stays; so does text a style hides (code copies, galleries)
    assert drop_furniture(lines, furniture_of(page)) == lines[3:]
