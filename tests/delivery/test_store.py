"""The subscriber store's rules, on a real SQLite state database."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from digest.delivery.archive import Archive
from digest.delivery.store import SubscriberStore
from digest.delivery.subscribers import Subscriber
from digest.newsletter.render import render_digest
from digest.pipeline.stages import brand_from, make_delivery, read_subscribers
from digest.settings import Settings
from tests.helpers import make_digest
from tests.smtp_server import Script, smtp_server

ANN = Subscriber("ann@example.com", "Ann", {"city": "Oslo"})
BO = Subscriber("bo@example.com", "Bo")


def test_import_adds_active_subscribers_with_consent_and_source(tmp_path: Path) -> None:
    store = SubscriberStore(tmp_path)
    report = store.import_subscribers([ANN, BO], "csv:people.csv")
    assert report.added == ["ann@example.com", "bo@example.com"]
    ann = store.get("ANN@example.com")
    assert ann and ann.status == "active" and ann.source == "csv:people.csv" and ann.consent_at
    assert ann.fields == {"city": "Oslo"} and len(ann.sid) >= 20
    assert [s.email for s in store.active()] == ["ann@example.com", "bo@example.com"]
    assert all(s.sid for s in store.active())


def test_an_import_never_brings_back_an_unsubscribed_or_bounced_address(tmp_path: Path) -> None:
    store = SubscriberStore(tmp_path)
    store.import_subscribers([ANN, BO], "csv:a.csv")
    assert store.set_status("ann@example.com", "unsubscribed")
    assert store.set_status("bo@example.com", "bounced")
    report = store.import_subscribers([ANN, BO], "csv:b.csv")
    assert [email for email, _ in report.kept_out] == ["ann@example.com", "bo@example.com"]
    assert store.active() == []
    assert not store.set_status("nobody@example.com", "unsubscribed")


def test_sign_up_is_pending_until_confirmed_once(tmp_path: Path) -> None:
    store = SubscriberStore(tmp_path)
    nonce = store.request_signup("cy@example.com", "Cy", timedelta(hours=1))
    assert nonce and store.get("cy@example.com").status == "pending"  # type: ignore[union-attr]
    assert store.active() == []
    assert store.confirmation_state(nonce) is None
    assert store.confirm(nonce) == ("confirmed", "cy@example.com")
    assert store.confirmation_state(nonce) == "used"
    store.import_subscribers([Subscriber("CY@example.com", "Cy")], "cli")  # same address
    assert [s.email for s in store.all()] == ["cy@example.com"]
    assert store.confirm(nonce) == ("used", "cy@example.com")
    assert store.confirm("no-such-nonce") == ("unknown", None)
    assert store.request_signup("cy@example.com", None, timedelta(hours=1)) is None  # active


def test_an_unsubscribed_address_signing_up_stays_out_until_it_confirms(tmp_path: Path) -> None:
    store = SubscriberStore(tmp_path)
    store.import_subscribers([ANN], "csv:a.csv")
    store.set_status("ann@example.com", "unsubscribed")
    expired = store.request_signup("ann@example.com", None, timedelta(seconds=-1))
    fresh = store.request_signup("ann@example.com", None, timedelta(hours=1))
    assert expired and fresh
    assert store.get("ann@example.com").status == "unsubscribed"  # type: ignore[union-attr]
    assert store.confirm(expired)[0] == "expired"
    assert store.active() == []
    assert store.confirm(fresh)[0] == "confirmed"
    assert [s.email for s in store.active()] == ["ann@example.com"]
    assert store.recent_requests("ann@example.com", timedelta(hours=1)) == 2


def test_a_run_delivers_to_active_subscribers_only_never_to_the_default(
    settings: Settings, tmp_path: Path
) -> None:
    settings = settings.model_copy(update={"state_dir": tmp_path / "state"})
    store = SubscriberStore(settings.state_dir)
    store.import_subscribers([ANN], "cli")
    store.set_status("ann@example.com", "unsubscribed")
    subscribers, _ = read_subscribers(settings)
    assert subscribers == []
    rendered = render_digest(make_digest(1), brand_from(settings), settings.templates_dir)
    report = make_delivery(settings, subscribers).deliver(rendered)
    assert report.delivered == [] and report.skipped
    assert not settings.outbox.exists()  # nothing written for DIGEST_TO either


def test_the_archived_copy_has_no_personal_details(settings: Settings, tmp_path: Path) -> None:
    digest = make_digest(2)
    brand = brand_from(settings, digest.date)
    rendered = render_digest(digest, brand, settings.templates_dir)
    archive = Archive(tmp_path)
    archive.add(rendered, "https://news.example")
    copy = archive.get(digest.date)
    assert copy and copy.digest_id == digest.id and "Story number 2" in copy.html
    assert "digest-" not in copy.html.replace("digest-field", "")  # no placeholder left
    assert f"{settings.public_url}/archive/2026-11-29" in copy.html  # View in browser
    assert 'href="https://news.example/"' in copy.html  # its leave/preferences links: home
    assert archive.index() == [(digest.date, rendered.subject)]


def test_an_address_refused_for_good_is_marked_bounced(settings: Settings, tmp_path: Path) -> None:
    from digest.pipeline.stages import archive_delivered

    script = Script(rcpt={"bo@example.com": ["550 5.1.1 no such user"]})
    with smtp_server(tmp_path, script) as server:
        settings = settings.model_copy(
            update={
                "state_dir": tmp_path / "state",
                "delivery": "smtp",
                "smtp_host": "127.0.0.1",
                "smtp_port": server.port,
                "smtp_security": "none",
            }
        )
        SubscriberStore(settings.state_dir).import_subscribers([ANN, BO], "cli")
        rendered = render_digest(make_digest(1), brand_from(settings), settings.templates_dir)
        subscribers, _ = read_subscribers(settings)
        report = make_delivery(settings, subscribers).deliver(rendered)
        archive_delivered(rendered, report, settings)
    store = SubscriberStore(settings.state_dir)
    assert report.delivered == ["ann@example.com"]
    assert store.get("bo@example.com").status == "bounced"  # type: ignore[union-attr]
    assert store.get("ann@example.com").status == "active"  # type: ignore[union-attr]
    assert Archive(settings.state_dir).get(rendered.digest.date) is not None
