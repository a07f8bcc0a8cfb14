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


def test_the_label_of_a_list_of_links_goes_with_the_links() -> None:
    story = [
        "The council approved the new bridge on Tuesday after a decade of debate.",
        "Construction is expected to start in the spring, officials said.",
    ]
    links = ["Five things to know about the bridge", "Where the money comes from"]
    lines = [story[0], "More stories about the bridge:", *links, story[1], "Read on:", *links]
    furniture = {" ".join(link.casefold().split()) for link in links}
    assert drop_furniture(lines, furniture) == story


def test_a_paragraph_ending_in_a_colon_before_one_link_or_a_long_one_stays() -> None:
    story = "The council approved the new bridge on Tuesday after a decade of debate."
    long_intro = (
        "The plan was drawn up by the state transport office, which studied traffic on the "
        "river for years; the full study is linked below:"
    )
    furniture = {"the full study", "the budget", "the map"}
    lines = ["Here is the study:", "The full study", story, long_intro, "The budget", "The map"]
    assert drop_furniture(lines, furniture) == ["Here is the study:", story, long_intro]


def test_a_caption_tag_outside_a_table_is_not_furniture() -> None:
    slide = "The new bridge will carry four lanes of traffic and a path for bicycles."
    table = "Traffic counts on the old bridge, by year"
    root = page_root(
        f"<html><body><div class='slide'><h2>The plan</h2><p><caption>{slide}</caption></p></div>"
        f"<table><caption>{table}</caption><tr><td>2024</td><td>41,000</td></tr></table>"
        "</body></html>"
    )
    assert root is not None
    assert drop_furniture([slide, table], furniture_texts(root)) == [slide]
