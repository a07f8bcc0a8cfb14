"""HTTP fetching for feeds and pages: one careful client, used by every web source.

Only http(s) URLs; connect/read timeouts; a limited number of redirects; a size cap enforced
while streaming (an enormous page is refused, not loaded); a clear User-Agent; and conditional
requests (``If-None-Match`` / ``If-Modified-Since``) against the validators kept in the state
store, so a feed that did not change is not downloaded again (its cached body is reused).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from digest import __version__
from digest.errors import SourceError
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


class Fetcher:
    def __init__(
        self,
        store: StateStore | None = None,
        timeout: float = 15.0,
        max_bytes: int = 5_000_000,
        max_redirects: int = 5,
        user_agent: str = DEFAULT_USER_AGENT,
    ) -> None:
        self.store = store
        self.max_bytes = max_bytes
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=True,
            max_redirects=max_redirects,
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
        try:
            with self._client.stream("GET", url, headers=headers) as response:
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
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.max_bytes:
                        raise SourceError(url, self._too_big(len(body)))
                content_type = response.headers.get("Content-Type", "")
                final = str(response.url)
                etag = response.headers.get("ETag")
                modified = response.headers.get("Last-Modified")
        except httpx.TooManyRedirects as exc:
            raise SourceError(url, "too many redirects; check the URL") from exc
        except httpx.TimeoutException as exc:
            raise SourceError(url, "timed out; the host is slow or unreachable") from exc
        except httpx.HTTPError as exc:
            raise SourceError(url, f"cannot fetch ({type(exc).__name__}: {exc})") from exc
        if self.store and (etag or modified):
            self.store.store(CachedResponse(url, etag, modified, content_type, bytes(body)))
        return Fetched(final, bytes(body), content_type)

    def _too_big(self, size: int) -> str:
        return (
            f"response is over the {self.max_bytes}-byte limit ({size} bytes so far); "
            "raise DIGEST_HTTP_MAX_BYTES if it is really an article"
        )
