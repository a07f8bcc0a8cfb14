from __future__ import annotations

from digest.sources.titles import choose_title, strip_site_name


def test_an_h1_that_agrees_with_the_metadata_is_the_headline() -> None:
    headings = ["Daily Example A News Site", "Council approves the new river bridge"]
    metas = ["Council approves new river bridge - Daily Example"]
    assert choose_title(headings, metas, ["Daily Example"]) == headings[1]


def test_site_name_is_removed_when_no_heading_agrees() -> None:
    assert choose_title([], ["Bridge vote passes | The Daily Example"]) == "Bridge vote passes"
    assert strip_site_name("Daily Example - Bridge vote passes at last", ["Daily Example"]) == (
        "Bridge vote passes at last"
    )


def test_a_cms_name_is_not_a_headline() -> None:
    assert choose_title(["Storm closes roads across the plains"], ["escenic"]) == (
        "Storm closes roads across the plains"
    )


def test_an_h1_with_a_subtitle_gives_the_shared_headline() -> None:
    metas = ["Fish cakes, hot and fresh in the north"]
    headings = ["Fish cakes, hot and fresh in the north Welcome to the flavour capital"]
    assert choose_title(headings, metas) == metas[0]
