from __future__ import annotations

import pytest

from digest.sources.bylines import clean_byline
from digest.sources.parsing import parse_feed
from tests.articles import paragraphs


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("Linda Park", "Linda Park"),
        ("Emily Co", "Emily Co"),
        ("By Linda Park", "Linda Park"),
        ("Carolina von Canal", "Carolina von Canal"),
        ("Lena deCasparis; Contributing Writer", "Lena deCasparis"),
        ("Grant Tinsley; PhD", "Grant Tinsley"),
        ("Kyle Meinke; Kmeinke Com", "Kyle Meinke"),  # an e-mail address trafilatura made words
        ("Arnold Saba gulflive com Follow", "Arnold Saba"),  # a host and a button after it
        ("jane@example.com (Jane Doe)", "Jane Doe"),  # RSS style
        ("Michael Anderson; Carlos Dobkin; Carlos Dobkin", "Michael Anderson; Carlos Dobkin"),
        ("Joanna Connors; The Plain Dealer", "Joanna Connors; The Plain Dealer"),
        ("View all posts by Daniel Lemire", "Daniel Lemire"),
        ("Ryanne Laratonda; Posted Feb", "Ryanne Laratonda"),
        ("Malcolm Harris; January", "Malcolm Harris"),
        ("May Chen", "May Chen"),  # a month that is a first name
    ],
)
def test_a_byline_keeps_its_names(raw: str, names: str) -> None:
    assert clean_byline(raw) == names


@pytest.mark.parametrize(
    "raw",
    [
        "Account You're logged in",
        "Googletag Cmd Push Dfp Ad Pg Author Sec 1",
        "Art Edwards says",  # a commenter, not the author
        "Staff Writer",
        "Article by",
        "Unknown",
        "User",
        "https://example.com/authors/jd",
        "x " * 20,
        "",
        None,
    ],
)
def test_a_byline_without_a_name_is_none(raw: str | None) -> None:
    assert clean_byline(raw) is None


def test_feed_authors_are_cleaned_too() -> None:
    body = " ".join(paragraphs("storm"))
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>'
        "<item><title>Storm</title><link>https://example.com/a</link>"
        f"<author>jd@example.com (Jane Doe)</author><description>{body}</description></item>"
        "</channel></rss>"
    )
    _, [entry] = parse_feed(feed.encode(), "f")
    assert entry.article is not None and entry.article.author == "Jane Doe"
