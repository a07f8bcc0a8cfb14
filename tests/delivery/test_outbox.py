from __future__ import annotations

import email
import email.policy
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.delivery.outbox import Envelope, OutboxDelivery, atomic_write, unsubscribe_link
from digest.delivery.subscribers import Subscriber
from digest.errors import ConfigError, DeliveryError
from digest.models import RenderedDigest
from digest.newsletter.message import build_message, parse_address
from digest.newsletter.render import render_digest
from digest.pipeline.stages import brand_from
from digest.settings import Settings
from tests.helpers import make_digest

ENVELOPE = Envelope(
    parse_address("The Digest <digest@example.com>", "DIGEST_FROM"),
    "The Digest",
    "https://example.com/unsubscribe?list=daily",
    "unsubscribe@example.com",
)
READER = parse_address("Reader <r@example.com>", "DIGEST_TO")


def rendered_digest(settings: Settings, items: int = 2, **kwargs: str) -> RenderedDigest:
    return render_digest(make_digest(items, **kwargs), brand_from(settings), settings.templates_dir)


def parse(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)  # type: ignore[return-value]


def test_outbox_without_subscribers(settings: Settings, tmp_path: Path) -> None:
    rendered = rendered_digest(settings)
    report = OutboxDelivery(tmp_path, ENVELOPE, READER).deliver(rendered)
    html, eml, manifest = report.files
    assert (html.name, eml.name, manifest.name) == (
        "digest-2026-11-29.html",
        "digest-2026-11-29.eml",
        "digest-2026-11-29.json",
    )
    message = parse(eml)
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in parts)
    assert message["Subject"] == rendered.subject
    assert message["From"].addresses[0].addr_spec == "digest@example.com"
    assert message["To"].addresses[0].display_name == "Reader"
    assert message["Date"].datetime is not None
    assert message["Message-ID"].strip().endswith("@example.com>")
    copy = rendered.personalize()
    assert parts[0].get_content().replace("\r\n", "\n") == copy.text
    assert parts[1].get_content().replace("\r\n", "\n").strip() == copy.html.strip()
    assert html.read_text(encoding="utf-8") == copy.html
    assert "token" not in copy.text
    assert b"\r\n" in eml.read_bytes()  # RFC 5322 line endings
    assert not list(tmp_path.rglob("*.part"))


def test_one_personalised_message_per_subscriber_and_a_manifest(
    settings: Settings, tmp_path: Path
) -> None:
    subscribers = [
        Subscriber("ann@example.com", "Ann Lee", {"plan": "pro"}),
        Subscriber("bo@example.org", None),
    ]
    rendered = rendered_digest(settings)
    report = OutboxDelivery(tmp_path, ENVELOPE, READER, subscribers).deliver(rendered)
    assert report.delivered == ["ann@example.com", "bo@example.org"]
    ann = parse(tmp_path / "digest-2026-11-29" / "ann@example.com.eml")
    bo = parse(tmp_path / "digest-2026-11-29" / "bo@example.org.eml")
    ann_text = ann.get_body(("plain",)).get_content()
    assert "Good morning, Ann Lee." in ann_text and "as ann@example.com" in ann_text
    assert "Good morning. Here" in bo.get_body(("plain",)).get_content()
    assert ann["To"].addresses[0].addr_spec == "ann@example.com"
    assert ann["List-Unsubscribe"].strip() == (
        "<https://example.com/unsubscribe?list=daily&email=ann%40example.com>, "
        "<mailto:unsubscribe@example.com?subject=unsubscribe>"
    )
    assert ann["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert ann["List-Id"] == "The Digest <the-digest.example.com>"
    assert ann["Message-ID"] != bo["Message-ID"]
    html = ann.get_body(("html",)).get_content()
    assert 'href="https://example.com/unsubscribe?list=daily&amp;email=ann%40example.com"' in html
    manifest = json.loads((tmp_path / "digest-2026-11-29.json").read_text())
    assert manifest["digest_id"] == rendered.digest.id and manifest["date"] == "2026-11-29"
    assert manifest["recipients"] == ["ann@example.com", "bo@example.org"]
    assert [a["title"] for a in manifest["articles"]] == [
        i.article.title for i in rendered.digest.items
    ]
    assert "digest-2026-11-29/ann@example.com.eml" in manifest["files"]


def test_same_date_is_not_written_twice_unless_forced(settings: Settings, tmp_path: Path) -> None:
    rendered = rendered_digest(settings)
    OutboxDelivery(tmp_path, ENVELOPE, READER).deliver(rendered)
    before = (tmp_path / "digest-2026-11-29.eml").read_bytes()
    again = OutboxDelivery(tmp_path, ENVELOPE, READER).deliver(rendered)
    assert not again.delivered and "delivered already" in again.skipped[0][1]
    assert (tmp_path / "digest-2026-11-29.eml").read_bytes() == before
    forced = OutboxDelivery(tmp_path, ENVELOPE, READER, force=True).deliver(rendered)
    assert forced.delivered == ["r@example.com"]


def test_unsubscribe_link_templates() -> None:
    ann = Subscriber("ann+x@example.com", "Ann", {"id": "42"})
    assert unsubscribe_link("https://x.test/u/{id}?e={email}", ann) == (
        "https://x.test/u/42?e=ann%2Bx%40example.com"
    )
    assert (
        unsubscribe_link("https://x.test/u", ann) == "https://x.test/u?email=ann%2Bx%40example.com"
    )


def test_subscriber_fields_fill_template_tokens(settings: Settings) -> None:
    from digest.newsletter.render import field_token

    rendered = rendered_digest(settings)
    marked = RenderedDigest(
        rendered.digest,
        rendered.subject,
        rendered.html + field_token("plan"),
        rendered.text + field_token("plan"),
        rendered.preheader,
        rendered.unsubscribe_url,
    )
    copy = marked.personalize(fields={"plan": "<pro>"})
    assert copy.html.endswith("&lt;pro&gt;") and copy.text.endswith("<pro>")


def test_atomic_write_never_leaves_partial_files(tmp_path: Path) -> None:
    target = tmp_path / "out.eml"
    atomic_write(target, b"first")
    with pytest.raises(TypeError):
        atomic_write(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["out.eml"]


def test_unwritable_outbox_is_one_clear_error(settings: Settings, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    delivery = OutboxDelivery(blocker / "outbox", ENVELOPE, READER)
    with pytest.raises(DeliveryError, match="DIGEST_OUTBOX"):
        delivery.deliver(rendered_digest(settings, 1))


def test_header_injection_is_impossible(settings: Settings) -> None:
    rendered = rendered_digest(settings, 1, title="Big news\r\nBcc: victim@example.com")
    assert "\n" not in rendered.subject and "\r" not in rendered.subject
    message = build_message(rendered.personalize(), ENVELOPE.sender, READER, datetime.now(UTC))
    headers = message.as_bytes().split(b"\r\n\r\n", 1)[0]
    assert b"\nBcc:" not in headers and b"\rBcc:" not in headers
    assert "Bcc" not in message
    with pytest.raises(ConfigError):
        parse_address("Eve <eve@example.com>\r\nBcc: x@y.z", "DIGEST_TO")
    evil = Subscriber("eve@example.com", "Eve\r\nBcc: x@y.z")
    with pytest.raises(ValueError):
        evil.address  # noqa: B018 - the name must have been cleaned on load


@pytest.mark.parametrize("bad", ["not an address", "a@b.c, d@e.f", ""])
def test_bad_addresses_name_the_setting(bad: str) -> None:
    with pytest.raises(ConfigError, match="DIGEST_FROM"):
        parse_address(bad, "DIGEST_FROM")


KILLED_WRITE = """
import os, signal, sys
from pathlib import Path
from digest.delivery import outbox
os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)  # die just before the rename
outbox.atomic_write(Path(sys.argv[1]) / "digest-2026-11-29" / "ann@example.com.eml", b"x" * 9999)
"""


def test_a_killed_write_leaves_a_part_file_the_next_run_removes(
    settings: Settings, tmp_path: Path
) -> None:
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITE, str(tmp_path)], timeout=120)
    assert killed.returncode == -signal.SIGKILL
    [stale] = (tmp_path / "digest-2026-11-29").glob(".*.part")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    live = tmp_path / ".digest-2026-11-30.html.abc.part"  # another writer's, just begun
    live.write_bytes(b"y")
    OutboxDelivery(tmp_path, ENVELOPE, READER, [Subscriber("ann@example.com")]).deliver(
        rendered_digest(settings)
    )
    assert not stale.exists() and live.exists()
    assert (tmp_path / "digest-2026-11-29" / "ann@example.com.eml").stat().st_size > 1000
