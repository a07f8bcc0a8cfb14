"""The routes of the web app.

- ``GET /`` sign-up page; ``POST /subscribe`` (``email``, optional ``name``, CSRF field) makes a
  pending subscriber and sends a confirmation link (the same page for every address, so the form
  tells nobody who is subscribed); rate-limited per client address.
- ``GET /confirm/<token>`` a page with a button; ``POST`` activates the subscriber (double
  opt-in). A link works once and expires after ``DIGEST_CONFIRM_HOURS``.
- ``GET /unsubscribe/<token>`` a confirmation page with a button; ``POST`` with the CSRF field
  (the button) or with ``List-Unsubscribe=One-Click`` (RFC 8058, sent by mail providers)
  unsubscribes at once. ``GET /preferences/<token>`` shows the subscription.
- ``GET /archive/`` the index, ``GET /archive/YYYY-MM-DD`` one delivered digest.

A token that does not verify gets 403 and changes nothing. No route redirects to a URL taken
from the request.
"""

from __future__ import annotations

from datetime import date, timedelta
from email.headerregistry import Address
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from digest.delivery.archive import Archive
from digest.delivery.store import SubscriberStore
from digest.delivery.subscribers import clean_name, validate_email
from digest.delivery.tokens import Links, signer_for
from digest.errors import DeliveryError
from digest.settings import Settings
from digest.web.mail import send_confirmation
from digest.web.security import (
    ARCHIVE_CSP,
    CSRF_COOKIE,
    Csrf,
    FormTooLarge,
    RateLimiter,
    SecurityHeaders,
    read_form,
)

TEMPLATES = Path(__file__).parent / "templates"
PER_ADDRESS = 3  # confirmation emails per address per hour, whoever asks


def _masked(email: str) -> str:
    local, _, domain = email.rpartition("@")
    return f"{local[:1]}***@{domain}"


class WebApp:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = SubscriberStore(settings.state_dir)
        self.archive = Archive(settings.state_dir)
        self.signer = signer_for(settings.secret_key, settings.state_dir)
        self.links = Links(settings.public_url, self.signer)
        self.csrf = Csrf(self.signer, secure=settings.public_url.startswith("https://"))
        self.limiter = RateLimiter(settings.subscribe_rate, 3600.0)
        self.pages = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        self.style = (TEMPLATES / "style.css").read_text(encoding="utf-8")

    # --- rendering ------------------------------------------------------------------------

    def page(
        self, request: Request, template: str, status: int = 200, **context: Any
    ) -> HTMLResponse:
        cookie, new = self.csrf.cookie_value(request)
        context.setdefault("action", None)
        html = self.pages.get_template(template).render(
            newsletter=self.settings.newsletter_name,
            tagline=self.settings.tagline,
            csrf=self.csrf.field_for(cookie),
            **context,
        )
        response = HTMLResponse(html, status_code=status)
        response.headers["cache-control"] = "no-store"
        if new:
            response.set_cookie(
                CSRF_COOKIE, cookie, httponly=True, samesite="strict", secure=self.csrf.secure
            )
        return response

    def message(
        self, request: Request, title: str, *paragraphs: str, status: int = 200, **form: str
    ) -> HTMLResponse:
        return self.page(
            request, "message.html", status, title=title, paragraphs=paragraphs, **form
        )

    def forbidden(self, request: Request) -> HTMLResponse:
        return self.message(
            request,
            "This link is not valid",
            "The link may have been altered or cut short. Copy the whole link from the email.",
            status=403,
        )

    # --- sign-up --------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        return self.page(request, "signup.html", title="Subscribe", error=None, email="", name="")

    async def subscribe(self, request: Request) -> Response:
        try:
            form = await read_form(request)
        except FormTooLarge:
            return Response("form too large", status_code=413)
        if not self.csrf.valid(request, form):
            return self.message(
                request,
                "Please try again",
                "The form expired or came from another site. Reload the page and send it again.",
                status=403,
            )
        client = request.client.host if request.client else "unknown"
        if not self.limiter.allow(client):
            response = self.message(
                request, "Too many sign-ups", "Please wait an hour and try again.", status=429
            )
            response.headers["retry-after"] = "3600"
            return response
        raw_email, name = form.get("email", "")[:254], clean_name(form.get("name", "")[:200])
        try:
            email = validate_email(raw_email)
        except ValueError as exc:
            error = f"That email address is not valid: it {exc}."
            return self.page(
                request,
                "signup.html",
                400,
                title="Subscribe",
                error=error,
                email=raw_email,
                name=name or "",
            )
        if self.store.recent_requests(email, timedelta(hours=1)) < PER_ADDRESS:
            valid_for = timedelta(hours=self.settings.confirm_hours)
            nonce = self.store.request_signup(email, name, valid_for)
            if nonce is not None:
                local, _, domain = email.rpartition("@")
                recipient = Address(display_name=name or "", username=local, domain=domain)
                try:
                    await run_in_threadpool(
                        send_confirmation, self.settings, recipient, self.links.confirm(nonce)
                    )
                except DeliveryError:
                    return self.message(
                        request,
                        "We could not send the email",
                        "Our mail server did not take the confirmation. Please try later.",
                        status=503,
                    )
        return self.message(
            request,
            "Check your inbox",
            f"If {email} can receive our email, a confirmation link is on its way. "
            "Open it to start your subscription.",
        )

    async def confirm(self, request: Request) -> Response:
        nonce = self.signer.verify("confirm", request.path_params["token"])
        if nonce is None:
            return self.forbidden(request)
        if request.method == "GET":
            state = self.store.confirmation_state(nonce)
            if state is not None:
                return self.gone(request, state)
            return self.message(
                request,
                "Confirm your subscription",
                "One more step: press the button to start receiving the digest.",
                action=request.url.path,
                button="Confirm my subscription",
            )
        form = await self._form_or_none(request)
        if form is None or not self.csrf.valid(request, form):
            return self.message(
                request, "Please try again", "Open the link from the email again.", status=403
            )
        result, _ = self.store.confirm(nonce)
        if result == "confirmed":
            return self.message(
                request, "You are subscribed", "The next digest will be in your inbox."
            )
        return self.gone(request, result)

    def gone(self, request: Request, why: str) -> HTMLResponse:
        reasons = {
            "used": "This confirmation link was used already.",
            "expired": "This confirmation link has expired.",
            "unknown": "This confirmation link is not known here.",
        }
        return self.message(
            request,
            "This link no longer works",
            reasons.get(why, reasons["unknown"]),
            "Sign up again to get a new link.",
            status=410,
        )

    # --- leaving and preferences ----------------------------------------------------------

    async def unsubscribe(self, request: Request) -> Response:
        sid = self.signer.verify("unsubscribe", request.path_params["token"])
        if sid is None:
            return self.forbidden(request)
        subscriber = self.store.by_sid(sid)
        if subscriber is None:
            return self.message(request, "Not found", "This subscription is gone.", status=404)
        if request.method == "GET":
            if subscriber.status == "unsubscribed":
                return self.message(request, "You are unsubscribed", "Nothing more will come.")
            return self.message(
                request,
                "Unsubscribe?",
                f"Stop sending {self.settings.newsletter_name} to {_masked(subscriber.email)}.",
                action=request.url.path,
                button="Unsubscribe",
            )
        form = await self._form_or_none(request)
        one_click = form is not None and form.get("List-Unsubscribe") == "One-Click"
        if not one_click and (form is None or not self.csrf.valid(request, form)):
            return self.message(
                request, "Please try again", "Reload the page and press the button.", status=403
            )
        self.store.unsubscribe_sid(sid)
        if one_click:
            return Response("unsubscribed\n", media_type="text/plain")
        return self.message(
            request,
            "You are unsubscribed",
            f"{_masked(subscriber.email)} will get no more email from us.",
            "Changed your mind? Sign up again on the home page.",
        )

    async def preferences(self, request: Request) -> Response:
        sid = self.signer.verify("preferences", request.path_params["token"])
        subscriber = self.store.by_sid(sid) if sid else None
        if sid is None or subscriber is None:
            return self.forbidden(request)
        return self.message(
            request,
            "Your subscription",
            f"Address: {_masked(subscriber.email)}. Status: {subscriber.status}.",
            action=f"/unsubscribe/{self.signer.sign('unsubscribe', sid)}",
            button="Unsubscribe",
        )

    async def _form_or_none(self, request: Request) -> dict[str, str] | None:
        try:
            return await read_form(request)
        except FormTooLarge:
            return None

    # --- the archive ----------------------------------------------------------------------

    async def archive_index(self, request: Request) -> Response:
        return self.page(request, "archive.html", title="Archive", digests=self.archive.index())

    async def archived(self, request: Request) -> Response:
        try:
            day = date.fromisoformat(request.path_params["day"])
        except ValueError:
            day = None
        found = self.archive.get(day) if day else None
        if found is None:
            return self.message(request, "Not found", "No digest for that date.", status=404)
        response = HTMLResponse(found.html)
        response.headers["content-security-policy"] = ARCHIVE_CSP
        return response

    async def stylesheet(self, request: Request) -> Response:
        return Response(self.style, media_type="text/css")


def create_app(settings: Settings) -> Starlette:
    web = WebApp(settings)
    routes = [
        Route("/", web.home),
        Route("/style.css", web.stylesheet),
        Route("/subscribe", web.subscribe, methods=["POST"]),
        Route("/confirm/{token}", web.confirm, methods=["GET", "POST"]),
        Route("/unsubscribe/{token}", web.unsubscribe, methods=["GET", "POST"]),
        Route("/preferences/{token}", web.preferences),
        Route("/archive", lambda request: RedirectResponse("/archive/", 308)),
        Route("/archive/", web.archive_index),
        Route("/archive/{day}", web.archived),
    ]
    return Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)])
