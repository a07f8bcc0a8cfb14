from __future__ import annotations

import gzip
import ipaddress
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.errors import SourceError
from digest.sources.fetch import Fetcher
from digest.sources.netguard import AddressPolicy, is_public
from digest.state import StateStore
from tests.web_server import LocalWeb, Route, http_date, local_fetcher, serve


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with serve() as server:
        yield server


def test_conditional_requests_reuse_the_cached_body(web: LocalWeb, tmp_path: Path) -> None:
    web.routes["/feed.xml"] = Route(
        b"<rss>v1</rss>", etag='"v1"', last_modified=http_date(time.time() - 3600)
    )
    store = StateStore(tmp_path)
    with local_fetcher(store) as fetcher:
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
    with local_fetcher(StateStore(tmp_path)) as fetcher:
        fetcher.get(web.url("/f"))
        web.routes["/f"] = Route(b"two", etag='"2"')
        assert fetcher.get(web.url("/f")).body == b"two"


def test_user_agent_and_redirects(web: LocalWeb) -> None:
    web.routes["/old"] = Route(redirect="/new")
    web.routes["/new"] = Route(b"moved here")
    with local_fetcher(user_agent="digest-test/1") as fetcher:
        fetched = fetcher.get(web.url("/old"))
    assert fetched.body == b"moved here" and fetched.url.endswith("/new")
    assert web.requests_to("/new")[0].headers["User-Agent"] == "digest-test/1"


def test_redirect_loop_is_refused(web: LocalWeb) -> None:
    web.routes["/a"] = Route(redirect="/b")
    web.routes["/b"] = Route(redirect="/a")
    with (
        local_fetcher(max_redirects=3) as fetcher,
        pytest.raises(SourceError, match="too many redirects"),
    ):
        fetcher.get(web.url("/a"))


def test_size_cap(web: LocalWeb) -> None:
    web.routes["/huge"] = Route(b"x" * 300_000)
    with (
        local_fetcher(max_bytes=100_000) as fetcher,
        pytest.raises(SourceError, match="byte limit"),
    ):
        fetcher.get(web.url("/huge"))


@pytest.mark.parametrize(("status", "text"), [(404, "HTTP 404"), (500, "HTTP 500")])
def test_http_errors(web: LocalWeb, status: int, text: str) -> None:
    web.routes["/x"] = Route(b"nope", status=status)
    with local_fetcher() as fetcher, pytest.raises(SourceError, match=text) as info:
        fetcher.get(web.url("/x"))
    assert web.url("/x") in str(info.value)


def test_timeout(web: LocalWeb) -> None:
    web.routes["/slow"] = Route(b"late", delay=2.0)
    with local_fetcher(timeout=0.3) as fetcher, pytest.raises(SourceError, match="timed out"):
        fetcher.get(web.url("/slow"))


def test_unreachable_host() -> None:
    with local_fetcher(timeout=2) as fetcher, pytest.raises(SourceError, match="cannot fetch"):
        fetcher.get("http://127.0.0.1:9/")  # the discard port: nothing listens


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "javascript:1"])
def test_only_http_urls(url: str) -> None:
    with local_fetcher() as fetcher, pytest.raises(SourceError, match="only http"):
        fetcher.get(url)


# --- SSRF: every hop's resolved address is checked; the tests' servers are allow-listed ----


def test_a_loopback_server_is_refused_by_default(web: LocalWeb) -> None:
    web.routes["/secret"] = Route(b"internal only")
    with Fetcher() as fetcher, pytest.raises(SourceError, match="DIGEST_HTTP_ALLOW_HOSTS"):
        fetcher.get(web.url("/secret"))
    assert web.requests_to("/secret") == []


@pytest.mark.parametrize(
    "host", ["2130706433", "0x7f000001", "0177.0.0.1", "127.1", "localhost", "[::ffff:127.0.0.1]"]
)
def test_other_spellings_of_loopback_are_refused(web: LocalWeb, host: str) -> None:
    web.routes["/secret"] = Route(b"internal only")
    port = web.base.rsplit(":", 1)[1]
    with Fetcher() as fetcher, pytest.raises(SourceError, match=r"refused|not a valid URL"):
        fetcher.get(f"http://{host}:{port}/secret")
    assert web.requests_to("/secret") == []


def test_an_allow_listed_server_is_fetched(web: LocalWeb) -> None:
    web.routes["/feed"] = Route(b"intranet feed")
    for allow in (["127.0.0.1"], ["127.0.0.0/8"]):
        with Fetcher(allow_hosts=allow) as fetcher:
            assert fetcher.get(web.url("/feed")).body == b"intranet feed"


def test_a_redirect_from_an_allowed_host_to_a_refused_address_is_refused(web: LocalWeb) -> None:
    port = web.base.rsplit(":", 1)[1]
    web.routes["/start"] = Route(redirect=f"http://127.0.0.1:{port}/secret")
    web.routes["/secret"] = Route(b"internal only")
    with (
        Fetcher(allow_hosts=["localhost"]) as fetcher,
        pytest.raises(SourceError, match=r"127\.0\.0\.1, a private, loopback"),
    ):
        fetcher.get(f"http://localhost:{port}/start")
    assert len(web.requests_to("/start")) == 1 and web.requests_to("/secret") == []


def test_a_redirect_to_another_scheme_is_refused(web: LocalWeb) -> None:
    web.routes["/start"] = Route(redirect="file:///etc/passwd")
    with local_fetcher() as fetcher, pytest.raises(SourceError, match="not http"):
        fetcher.get(web.url("/start"))


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fd00::1",
        "fe80::1",
        "ff02::1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "2002:a00:1::",
        "64:ff9b::a9fe:a9fe",
    ],
)
def test_inside_addresses_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))
    assert not AddressPolicy().allows("metadata.google.internal", ipaddress.ip_address(address))


def test_public_addresses_and_the_allow_list() -> None:
    for address in ("93.184.216.34", "2606:4700::1111", "::ffff:93.184.216.34"):
        assert is_public(ipaddress.ip_address(address))
    policy = AddressPolicy.from_entries(["Intranet.Example.", "10.20.0.0/16", "fd00::/8", " "])
    assert policy.allows("intranet.example", ipaddress.ip_address("10.9.9.9"))
    assert policy.allows("feeds.example", ipaddress.ip_address("10.20.3.4"))
    assert policy.allows("feeds.example", ipaddress.ip_address("fd00::5"))
    assert not policy.allows("feeds.example", ipaddress.ip_address("10.21.0.1"))


# --- Bounded work: decoded size, total time -------------------------------------------------


def test_a_gzip_bomb_is_refused_at_the_cap_on_decoded_bytes(web: LocalWeb) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    web.routes["/bomb"] = Route(bomb, headers={"Content-Encoding": "gzip"})
    with (
        local_fetcher(max_bytes=1_000_000) as fetcher,
        pytest.raises(SourceError, match=r"\(1000001 decoded bytes so far\)"),
    ):
        fetcher.get(web.url("/bomb"))


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_compressed_pages_are_decoded(web: LocalWeb, encoding: str) -> None:
    text = b"<p>news</p>" * 5_000
    body = gzip.compress(text) if encoding == "gzip" else zlib.compress(text)
    web.routes["/z"] = Route(body, headers={"Content-Encoding": encoding})
    with local_fetcher() as fetcher:
        assert fetcher.get(web.url("/z")).body == text


def test_a_slow_drip_response_is_cut_off_at_the_deadline(web: LocalWeb) -> None:
    web.routes["/drip"] = Route(b"x" * 4_000, drip=0.05)  # 250 pieces: 12 s in all
    with (
        local_fetcher(deadline=1.0, timeout=5) as fetcher,
        pytest.raises(SourceError, match="1-second limit for one fetch"),
    ):
        fetcher.get(web.url("/drip"))


def test_the_allow_list_setting_reaches_the_fetcher(
    web: LocalWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    from digest.pipeline.stages import make_fetcher
    from digest.settings import load_settings

    web.routes["/feed"] = Route(b"intranet feed")
    monkeypatch.setenv("DIGEST_HTTP_ALLOW_HOSTS", "intranet.example, 127.0.0.1")
    settings = load_settings(env_file=None)
    assert settings.http_allow_hosts == ["intranet.example", "127.0.0.1"]
    with make_fetcher(settings, None) as fetcher:
        assert fetcher.get(web.url("/feed")).body == b"intranet feed"
    monkeypatch.delenv("DIGEST_HTTP_ALLOW_HOSTS")
    with (
        make_fetcher(load_settings(env_file=None), None) as fetcher,
        pytest.raises(SourceError, match="refused"),
    ):
        fetcher.get(web.url("/feed"))
