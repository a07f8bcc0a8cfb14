from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import trafilatura

from digest.models import Article
from digest.sources.blocks import page_root
from digest.sources.bylines import clean_byline
from digest.sources.files import FileSource
from digest.sources.parsing import (
    article_from_html,
    as_text_bytes,
    page_title,
    parse_feed,
    place_date_only,
    site_name,
)
from tests.articles import paragraphs, title

BODY = "".join(f"<p>{p}</p>" for p in paragraphs("storm"))


def rss(items: str, declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> str:
    return f"{declaration}<rss version='2.0'><channel><title>Feed</title>{items}</channel></rss>"


def test_a_title_less_entry_takes_its_title_from_its_text() -> None:
    text = paragraphs("storm")[0]
    _, [entry] = parse_feed(rss(f"<item><description>{text}</description></item>").encode(), "f")
    assert entry.article is not None
    assert entry.article.title.startswith("A powerful winter storm dumped")
    assert entry.article.title.endswith("…") and len(entry.article.title.split()) == 12


def test_utf16_and_utf32_feeds_are_read() -> None:
    feed = rss(f"<item><title>Café opens</title><description>{BODY}</description></item>")
    for codec in ("utf-16", "utf-32", "utf-16-le"):
        raw = feed.replace("utf-8", codec).encode(codec)
        _, [entry] = parse_feed(as_text_bytes(raw, "f"), "f")
        assert entry.title == "Café opens"


def test_stray_nul_bytes_are_dropped_but_binary_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(f"<html><body><h1>{title('storm')}</h1>{BODY}</body></html>".encode() + b"\0")
    binary = tmp_path / "blob.html"
    binary.write_bytes(b"\0\1\2\0" * 100)
    loaded = FileSource(tmp_path).load()
    assert [a.title for a in loaded.articles] == [title("storm")]
    assert [p.source for p in loaded.problems] == [str(binary)]
    assert "binary" in loaded.problems[0].reason


def test_a_feed_with_an_undeclared_entity_is_still_a_feed() -> None:
    feed = rss(f"<item><title>Storm&nbsp;warning</title><description>{BODY}</description></item>")
    _, entries = parse_feed(feed.encode(), "f")
    assert len(entries) == 1 and entries[0].article is not None


def test_a_date_only_time_is_kept_as_a_date_in_the_newsletter_zone() -> None:
    feed = rss(
        "<item><title>Storm</title><pubDate>Mon, 30 Nov 2026</pubDate>"
        f"<description>{BODY}</description></item>"
    )
    _, [entry] = parse_feed(feed.encode(), "f")
    assert entry.article is not None and entry.article.published_date_only
    placed = place_date_only(entry.article, "America/New_York")
    assert placed.published is not None
    assert placed.published.date().isoformat() == "2026-11-30"
    assert placed.published.utcoffset() is not None and placed.published.hour == 23
    timed = Article("x", "t", "b", "s", published=datetime(2026, 11, 30, 5, tzinfo=UTC))
    assert place_date_only(timed, "America/New_York") == timed


def test_junk_bylines_are_dropped() -> None:
    assert clean_byline("Account You're logged in") is None
    assert clean_byline("Linda Park") == "Linda Park"
    assert clean_byline("Bergportal GmbH; Jane Roe") == "Jane Roe"  # a company is no writer
    assert clean_byline("Emily Co") == "Emily Co"
    assert clean_byline("Agencies") is None  # the wire services, no writer
    assert clean_byline("Por Redacción") is None  # "by the newsroom"
    assert clean_byline("Por Juan Gaona") == "Juan Gaona"
    assert clean_byline("Letters") is None
    assert clean_byline("SARAH O'BRIEN") == "Sarah O'Brien"
    page = (
        "<html><head><title>Storm | Daily Example</title>"
        '<meta name="author" content="Sign in to your account"></head>'
        f"<body><h1>Storm</h1>{BODY}</body></html>"
    )
    article = article_from_html(page, None, "p").article
    assert article.author is None and article.title == "Storm"


def test_lines_that_are_wholly_links_or_captions_are_dropped() -> None:
    body = paragraphs("bridge")
    page = (
        f"<html><head><title>{title('bridge')}</title></head><body><article>"
        f"<h1>{title('bridge')}</h1><p>{body[0]}</p>"
        "<p><a href='/other'>Mayor opens new library on the east side</a></p>"
        "<figure><img src='x.jpg'><figcaption>The river at dusk, seen from the old ferry "
        "landing</figcaption></figure>"
        f"<p>{body[1][:-1]} <a href='/grant'>a grant</a>.</p>"
        + "".join(f"<p>{p}</p>" for p in body[2:])
        + "</article></body></html>"
    )
    text = article_from_html(page, None, "p").article.text
    assert "Mayor opens new library" not in text and "ferry landing" not in text
    assert text.split("\n\n") == [body[0], f"{body[1][:-1]} a grant.", *body[2:]]


def test_a_utf16_page_file_is_read(tmp_path: Path) -> None:
    body = "".join(f"<p>{p} Café.</p>" for p in paragraphs("storm"))
    html = f'<html><head><meta charset="utf-16"></head><body><h1>Storm</h1>{body}</body></html>'
    (tmp_path / "page.html").write_bytes(html.encode("utf-16"))
    [article] = FileSource(tmp_path).load().articles
    assert article.title == "Storm" and article.text.endswith("Café.")


def test_a_utf8_page_with_a_late_charset_keeps_its_title_characters() -> None:
    head = "<title>Café owners meet — and agree</title>" + "<!-- padding -->" * 200
    page = f"<html><head>{head}<meta charset='utf-8'></head><body>{BODY}</body></html>"
    parsed = article_from_html(page.encode(), None, "f")
    assert parsed.article.title == "Café owners meet — and agree"


def test_a_site_name_given_as_an_address_is_shown_as_its_host() -> None:
    def site(name: str) -> str | None:
        meta = f'<meta property="og:site_name" content="{name}">'
        page = f"<html><head>{meta}</head><body><h1>Storm</h1>{BODY}</body></html>"
        return article_from_html(page.encode(), None, "f").article.source_name

    assert site("https://www.Pawszilla.com/") == "pawszilla.com"
    assert site("The Daily Planet") == "The Daily Planet"
    assert site("Businessweek.com") == "Businessweek.com"
    feed = rss("<item><title>Storm</title><description>x</description></item>")
    title, _ = parse_feed(
        feed.replace("<title>Feed</title>", "<title>http://feeds.example.org</title>").encode(), "f"
    )
    assert title == "feeds.example.org"


def page_meta(meta: str, url: str | None = "https://www.dailyplanet.example/news/storm") -> Article:
    page = f"<html><head>{meta}</head><body><h1>Storm</h1>{BODY}</body></html>"
    return article_from_html(page.encode(), url, "f").article


def test_a_copyright_notice_or_a_tagline_is_not_shown_as_the_site_name() -> None:
    copyright_notice = '<meta name="copyright" content="Copyright (c) Planet Media 2015">'
    assert page_meta(copyright_notice).source_name == "dailyplanet.example"
    year = '<meta name="copyright" content="2015">'
    assert page_meta(year).source_name == "dailyplanet.example"
    tagline = "Daily Planet - News, Weather, Sport, Comment and Pictures"
    named = page_meta(f'<meta property="og:site_name" content="{tagline}">')
    assert named.source_name == "Daily Planet"
    unhosted = page_meta(f'<meta property="og:site_name" content="{tagline}">', url=None)
    assert unhosted.source_name == "Daily Planet"
    section = page_meta('<meta property="og:site_name" content="Politics - The Daily Planet">')
    assert section.source_name == "The Daily Planet"
    short = page_meta('<meta property="og:site_name" content="Planet - Home">', url=None)
    assert short.source_name == "Planet - Home"


def test_a_site_name_that_is_the_headline_again_is_no_site_name() -> None:
    # trafilatura gives the headline as the site's name when a page names none (a Thai news
    # page: its twitter:title); the headline must not then be stripped as the site's name
    headline = "Flood waters reach the old town square"
    head = f"<title>{headline} | Planet Daily planetdaily.example</title>"
    body = f"<h1><a href='/'>Planet Daily</a></h1><h1>{headline}</h1>{BODY}"
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    document = trafilatura.bare_extraction(page, with_metadata=True)
    document.sitename = headline
    assert site_name(document, [headline]) is None
    assert page_title(page_root(page), document) == headline


def test_a_byline_that_is_the_publisher_is_left_out() -> None:
    def byline(author: str) -> str | None:
        return page_meta(f'<meta name="author" content="{author}">').author

    assert byline("Daily Planet Magazine") is None
    assert byline("Daily") is None  # the first word of the site's name alone
    assert byline("DailyPlanet Staff") is None
    assert byline("Lois Lane; Jimmy Olsen; Daily Planet") == "Lois Lane; Jimmy Olsen"
    # the company the page's copyright names is the publisher too
    notice = '<meta name="copyright" content="Copyright (c) Galaxy Media Corp 2023">'
    owned = page_meta(f'{notice}<meta name="author" content="Galaxy Media Corp; Lois Lane">')
    assert owned.author == "Lois Lane"
    # and the publisher the page's JSON-LD names, and a desk of the site
    ld = '{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Planet Wave"}}'
    script = f'<script type="application/ld+json">{ld}</script>'
    assert page_meta(f'{script}<meta name="author" content="Planet Wave">').author is None
    assert byline("Daily Planet News Desk") is None
    notice = '<meta name="copyright" content="© 2019 Planet Wave (www.planetwave.example)">'
    wave = page_meta(f'{notice}<meta name="author" content="Planet Wave (www.planetwave.example)">')
    assert wave.author is None
    assert byline("Lois Lane") == "Lois Lane"
    # on a one-person site the writer's surname is the host's name: still the writer
    page = f'<html><head><meta name="author" content="Clark Kent"></head><body>{BODY}</body>'
    own = article_from_html(page.encode(), "https://kent.example/post", "f").article
    assert own.author == "Clark Kent"


def test_a_date_with_an_unknown_zone_abbreviation_warns_nothing() -> None:
    import warnings

    meta = '<meta name="last-modified" content="2014-12-29 07:21:15 EST">'
    page = f"<html><head>{meta}</head><body><h1>Storm</h1>{BODY}</body></html>"
    with warnings.catch_warnings(record=True) as caught:  # the filters as the program sets them
        article = article_from_html(page.encode(), None, "f").article
    assert article.published is not None and article.published.year == 2014
    assert not [w for w in caught if "tzname" in str(w.message)]


def test_a_time_with_a_zone_abbreviation_is_read_in_that_zone() -> None:
    from datetime import UTC, datetime

    from digest.sources.zones import zone_in_page

    meta = '<meta name="last-modified" content="2014-12-29 07:21:15 EST">'
    page = f"<html><head>{meta}</head><body><h1>Storm</h1>{BODY}</body></html>"
    published = article_from_html(page.encode(), None, "f").article.published
    assert published == datetime(2014, 12, 29, 12, 21, 15, tzinfo=UTC)  # not 07:21 UTC
    wall = datetime(2014, 12, 29, 19, 5)
    assert str(zone_in_page("Posted 7:05 p.m. PDT", wall)) == "PDT"
    assert (
        zone_in_page("Posted 7:05 p.m. (AEDT)", wall).utcoffset(None).total_seconds() == 11 * 3600
    )
    # "ET": New York's local time, daylight saving time included
    summer, winter = datetime(2024, 7, 4, 10, 0), datetime(2024, 1, 4, 10, 0)
    for day, hours in ((summer, -4), (winter, -5)):
        zone = zone_in_page("Updated 10:00 a.m. ET", day)
        assert day.replace(tzinfo=zone).utcoffset().total_seconds() == hours * 3600
    # another time, an unknown or ambiguous abbreviation, or a word: no zone
    assert zone_in_page("Posted 17:05 EST", wall) is None
    assert zone_in_page("Posted 19:05 IST", wall) is None
    assert zone_in_page("at 19:05 ESTIMATED", wall) is None
    assert zone_in_page("at 119:05 EST", wall) is None
    assert zone_in_page("at 19:05 ETC", wall) is None


def test_a_paragraph_wrapped_by_hand_stays_one_paragraph() -> None:
    body = paragraphs("storm")
    wrapped = (
        "The storm reached the coast late on Sunday and moved<br>\n"
        "inland overnight, where it brought the heaviest snow of the<br>\n"
        "season to towns that had seen none so far this year and<br>\n"
        "Many Roads were closed before dawn on Monday.<br>\n"
    )
    page = (
        f"<html><head><title>{title('storm')}</title></head><body><article>"
        f"<h1>{title('storm')}</h1><p>{wrapped}</p>"
        f"<p>Northern Plains Forecast<br>{body[0]}</p>"
        "<p>- Two warm blankets<br>- A shovel and a bag of salt</p>"
        + "".join(f"<p>{p}</p>" for p in body[1:])
        + "</article></body></html>"
    )
    text = article_from_html(page, None, "p").article.text
    assert text.split("\n\n")[:4] == [
        # the lines of the wrapped paragraph are one paragraph (lines joined when cleaned)
        "The storm reached the coast late on Sunday and moved\n"
        "inland overnight, where it brought the heaviest snow of the\n"
        "season to towns that had seen none so far this year and\n"
        "Many Roads were closed before dawn on Monday.",
        # a heading broken from its text, and list items, stay apart
        "Northern Plains Forecast",
        body[0],
        "- Two warm blankets",
    ]


def test_a_date_only_publication_takes_the_time_the_page_states_for_that_day() -> None:
    ld = '{"@type": "NewsArticle", "datePublished": "2014-09-30T10:34:55-04:00"}'
    script = f'<script type="application/ld+json">{ld}</script>'
    url = "https://news.example/2014/09/30/storm"

    def published(head: str) -> tuple[datetime | None, bool]:
        page = f"<html><head>{head}</head><body><h1>Storm</h1>{BODY}</body></html>"
        article = article_from_html(page.encode(), url, "f").article
        return article.published, article.published_date_only

    day = '<meta name="date" content="2014-09-30">'
    stated = datetime.fromisoformat("2014-09-30T10:34:55-04:00")
    assert published(day + script) == (stated, False)
    assert published(day) == (datetime(2014, 9, 30, tzinfo=UTC), True)
    # a stated time on another day does not move the date the page shows
    other = script.replace("2014-09-30T", "2014-09-27T")
    assert published(day + other) == (datetime(2014, 9, 30, tzinfo=UTC), True)


def test_a_year_alone_is_no_publication_date() -> None:
    def published(extra: str) -> datetime | None:
        page = f"<html><head></head><body><h1>Storm</h1>{BODY}{extra}</body></html>"
        return article_from_html(page.encode(), None, "f").article.published

    # htmldate answers "2015-01-01" for a page whose only date is its copyright year
    assert published("<p>Copyright © 2015 All Rights Reserved.</p>") is None
    assert published('<p class="date">January 1, 2015</p>') == datetime(2015, 1, 1, tzinfo=UTC)
