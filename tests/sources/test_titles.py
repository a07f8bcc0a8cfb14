from __future__ import annotations

import lxml.html

from digest.sources.titles import (
    choose_title,
    logo_headings,
    meta_titles,
    page_headings,
    site_names,
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


def test_a_site_name_is_recognised_by_the_host_name_alone() -> None:
    host = ["www.rivernews.example"]
    assert strip_site_name("Bridge vote passes at last - River News", host) == (
        "Bridge vote passes at last"
    )
    assert strip_site_name("The River News | Bridge vote passes at last", host) == (
        "Bridge vote passes at last"
    )
    assert strip_site_name("Bridge vote passes at last | rivernews.example", []) == (
        "Bridge vote passes at last"
    )


def test_a_headline_with_a_dash_is_kept_whole_without_evidence_of_a_site_name() -> None:
    title = "Fans feared the worst – then the singer told them the real cause"
    assert strip_site_name(title, ["Daily Example"]) == title
    assert strip_site_name(f"{title} | Daily Example", ["Daily Example"]) == title
    assert strip_site_name("Fair Fashion Knit – our favourite labels for wool", []) == (
        "Fair Fashion Knit – our favourite labels for wool"
    )


def test_a_section_next_to_the_site_name_goes_with_it() -> None:
    sites = ["Daily Example"]
    assert strip_site_name("Daily Example - Outdoors - High resolution snow maps", sites) == (
        "High resolution snow maps"
    )
    assert strip_site_name("How to pack for a weekend: The Eye: Style: Daily Example", sites) == (
        "How to pack for a weekend"
    )
    assert strip_site_name("Going gray: Perfect wardrobe: Daily Example", sites) == (
        "Going gray: Perfect wardrobe"
    )


def test_escaped_entities_and_dangling_separators_are_cleaned() -> None:
    root = _root(
        '<html><head><meta property="og:title" content="Olive &amp;#038; herb bread">'
        "<title>» Olive &amp; herb bread |</title></head><body></body></html>"
    )
    assert meta_titles(root) == ["Olive & herb bread", "Olive & herb bread"]


def test_an_h1_naming_the_section_before_the_colon_gives_the_metadata_title() -> None:
    metas = ["Brexit: talks resume in Brussels on Monday - Daily Example"]
    assert choose_title(["Brexit"], metas, ["Daily Example"]) == (
        "Brexit: talks resume in Brussels on Monday"
    )
    # a whole headline before the colon of a longer title is the headline
    long_h1 = "The effect of the vaccine on hospital admissions"
    assert choose_title([long_h1], [f"{long_h1}: an observational study: Journal"]) == long_h1


def test_an_unmarked_kicker_run_into_the_h1_is_dropped() -> None:
    metas = ["Senate passes the budget bill"]
    assert choose_title(["Exclusive Senate passes the budget bill"], metas) == metas[0]
    # a first part ended by a dash belongs to the headline
    h1 = "Fair fashion – our favourite labels"
    assert choose_title([h1], ["our favourite labels"]) == h1


def test_the_json_ld_headline_wins_over_an_seo_title_repeated_in_the_other_tags() -> None:
    metas = [
        "Why dead skin cells may be good for you",
        "Dead skin cells might actually be a good thing",
        "Dead skin cells might actually be a good thing",
        "Dead skin cells might actually be a good thing | Daily Example",
    ]
    assert choose_title([], metas, ["Daily Example"]) == metas[0]


def test_a_title_cut_short_gives_way_to_the_whole_one() -> None:
    metas = ["Council approves the new river…", "Council approves the new river bridge at last"]
    assert choose_title([], metas) == metas[1]


def test_a_heading_that_is_the_site_name_is_not_the_headline() -> None:
    assert choose_title(["Daily Example"], ["Bridge vote passes | Daily Example"], []) == (
        "Bridge vote passes"
    )


def test_line_breaks_inside_the_h1_are_spaces() -> None:
    root = _root(
        "<h1>Bridge vote passes<br>Council backs the plan<div>at last</div>"
        "<script>track('h1')</script></h1>"
    )
    assert page_headings(root) == ["Bridge vote passes Council backs the plan at last"]


def test_h1_headings_in_menus_footers_and_sidebars_are_not_candidates() -> None:
    root = _root(
        "<body><nav><h1>Navigation</h1><a href='/a'>A</a></nav>"
        "<h1>Bridge vote passes at last</h1>"
        "<aside><h1>Most read</h1></aside><footer><h1>Footer</h1></footer></body>"
    )
    assert page_headings(root) == ["Bridge vote passes at last"]


def test_the_sub_domain_of_the_page_address_names_the_site() -> None:
    root = _root("<title>Press - Bridge vote passes at last</title>")
    sites = site_names(root, None, ["https://river.example.org/press/1", None])
    assert sites == ["river.example.org"]
    title = "River - Press - Bridge vote passes at last"
    assert choose_title([], [title], sites) == "Bridge vote passes at last"
