from __future__ import annotations

import lxml.html

from digest.sources.titles import (
    choose_title,
    logo_headings,
    meta_titles,
    page_headings,
    strip_site_name,
)


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


def _root(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def test_an_h1_linking_to_the_home_page_is_the_site_name_not_the_headline() -> None:
    root = _root(
        "<html><head><title>river notes: Why the bridge was late</title></head><body>"
        '<h1><a href="https://river.example/">river notes</a></h1><p>Text.</p></body></html>'
    )
    assert page_headings(root) == []
    assert logo_headings(root) == ["river notes"]
    assert choose_title(page_headings(root), meta_titles(root), logo_headings(root)) == (
        "Why the bridge was late"
    )


def test_an_h1_linking_to_a_story_is_still_a_heading() -> None:
    root = _root('<h1><a href="/2026/bridge-opens">The bridge opens at last</a></h1>')
    assert page_headings(root) == ["The bridge opens at last"]


def test_a_marked_kicker_is_taken_off_the_h1() -> None:
    root = _root(
        '<h1><span class="article__roofline">Worms</span> Build a worm bin yourself</h1>'
        '<h1><span class="big">Storm</span> warnings for the coast</h1>'
    )
    assert page_headings(root) == ["Build a worm bin yourself", "Storm warnings for the coast"]


def test_the_only_h1_wins_over_a_different_metadata_title() -> None:
    h1 = "Hospitals already use machine learning to plan their operations"
    assert choose_title([h1], ["The future of AI in care | Vendor"], ["Vendor"]) == h1
    # a heading with a separator is a section header, not the story's headline
    assert choose_title(["News | Entry"], ["High resolution snow maps online"]) == (
        "High resolution snow maps online"
    )


def test_a_colon_separates_the_site_name_only_when_it_is_the_site_name() -> None:
    assert strip_site_name("River Notes: Bridge vote passes", ["river notes"]) == (
        "Bridge vote passes"
    )
    assert strip_site_name("Analysis: Bridge vote passes", ["river notes"]) == (
        "Analysis: Bridge vote passes"
    )


def test_the_json_ld_headline_of_an_article_is_a_title_candidate_first() -> None:
    root = _root(
        "<html><head><title>Home | Daily Example</title>"
        '<meta property="og:title" content="Daily Example">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "headline": "Daily Example"},'
        '{"@type": ["NewsArticle"], "headline": "Council approves the new river bridge"}]}'
        "</script></head><body><p>Text.</p></body></html>"
    )
    assert meta_titles(root)[0] == "Council approves the new river bridge"
    assert choose_title(page_headings(root), meta_titles(root)) == (
        "Council approves the new river bridge"
    )


def test_broken_or_foreign_json_ld_is_ignored() -> None:
    root = _root(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", </script>'
        '<script type="application/ld+json">{"@type": "Recipe", "headline": "Soup"}</script>'
        '<script type="application/ld+json">[[[[[]]]]]</script>'
        "<title>Bridge vote passes</title></head><body></body></html>"
    )
    assert meta_titles(root) == ["Bridge vote passes"]
