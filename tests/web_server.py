"""A real HTTP server on 127.0.0.1 for tests: routes set per test, requests recorded."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from digest.sources.fetch import Fetcher


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    redirect: str | None = None
    delay: float = 0.0
    drip: float = 0.0  # seconds between pieces of the body (a slow-drip server)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int


class LocalWeb:
    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[], Route]] = {}
        self.seen: list[Seen] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                route = web.routes.get(self.path)
                if callable(route):
                    route = route()
                if route is None:
                    route = Route(b"not found", status=404, content_type="text/plain")
                if route.delay:
                    time.sleep(route.delay)
                status = route.status
                etag_ok = route.etag and self.headers.get("If-None-Match") == route.etag
                since = self.headers.get("If-Modified-Since")
                if etag_ok or (route.last_modified and since == route.last_modified):
                    status = 304
                web.seen.append(Seen(self.path, dict(self.headers.items()), status))
                if route.redirect:
                    self.send_response(302)
                    self.send_header("Location", route.redirect)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                body = b"" if status == 304 else route.body
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with suppress(BrokenPipeError, ConnectionResetError):
                    if not route.drip:
                        self.wfile.write(body)
                    for start in range(0, len(body) if route.drip else 0, 16):
                        self.wfile.write(body[start : start + 16])
                        self.wfile.flush()
                        time.sleep(route.drip)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]


@contextmanager
def serve() -> Iterator[LocalWeb]:
    web = LocalWeb()
    thread = threading.Thread(target=web.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield web
    finally:
        web.server.shutdown()
        web.server.server_close()
        thread.join(timeout=5)


def http_date(timestamp: float) -> str:
    return formatdate(timestamp, usegmt=True)


def page(
    title: str,
    paragraphs: list[str],
    *,
    canonical: str | None = None,
    author: str | None = None,
    published: str | None = None,
    image: str | None = None,
) -> bytes:
    head = [f"<title>{title} | Example News</title>", '<meta charset="utf-8">']
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    if author:
        head.append(f'<meta name="author" content="{author}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if image:
        head.append(f'<meta property="og:image" content="{image}">')
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        f"<!DOCTYPE html><html><head>{''.join(head)}</head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a> | "
        "<a href='/sports'>Sports</a></nav>"
        f"<main><article><h1>{title}</h1>{body}</article></main>"
        "<footer>Copyright Example News. All rights reserved.</footer></body></html>"
    )
    return html.encode("utf-8")


def rss(items: list[dict[str, str]], title: str = "Example News") -> bytes:
    entries = "".join(
        "<item>"
        f"<title>{i['title']}</title><link>{i['link']}</link>"
        f"<pubDate>{i.get('date', '')}</pubDate>"
        f"<description><![CDATA[{i.get('summary', '')}]]></description>"
        + (
            f"<content:encoded><![CDATA[{i['content']}]]></content:encoded>"
            if "content" in i
            else ""
        )
        + "</item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>http://example.test/</link>"
        f"<description>News</description>{entries}</channel></rss>"
    ).encode()


def atom(items: list[dict[str, str]], title: str = "Atom News") -> bytes:
    entries = "".join(
        f'<entry><title>{i["title"]}</title><link href="{i["link"]}"/>'
        f"<id>{i['link']}</id><updated>{i.get('date', '2026-11-29T06:00:00Z')}</updated>"
        f"<author><name>{i.get('author', 'Staff')}</name></author>"
        f'<content type="html"><![CDATA[{i.get("content", "")}]]></content></entry>'
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:x</id><updated>2026-11-29T06:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


LOCAL = ("127.0.0.1",)  # DIGEST_HTTP_ALLOW_HOSTS for the tests' own servers


def local_fetcher(*args: Any, **kwargs: Any) -> Fetcher:
    """A fetcher allowed to reach the tests' 127.0.0.1 servers (refused by default)."""
    return Fetcher(*args, allow_hosts=LOCAL, **kwargs)
