"""The web app over real HTTP on 127.0.0.1 with a real SMTP server (aiosmtpd): sign-up, the
confirmation from the received email, a digest received, one-click unsubscribe from its
``List-Unsubscribe`` header, and the next run sends that address nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from digest.delivery.store import SubscriberStore
from digest.delivery.tokens import Links, signer_for
from digest.models import Digest
from digest.newsletter.render import render_digest
from digest.pipeline.stages import archive_delivered, brand_from, make_delivery, read_subscribers
from digest.settings import Settings, load_settings
from tests.conftest import SEEDS
from tests.helpers import make_digest
from tests.smtp_server import Server, free_port, smtp_server
from tests.web.server import form_of, running_app

SECRET = "test-secret-key-not-for-production"


@dataclass
class Site:
    base: str
    settings: Settings
    mail: Server
    client: httpx.Client

    @property
    def store(self) -> SubscriberStore:
        return SubscriberStore(self.settings.state_dir)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    port = free_port()
    csv = tmp_path / "people.csv"
    csv.write_text("email,name\nbo@example.com,Bo\n", encoding="utf-8")
    with smtp_server(tmp_path) as mail:
        settings = load_settings(
            env_file=None,
            sources=[str(SEEDS)],
            outbox=str(tmp_path / "outbox"),
            state_dir=str(tmp_path / "state"),
            delivery="smtp",
            smtp_host="127.0.0.1",
            smtp_port=mail.port,
            smtp_security="none",
            smtp_retries=0,
            public_url=f"http://127.0.0.1:{port}",
            secret_key=SECRET,
            subscribers=str(csv),
            subscribe_rate=5,
        )
        with running_app(settings, port) as base, httpx.Client(base_url=base, timeout=10) as c:
            yield Site(base, settings, mail, c)


def sign_up(site: Site, email: str, name: str = "") -> httpx.Response:
    action, fields = form_of(site.client.get("/"))
    return site.client.post(action, data={**fields, "email": email, "name": name})


def confirmation_link(site: Site, email: str) -> str:
    mails = [r.message for r in site.mail.received if email in r.rcpt_tos]
    assert mails, f"no confirmation email for {email}"
    body = mails[-1].get_body(("plain",)).get_content()
    match = re.search(rf"{re.escape(site.base)}/confirm/\S+", body)
    assert match, body
    return match.group(0)


def confirm(site: Site, link: str) -> httpx.Response:
    page = site.client.get(link)
    assert page.status_code == 200, page.text
    action, fields = form_of(page)
    return site.client.post(action, data=fields)


def deliver(site: Site, day: date) -> list[str]:
    """One run's delivery (the stages the flow's tasks call); the addresses reached."""
    digest = make_digest(2)
    digest = Digest(f"{digest.id}-{day}", day, digest.title, digest.items)
    rendered = render_digest(digest, brand_from(site.settings, day), site.settings.templates_dir)
    subscribers, problems = read_subscribers(site.settings)
    assert not problems
    report = make_delivery(site.settings, subscribers).deliver(rendered)
    archive_delivered(rendered, report, site.settings)
    return report.delivered


@pytest.mark.slow
def test_sign_up_confirm_receive_and_one_click_unsubscribe(site: Site) -> None:
    page = sign_up(site, "ana@example.org", "Ana Lima")
    assert page.status_code == 200 and "Check your inbox" in page.text
    assert site.store.get("ana@example.org").status == "pending"  # type: ignore[union-attr]
    assert deliver(site, date(2026, 12, 1)) == ["bo@example.com"]  # pending gets nothing

    done = confirm(site, confirmation_link(site, "ana@example.org"))
    assert done.status_code == 200 and "You are subscribed" in done.text
    ana = site.store.get("ana@example.org")
    assert ana and ana.status == "active" and ana.consent_at and ana.source == "web"

    assert sorted(deliver(site, date(2026, 12, 2))) == ["ana@example.org", "bo@example.com"]
    received = [r.message for r in site.mail.received if r.rcpt_tos == ["ana@example.org"]][-1]
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(r"<(http[^>]+)>", received["List-Unsubscribe"]).group(1)  # type: ignore[union-attr]
    assert unsubscribe.startswith(f"{site.base}/unsubscribe/")
    html = received.get_body(("html",)).get_content()
    assert "ana%40example.org" not in html and "ana@example.org" not in unsubscribe
    assert f"{site.base}/preferences/" in html

    view = re.search(r'href="([^"]+)"[^>]*>View in browser', html).group(1)  # type: ignore[union-attr]
    assert view == f"{site.base}/archive/2026-12-02"
    archived = site.client.get(view)
    assert archived.status_code == 200 and "Story number 1" in archived.text
    assert "Ana" not in archived.text and "example.org" not in archived.text
    assert "bo@example.com" not in archived.text and "/unsubscribe/" not in archived.text
    assert "frame-ancestors 'none'" in archived.headers["content-security-policy"]
    index = site.client.get("/archive/")
    assert "/archive/2026-12-02" in index.text and "/archive/2026-12-01" in index.text

    # RFC 8058: what a mail provider sends, with no cookie and no page in between.
    one_click = httpx.post(unsubscribe, data={"List-Unsubscribe": "One-Click"}, timeout=10)
    assert one_click.status_code == 200
    assert site.store.get("ana@example.org").status == "unsubscribed"  # type: ignore[union-attr]

    assert deliver(site, date(2026, 12, 3)) == ["bo@example.com"]
    # Re-imported by the CSV: still never mailed again.
    Path(site.settings.subscribers).write_text(  # type: ignore[arg-type]
        "email,name\nbo@example.com,Bo\nana@example.org,Ana\n", encoding="utf-8"
    )
    assert deliver(site, date(2026, 12, 4)) == ["bo@example.com"]

    # Signing up again and confirming brings her back.
    sign_up(site, "ana@example.org")
    assert site.store.get("ana@example.org").status == "unsubscribed"  # type: ignore[union-attr]
    confirm(site, confirmation_link(site, "ana@example.org"))
    assert sorted(deliver(site, date(2026, 12, 5))) == ["ana@example.org", "bo@example.com"]


@pytest.mark.slow
def test_unsubscribe_page_with_a_button(site: Site) -> None:
    deliver(site, date(2026, 12, 1))
    bo = site.store.get("bo@example.com")
    assert bo is not None
    link = Links(site.base, signer_for(site.settings.secret_key, site.settings.state_dir))
    page = site.client.get(link.unsubscribe(bo.sid))
    assert page.status_code == 200 and "b***@example.com" in page.text
    assert site.store.get("bo@example.com").status == "active"  # type: ignore[union-attr]
    action, fields = form_of(page)
    assert site.client.post(action, data={}).status_code == 403  # no CSRF field: refused
    assert site.store.get("bo@example.com").status == "active"  # type: ignore[union-attr]
    done = site.client.post(action, data=fields)
    assert done.status_code == 200 and "You are unsubscribed" in done.text
    assert site.store.get("bo@example.com").status == "unsubscribed"  # type: ignore[union-attr]
    preferences = site.client.get(link.preferences(bo.sid))
    assert preferences.status_code == 200 and "unsubscribed" in preferences.text


@pytest.mark.slow
def test_forged_or_altered_tokens_get_403_and_change_nothing(site: Site) -> None:
    deliver(site, date(2026, 12, 1))
    bo = site.store.get("bo@example.com")
    assert bo is not None
    genuine = Links(site.base, signer_for(site.settings.secret_key, site.settings.state_dir))
    other_key = Links(site.base, signer_for(None, site.settings.state_dir / "elsewhere"))
    real = genuine.unsubscribe(bo.sid)
    altered = real[:-2] + ("AA" if not real.endswith("AA") else "BB")
    for url in (other_key.unsubscribe(bo.sid), altered, f"{site.base}/unsubscribe/{bo.sid}"):
        assert httpx.post(url, data={"List-Unsubscribe": "One-Click"}).status_code == 403
        assert site.client.get(url).status_code == 403
    swapped = genuine.preferences(bo.sid).replace("/preferences/", "/unsubscribe/")
    assert httpx.post(swapped, data={"List-Unsubscribe": "One-Click"}).status_code == 403
    assert site.client.get(other_key.confirm("abcdefghijkl")).status_code == 403
    assert site.store.get("bo@example.com").status == "active"  # type: ignore[union-attr]


@pytest.mark.slow
def test_expired_and_replayed_confirmations_are_refused(site: Site) -> None:
    sign_up(site, "cy@example.net")
    link = confirmation_link(site, "cy@example.net")
    assert confirm(site, link).status_code == 200
    replay = site.client.get(link)
    assert replay.status_code == 410 and "used already" in replay.text
    _, fields = form_of(site.client.get("/"))  # a fresh CSRF field for the POST
    replayed_post = site.client.post(link, data={"csrf": fields["csrf"]})
    assert replayed_post.status_code == 410 and "used already" in replayed_post.text

    store = site.store
    nonce = store.request_signup("dee@example.net", None, timedelta(seconds=-1))
    assert nonce
    links = Links(site.base, signer_for(site.settings.secret_key, site.settings.state_dir))
    expired = site.client.get(links.confirm(nonce))
    assert expired.status_code == 410 and "expired" in expired.text
    _, fields = form_of(site.client.get("/"))
    expired_post = site.client.post(links.confirm(nonce), data={"csrf": fields["csrf"]})
    assert expired_post.status_code == 410 and "expired" in expired_post.text
    assert store.get("dee@example.net").status == "pending"  # type: ignore[union-attr]


@pytest.mark.slow
def test_forms_need_csrf_and_sign_ups_are_rate_limited(site: Site) -> None:
    assert site.client.post("/subscribe", data={"email": "x@example.com"}).status_code == 403
    cross_site = httpx.post(f"{site.base}/subscribe", data={"email": "x@example.com", "csrf": ""})
    assert cross_site.status_code == 403
    assert site.store.get("x@example.com") is None
    bad = sign_up(site, "not-an-address")
    assert bad.status_code == 400 and "not valid" in bad.text
    statuses = [sign_up(site, f"p{n}@example.com").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 200]  # 4 more after the bad one: 5 in the hour
    limited = sign_up(site, "late@example.com")
    assert limited.status_code == 429 and site.store.get("late@example.com") is None


@pytest.mark.slow
def test_security_headers_and_no_open_redirect(site: Site) -> None:
    home = site.client.get("/")
    csp = home.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert home.headers["x-content-type-options"] == "nosniff"
    assert home.headers["referrer-policy"] == "no-referrer"
    cookie = home.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    for path in ("//evil.example/", "/archive?next=https://evil.example/", "/archive/../../x"):
        reply = site.client.get(path, follow_redirects=False)
        assert "evil.example" not in reply.headers.get("location", "")
    assert site.client.get("/archive/not-a-date").status_code == 404
    assert site.client.get("/style.css").headers["content-type"].startswith("text/css")


@pytest.mark.slow
def test_one_click_as_multipart_form_data(site: Site) -> None:
    """RFC 8058 allows the POST body as multipart/form-data too."""
    deliver(site, date(2026, 12, 1))
    bo = site.store.get("bo@example.com")
    assert bo is not None
    link = Links(site.base, signer_for(site.settings.secret_key, site.settings.state_dir))
    reply = httpx.post(link.unsubscribe(bo.sid), files={"List-Unsubscribe": (None, "One-Click")})
    assert reply.status_code == 200
    assert site.store.get("bo@example.com").status == "unsubscribed"  # type: ignore[union-attr]
