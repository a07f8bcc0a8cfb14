from __future__ import annotations

import lxml.html

from digest.sources.blocks import page_root
from digest.sources.gaps import fill_gaps, page_blocks
from tests.articles import paragraphs, title

STORY = paragraphs("storm")
HEAD = title("storm")
LEAD = "Forecasters say the worst of the snow is over, but the cold will last all week."


def page(inner: str) -> lxml.html.HtmlElement:
    root = page_root(f"<html><body>{inner}</body></html>")
    assert root is not None
    return root


def body(paras: list[str]) -> str:
    return '<div itemprop="articleBody">' + "".join(f"<p>{p}</p>" for p in paras) + "</div>"


def test_a_standfirst_between_the_headline_and_the_body_is_recovered() -> None:
    root = page(
        f"<header><p>{paragraphs('bridge')[0]}</p></header><h1>{HEAD}</h1>"
        f'<div class="lead">{LEAD}</div>{body(STORY)}'
    )
    lines = fill_gaps(list(STORY), root, HEAD)
    assert lines == [LEAD, *STORY]  # the teaser above the headline stays out


def test_captions_links_and_furniture_areas_inside_the_story_stay_out() -> None:
    caption = "Snow plows clear the highway near the state line on Monday morning."
    links = '<p><a href="/a">Five more stories about the winter storm this week.</a></p>'
    inner = (
        f"<h1>{HEAD}</h1><div><p>{STORY[0]}</p>"
        f'<div class="img"><img src="x.jpg"><div>{caption}</div></div>{links}'
        f"<aside><p>{paragraphs('chips')[0]}</p></aside>"
        f'<div class="share-tools"><p>{paragraphs("chips")[1]}</p></div>'
        f"<p>{STORY[1]}</p></div>"
    )
    assert fill_gaps(STORY[:2], page(inner), HEAD) == STORY[:2]


def test_a_list_item_is_recovered_only_between_two_extracted_blocks() -> None:
    inner = (
        f"<h1>{HEAD}</h1><ul><li>Two warm blankets</li></ul><p>{STORY[0]}</p>"
        "<ul><li><p>A shovel and a bag of salt</p></li><li>Water</li></ul>"
        f"<p>{STORY[1]}</p>"
    )
    lines = fill_gaps(STORY[:2], page(inner), HEAD)
    assert lines == [STORY[0], "A shovel and a bag of salt", STORY[1]]


def test_text_of_every_script_is_recovered() -> None:
    lead = "气象部门表示，暴风雪已经减弱，但寒冷天气将持续整个星期。"
    root = page(f"<h1>{HEAD}</h1><p>{lead}</p>{body(STORY)}")
    assert fill_gaps(list(STORY), root, HEAD)[0] == lead


def test_a_sidebar_named_wrapper_around_the_story_does_not_hide_it() -> None:
    long_story = " ".join(STORY * 4)
    root = page(f'<div class="content-sidebar-wrap"><p>{long_story}</p></div>')
    assert [b.raw for b in page_blocks(root)] == [long_story]


def test_nothing_is_added_when_no_extracted_block_is_found_on_the_page() -> None:
    root = page(f"<h1>{HEAD}</h1><p>{LEAD}</p>")
    assert fill_gaps(["A text the page does not hold at all, in five words."], root, HEAD) == [
        "A text the page does not hold at all, in five words."
    ]


def test_a_fact_box_under_an_extracted_heading_is_recovered() -> None:
    facts = (
        "<span>Most snow: </span><span>61</span><span>cm</span>"
        "<span>Strongest wind: </span><span>70</span><span>km/h</span>"
        "<span>Lowest temperature: </span><span>-31</span><span>°C</span>"
    )
    inner = (
        f"<h1>{HEAD}</h1><p>{STORY[0]}</p><h3>Storm figures</h3>"
        f'<div class="facts">{facts}</div><p>{STORY[1]}</p>'
        f'<h3>More</h3><div><a href="/a">Five more stories</a> <a href="/b">about it</a></div>'
        f"<p>{STORY[2]}</p>"
    )
    lines = fill_gaps([STORY[0], "Storm figures", STORY[1], "More", STORY[2]], page(inner), HEAD)
    assert lines == [
        STORY[0],
        "Storm figures",
        "Most snow: 61cmStrongest wind: 70km/hLowest temperature: -31°C",
        STORY[1],
        "More",  # a box of links under a heading stays out
        STORY[2],
    ]


def test_a_short_label_under_a_heading_is_not_recovered() -> None:
    inner = f"<h1>{HEAD}</h1><p>{STORY[0]}</p><h3>Share</h3><div>Print this</div><p>{STORY[1]}</p>"
    lines = fill_gaps([STORY[0], "Share", STORY[1]], page(inner), HEAD)
    assert lines == [STORY[0], "Share", STORY[1]]
