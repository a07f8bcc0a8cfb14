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
