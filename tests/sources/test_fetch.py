from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.errors import SourceError
from digest.sources.fetch import Fetcher
from digest.state import StateStore
from tests.web_server import LocalWeb, Route, http_date, serve


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with serve() as server:
        yield server


def test_conditional_requests_reuse_the_cached_body(web: LocalWeb, tmp_path: Path) -> None:
    web.routes["/feed.xml"] = Route(
        b"<rss>v1</rss>", etag='"v1"', last_modified=http_date(time.time() - 3600)
    )
    store = StateStore(tmp_path)
    with Fetcher(store) as fetcher:
        first = fetcher.get(web.url("/feed.xml"))
        second = fetcher.get(web.url("/feed.xml"))
    assert first.body == second.body == b"<rss>v1</rss>"
    assert not first.not_modified and second.not_modified
    requests = web.requests_to("/feed.xml")
    assert [r.status for r in requests] == [200, 304]
    assert requests[1].headers.get("If-None-Match") == '"v1"'
    assert "If-Modified-Since" in requests[1].headers


def test_changed_resource_is_downloaded_again(web: LocalWeb, tmp_path: Path) -> None:
    web.routes["/f"] = Route(b"one", etag='"1"')
    with Fetcher(StateStore(tmp_path)) as fetcher:
        fetcher.get(web.url("/f"))
        web.routes["/f"] = Route(b"two", etag='"2"')
        assert fetcher.get(web.url("/f")).body == b"two"


def test_user_agent_and_redirects(web: LocalWeb) -> None:
    web.routes["/old"] = Route(redirect="/new")
    web.routes["/new"] = Route(b"moved here")
    with Fetcher(user_agent="digest-test/1") as fetcher:
        fetched = fetcher.get(web.url("/old"))
    assert fetched.body == b"moved here" and fetched.url.endswith("/new")
    assert web.requests_to("/new")[0].headers["User-Agent"] == "digest-test/1"


def test_redirect_loop_is_refused(web: LocalWeb) -> None:
    web.routes["/a"] = Route(redirect="/b")
    web.routes["/b"] = Route(redirect="/a")
    with (
        Fetcher(max_redirects=3) as fetcher,
        pytest.raises(SourceError, match="too many redirects"),
    ):
        fetcher.get(web.url("/a"))


def test_size_cap(web: LocalWeb) -> None:
    web.routes["/huge"] = Route(b"x" * 300_000)
    with Fetcher(max_bytes=100_000) as fetcher, pytest.raises(SourceError, match="byte limit"):
        fetcher.get(web.url("/huge"))


@pytest.mark.parametrize(("status", "text"), [(404, "HTTP 404"), (500, "HTTP 500")])
def test_http_errors(web: LocalWeb, status: int, text: str) -> None:
    web.routes["/x"] = Route(b"nope", status=status)
    with Fetcher() as fetcher, pytest.raises(SourceError, match=text) as info:
        fetcher.get(web.url("/x"))
    assert web.url("/x") in str(info.value)


def test_timeout(web: LocalWeb) -> None:
    web.routes["/slow"] = Route(b"late", delay=2.0)
    with Fetcher(timeout=0.3) as fetcher, pytest.raises(SourceError, match="timed out"):
        fetcher.get(web.url("/slow"))


def test_unreachable_host() -> None:
    with Fetcher(timeout=2) as fetcher, pytest.raises(SourceError, match="cannot fetch"):
        fetcher.get("http://127.0.0.1:9/")  # the discard port: nothing listens


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "javascript:1"])
def test_only_http_urls(url: str) -> None:
    with Fetcher() as fetcher, pytest.raises(SourceError, match="only http"):
        fetcher.get(url)
