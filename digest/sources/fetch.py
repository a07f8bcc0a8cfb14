"""HTTP fetching for feeds and pages: one careful client, used by every web source.

Only http(s) URLs; every connection, redirects included, goes to an address the
:mod:`digest.sources.netguard` policy allows (public addresses, plus
``DIGEST_HTTP_ALLOW_HOSTS``); redirects are followed here, at most ``max_redirects``, each
hop checked; connect/read timeouts and a total ``deadline`` for the whole fetch (a server that
drips its answer byte by byte is cut off); a size cap on the raw *and* the decoded bytes, enforced
while streaming (gzip/deflate are decoded here, never more than the cap, so a gzip bomb is refused
after ``max_bytes``); a clear User-Agent; and conditional requests (``If-None-Match`` /
``If-Modified-Since``) against the validators kept in the state store, so a feed that did not
change is not downloaded again (its cached body is reused).
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore
import httpx

from digest import __version__
from digest.errors import SourceError
from digest.sources.netguard import AddressPolicy, BlockedAddress, GuardedBackend
from digest.state import CachedResponse, StateStore

DEFAULT_USER_AGENT = f"digest/{__version__} (newsletter digest pipeline)"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str
    not_modified: bool = False  # 304: the body is the cached copy


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourceError(url, "only http:// and https:// URLs can be fetched")
    return url


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport, its connection pool built on :class:`GuardedBackend` (httpx 0.28
    takes no network backend of its own, so the pool it made is replaced)."""

    def __init__(self, policy: AddressPolicy) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=GuardedBackend(policy),
        )


class _Inflater:
    """gzip/deflate decoding that never produces more than it is asked for."""

    def __init__(self, encoding: str) -> None:
        self.raw_fallback = encoding == "deflate"  # servers send zlib or raw deflate
        wbits = zlib.MAX_WBITS | 16 if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._d = zlib.decompressobj(wbits)

    def feed(self, data: bytes, room: int) -> bytes:
        try:
            out = bytearray(self._d.decompress(data, room))
        except zlib.error:
            if not self.raw_fallback:
                raise
            self.raw_fallback = False
            self._d = zlib.decompressobj(-zlib.MAX_WBITS)
            out = bytearray(self._d.decompress(data, room))
        self.raw_fallback = False
        while self._d.unconsumed_tail and len(out) < room:
            piece = self._d.decompress(self._d.unconsumed_tail, room - len(out))
            if not piece:
                break
            out += piece
        return bytes(out)


class Fetcher:
    def __init__(
        self,
        store: StateStore | None = None,
        timeout: float = 15.0,
        max_bytes: int = 5_000_000,
        max_redirects: int = 5,
        user_agent: str = DEFAULT_USER_AGENT,
        allow_hosts: Sequence[str] = (),
        deadline: float = 30.0,
    ) -> None:
        self.store = store
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.deadline = deadline
        self._client = httpx.Client(
            transport=GuardedTransport(AddressPolicy.from_entries(allow_hosts)),
            follow_redirects=False,
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Fetched:
        check_url(url)
        cached = self.store.cached(url) if self.store else None
        headers: dict[str, str] = {}
        if cached and cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached and cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
        ends = time.monotonic() + self.deadline
        try:
            return self._follow(url, headers, cached, ends)
        except BlockedAddress as exc:
            raise SourceError(url, str(exc)) from exc
        except httpx.InvalidURL as exc:
            raise SourceError(url, f"is not a valid URL ({exc})") from exc
        except httpx.TimeoutException as exc:
            raise SourceError(url, "timed out; the host is slow or unreachable") from exc
        except httpx.HTTPError as exc:
            raise SourceError(url, f"cannot fetch ({type(exc).__name__}: {exc})") from exc

    def _follow(
        self, url: str, headers: dict[str, str], cached: CachedResponse | None, ends: float
    ) -> Fetched:
        current = url
        for _ in range(self.max_redirects + 1):
            request = self._client.build_request(
                "GET", current, headers=headers, timeout=self._timeout(url, ends)
            )
            response = self._client.send(request, stream=True)
            try:
                if response.next_request is not None:  # a redirect: check the next hop
                    target = str(response.next_request.url)
                    if urlsplit(target).scheme not in ("http", "https"):
                        raise SourceError(url, f"redirects to {target[:80]!r}, not http(s)")
                    current = target
                    continue
                return self._read(url, response, cached, ends)
            finally:
                response.close()
        raise SourceError(url, "too many redirects; check the URL")

    def _timeout(self, url: str, ends: float) -> httpx.Timeout:
        left = ends - time.monotonic()
        if left <= 0:
            raise SourceError(url, self._too_slow())
        return httpx.Timeout(min(self.timeout, left), connect=min(self.timeout, 10.0, left))

    def _read(
        self, url: str, response: httpx.Response, cached: CachedResponse | None, ends: float
    ) -> Fetched:
        if response.status_code == 304 and cached:
            return Fetched(url, cached.body, cached.content_type or "", not_modified=True)
        if response.status_code >= 400:
            raise SourceError(
                url,
                f"HTTP {response.status_code} {response.reason_phrase}; "
                "check the URL or try again later",
            )
        declared = int(response.headers.get("Content-Length") or 0)
        if declared > self.max_bytes:
            raise SourceError(url, self._too_big(declared))
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
            raise SourceError(url, f"unsupported Content-Encoding {encoding!r}")
        inflater = _Inflater(encoding) if encoding not in ("identity", "") else None
        body = bytearray()
        received = 0
        for chunk in response.iter_raw():
            received += len(chunk)
            if received > self.max_bytes:
                raise SourceError(url, self._too_big(received))
            if inflater is None:
                body.extend(chunk)
            else:
                try:
                    body.extend(inflater.feed(chunk, self.max_bytes - len(body) + 1))
                except zlib.error as exc:
                    raise SourceError(url, f"the {encoding} data is corrupt ({exc})") from exc
            if len(body) > self.max_bytes:
                raise SourceError(url, self._too_big(len(body), decoded=inflater is not None))
            if time.monotonic() > ends:
                raise SourceError(url, self._too_slow())
        content_type = response.headers.get("Content-Type", "")
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        if self.store and (etag or modified):
            self.store.store(CachedResponse(url, etag, modified, content_type, bytes(body)))
        return Fetched(str(response.url), bytes(body), content_type)

    def _too_big(self, size: int, decoded: bool = False) -> str:
        what = "decoded " if decoded else ""
        return (
            f"response is over the {self.max_bytes}-byte limit ({size} {what}bytes so far); "
            "raise DIGEST_HTTP_MAX_BYTES if it is really an article"
        )

    def _too_slow(self) -> str:
        return (
            f"took longer than the {self.deadline:g}-second limit for one fetch; "
            "raise DIGEST_HTTP_DEADLINE if the host is just slow"
        )
