"""Feeds and pages served by a real local HTTP server, through the real sources."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.sources.files import FileSource
from digest.sources.ingest import load_sources, sources_from_strings
from digest.state import StateStore
from tests.articles import paragraphs, title
from tests.web_server import LocalWeb, Route, atom, local_fetcher, page, rss, serve


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with serve() as server:
        yield server


def html_paras(topic: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs(topic))


def test_page_by_url_keeps_metadata(web: LocalWeb) -> None:
    web.routes["/bridge?utm_source=x"] = Route(
        page(
            title("bridge"),
            paragraphs("bridge"),
            canonical=web.url("/bridge"),
            author="Jane Roe",
            published="2026-11-29T05:30:00+00:00",
            image=web.url("/img/bridge.jpg"),
        )
    )
    with local_fetcher() as fetcher:
        [source] = sources_from_strings([web.url("/bridge?utm_source=x")], fetcher)
        result = source.load()
    [article] = result.articles
    assert article.title == title("bridge")
    assert article.url == web.url("/bridge")  # canonical
    assert article.author == "Jane Roe"
    assert article.published is not None and article.published.hour == 5
    assert article.image_url == web.url("/img/bridge.jpg")
    assert article.paragraphs[0].startswith("The city council voted 7-2")
    assert "Copyright" not in article.text and "Sports" not in article.text


def test_rss_feed_with_full_content(web: LocalWeb) -> None:
    web.routes["/rss"] = Route(
        rss(
            [
                {
                    "title": title("storm"),
                    "link": web.url("/storm"),
                    "content": html_paras("storm"),
                    "date": "Sun, 29 Nov 2026 04:00:00 +0000",
                },
                {
                    "title": title("chips"),
                    "link": web.url("/chips"),
                    "content": html_paras("chips"),
                },
            ]
        ),
        content_type="application/rss+xml",
    )
    with local_fetcher() as fetcher:
        result = load_sources(sources_from_strings([web.url("/rss")], fetcher))
    assert [a.title for a in result.articles] == [title("storm"), title("chips")]
    assert result.articles[0].source_name == "Example News"
    assert result.articles[0].published is not None
    assert len(result.articles[0].paragraphs) == 5
    assert not web.requests_to("/storm")  # full content: no need to fetch the page


def test_teaser_entries_are_followed_to_their_page(web: LocalWeb) -> None:
    web.routes["/atom"] = Route(
        atom(
            [
                {
                    "title": title("chips"),
                    "link": web.url("/chips"),
                    "content": "<p>Arclight reports record revenue.</p>",
                }
            ]
        ),
        content_type="application/atom+xml",
    )
    web.routes["/chips"] = Route(page(title("chips"), paragraphs("chips")))
    with local_fetcher() as fetcher:
        result = load_sources(sources_from_strings([web.url("/atom")], fetcher))
    [article] = result.articles
    assert article.words > 100
    assert "Priya Raman" in article.text
    assert article.source_name == "Atom News"


def test_teaser_whose_page_fails_falls_back_with_a_warning(web: LocalWeb) -> None:
    web.routes["/rss"] = Route(
        rss(
            [
                {
                    "title": title("chips"),
                    "link": web.url("/gone"),
                    "summary": "Arclight reports record revenue today.",
                }
            ]
        )
    )
    with local_fetcher() as fetcher:
        result = load_sources(sources_from_strings([web.url("/rss")], fetcher))
    assert [a.text for a in result.articles] == ["Arclight reports record revenue today."]
    assert "used the feed's teaser" in result.problems[0].reason


def test_feed_from_a_file(tmp_path: Path) -> None:
    feed = tmp_path / "news.xml"
    feed.write_bytes(
        rss(
            [
                {
                    "title": title("bridge"),
                    "link": "https://x.test/b",
                    "content": html_paras("bridge"),
                }
            ]
        )
    )
    result = FileSource(feed).load()
    assert [a.title for a in result.articles] == [title("bridge")]


def test_unchanged_feed_is_not_downloaded_again(web: LocalWeb, tmp_path: Path) -> None:
    web.routes["/rss"] = Route(
        rss([{"title": title("storm"), "link": web.url("/s"), "content": html_paras("storm")}]),
        etag='"feed-1"',
    )
    store = StateStore(tmp_path)
    for _ in range(2):
        with local_fetcher(store) as fetcher:
            result = load_sources(sources_from_strings([web.url("/rss")], fetcher))
        assert [a.title for a in result.articles] == [title("storm")]
    assert [r.status for r in web.requests_to("/rss")] == [200, 304]


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"<rss><channel><item>broken", content_type="application/rss+xml"), "not an RSS"),
        (Route(b"", content_type="application/rss+xml"), "empty"),
        (Route(b"nope", status=503), "HTTP 503"),
        (Route(b"<html><body><nav>menu</nav></body></html>"), "no article text"),
        (Route(b"x" * 2_000_000), "byte limit"),
    ],
)
def test_bad_web_input_is_one_problem_and_others_go_on(
    web: LocalWeb, route: Route, reason: str
) -> None:
    web.routes["/bad"] = route
    web.routes["/good"] = Route(page(title("bridge"), paragraphs("bridge")))
    with local_fetcher(max_bytes=1_000_000) as fetcher:
        result = load_sources(sources_from_strings([web.url("/bad"), web.url("/good")], fetcher))
    assert [a.title for a in result.articles] == [title("bridge")]
    [problem] = result.problems
    assert reason in problem.reason and problem.source == web.url("/bad")


def test_unreachable_host_is_a_problem() -> None:
    with local_fetcher(timeout=2) as fetcher:
        result = load_sources(sources_from_strings(["http://127.0.0.1:9/feed"], fetcher))
    assert not result.articles
    assert "cannot fetch" in result.problems[0].reason


def test_rss_1_0_rdf_feed(web: LocalWeb) -> None:
    body = (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="http://x.test/"><title>RDF News</title><link>http://x.test/</link>'
        "<description>d</description></channel>"
        f'<item rdf:about="{web.url("/bridge")}"><title>{title("bridge")}</title>'
        f"<link>{web.url('/bridge')}</link><dc:date>2026-11-29T05:00:00Z</dc:date>"
        f"<description>{' '.join(paragraphs('bridge'))}</description></item></rdf:RDF>"
    ).encode()
    web.routes["/rdf"] = Route(body, content_type="application/rdf+xml")
    with local_fetcher() as fetcher:
        result = load_sources(sources_from_strings([web.url("/rdf")], fetcher))
    [article] = result.articles
    assert article.title == title("bridge") and article.source_name == "RDF News"
    assert article.published is not None and article.published.hour == 5


def test_a_feed_with_many_entries_is_cut_and_the_cut_reported(web: LocalWeb) -> None:
    items = [
        {"title": f"{title('storm')} {n}", "link": web.url(f"/s{n}"), "summary": "Short teaser."}
        for n in range(1_000)
    ]
    for n in range(1_000):
        web.routes[f"/s{n}"] = Route(page(f"{title('storm')} {n}", paragraphs("storm")))
    web.routes["/rss"] = Route(rss(items), content_type="application/rss+xml")
    with local_fetcher() as fetcher:
        sources = sources_from_strings([web.url("/rss")], fetcher, max_entries=5)
        result = load_sources(sources)
    assert len(result.articles) == 5
    assert sum(len(web.requests_to(f"/s{n}")) for n in range(1_000)) == 5  # teasers followed
    [problem] = result.problems
    assert "has 1000 entries; read the first 5 and skipped 995" in problem.reason
    assert "DIGEST_MAX_FEED_ENTRIES" in problem.reason


def test_a_title_less_teaser_takes_its_page_title_and_an_empty_entry_is_reported(
    web: LocalWeb,
) -> None:
    web.routes["/rss"] = Route(
        rss(
            [
                {"title": "", "link": web.url("/chips"), "summary": "Arclight reports revenue."},
                {"title": "", "link": "", "summary": ""},
            ]
        )
    )
    web.routes["/chips"] = Route(page(title("chips"), paragraphs("chips")))
    with local_fetcher() as fetcher:
        result = load_sources(sources_from_strings([web.url("/rss")], fetcher))
    [article] = result.articles
    assert article.title == title("chips") and "Priya Raman" in article.text
    [problem] = result.problems
    assert "no text and no link" in problem.reason and not problem.kept


def test_a_used_teaser_is_a_note_not_a_skip(web: LocalWeb) -> None:
    web.routes["/rss"] = Route(
        rss([{"title": title("chips"), "link": web.url("/gone"), "summary": "Revenue rose."}])
    )
    with local_fetcher() as fetcher:
        result = load_sources(sources_from_strings([web.url("/rss")], fetcher))
    assert len(result.articles) == 1 and [p.kept for p in result.problems] == [True]
