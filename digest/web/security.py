"""What keeps the web app safe: security headers, CSRF tokens, a sign-up rate limit and a
bounded form reader. Pure helpers and one ASGI middleware; no IO beyond the request body."""

from __future__ import annotations

import re
import secrets
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from digest.delivery.tokens import Signer

PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
# An archived digest is an email: inline styles, a <style> block, remote images; no scripts.
ARCHIVE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "content-security-policy": PAGE_CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",  # the signed links must not leak to other sites
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
MAX_FORM_BYTES = 16_384
CSRF_COOKIE = "digest_csrf"
CSRF_FIELD = "csrf"


class SecurityHeaders:
    """Adds :data:`HEADERS` to every response that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in HEADERS.items():
                    if key not in headers:
                        headers[key] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class FormTooLarge(Exception):
    pass


async def read_form(request: Request, limit: int = MAX_FORM_BYTES) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` (or simple multipart) body, at most ``limit``
    bytes; the first value of each field."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise FormTooLarge
    text = body.decode("utf-8", "replace")
    kind = request.headers.get("content-type", "")
    if kind.startswith("multipart/form-data"):
        pairs = re.findall(r'name="([^"]{1,100})"\r?\n(?:[^\r\n]*\r?\n)*?\r?\n([^\r\n]*)', text)
        return {name: value for name, value in pairs[:20]}
    parsed = parse_qs(text, keep_blank_values=True, max_num_fields=20)
    return {key: values[0] for key, values in parsed.items()}


@dataclass
class Csrf:
    """Double-submit, signed: a random cookie, and a form field that is its HMAC."""

    signer: Signer
    secure: bool = False

    def cookie_value(self, request: Request) -> tuple[str, bool]:
        """The browser's cookie (or a new one) and whether it is new."""
        value = request.cookies.get(CSRF_COOKIE, "")
        if re.fullmatch(r"[A-Za-z0-9_-]{22,64}", value):
            return value, False
        return secrets.token_urlsafe(16), True

    def field_for(self, cookie: str) -> str:
        return self.signer.sign("csrf", cookie)

    def valid(self, request: Request, form: dict[str, str]) -> bool:
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if not cookie:
            return False
        return self.signer.verify("csrf", form.get(CSRF_FIELD, "")) == cookie


@dataclass
class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key (a client address); at most
    ``max_keys`` keys remembered, the oldest forgotten first."""

    limit: int
    window: float = 3600.0
    max_keys: int = 10_000
    _events: OrderedDict[str, deque[float]] = field(default_factory=OrderedDict)

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        events = self._events.pop(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        allowed = len(events) < self.limit
        if allowed:
            events.append(now)
        self._events[key] = events
        while len(self._events) > self.max_keys:
            self._events.popitem(last=False)
        return allowed
