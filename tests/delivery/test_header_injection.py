"""Hostile headlines and subscriber names never become headers: over SMTP, in the outbox,
and from a real subscribers CSV (issue 14's exact attack)."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from digest.delivery.outbox import Envelope, OutboxDelivery
from digest.delivery.smtp import SmtpConfig, SmtpDelivery
from digest.delivery.subscribers import load_subscribers
from digest.errors import DeliveryError
from digest.models import RenderedDigest
from digest.newsletter.message import build_message, message_bytes, parse_address, verify_headers
from digest.newsletter.render import render_digest
from digest.pipeline.stages import brand_from
from digest.settings import Settings
from digest.state import StateStore
from tests.helpers import make_digest
from tests.smtp_server import smtp_server

HOSTILE = "Budget =?utf-8?q?=0D=0ABcc:_harvest@attacker.example=0D=0AReply-To:_x@attacker.example?="
BIDI = "Budget \u202eelbat\u202c \u2066news\u2069"
EXPECTED = [
    "Subject",
    "From",
    "To",
    "Date",
    "Message-ID",
    "MIME-Version",
    "List-Id",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "Content-Type",
]
ENVELOPE = Envelope(
    parse_address("The Digest <digest@example.com>", "DIGEST_FROM"),
    "The Digest",
    "https://example.com/unsubscribe",
    "unsubscribe@example.com",
)
READER = parse_address("Reader <r@example.com>", "DIGEST_TO")


def rendered(settings: Settings, title: str = HOSTILE) -> RenderedDigest:
    return render_digest(make_digest(1, title=title), brand_from(settings), settings.templates_dir)


def header_names(data: bytes) -> list[str]:
    """The top-level header names as the bytes say (a line that does not start with white
    space opens a header), independent of how any email library parses them."""
    block = data.split(b"\r\n\r\n", 1)[0].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return [
        line.split(b":", 1)[0].decode() for line in block.split(b"\n") if line[:1] not in b" \t"
    ]


def assert_clean(data: bytes) -> EmailMessage:
    assert header_names(data) == EXPECTED
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    assert parsed["Bcc"] is None and parsed["Reply-To"] is None
    assert "\n" not in str(parsed["Subject"]) and "\r" not in str(parsed["Subject"])
    return parsed


def subscribers_csv(tmp_path: Path) -> Path:
    path = tmp_path / "subscribers.csv"
    path.write_text(
        f'email,name\nann@example.com,"{HOSTILE}"\nbo@example.com,"{BIDI}"\n', encoding="utf-8"
    )
    return path


def test_hostile_headline_and_csv_name_in_the_outbox(settings: Settings, tmp_path: Path) -> None:
    subscribers, problems = load_subscribers(subscribers_csv(tmp_path))
    assert not problems
    report = OutboxDelivery(tmp_path / "out", ENVELOPE, READER, subscribers).deliver(
        rendered(settings)
    )
    assert report.delivered == ["ann@example.com", "bo@example.com"] and not report.failed
    ann = assert_clean((tmp_path / "out/digest-2026-11-29/ann@example.com.eml").read_bytes())
    assert [a.addr_spec for a in ann["To"].addresses] == ["ann@example.com"]
    assert "Budget" in str(ann["Subject"]) and "Budget" in str(ann["To"])
    bo = assert_clean((tmp_path / "out/digest-2026-11-29/bo@example.com.eml").read_bytes())
    body = bo.get_body(("plain",))
    assert body is not None
    for text in (str(bo["To"]), str(bo["Subject"]), body.get_content()):
        assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_hostile_headline_and_csv_name_over_smtp(settings: Settings, tmp_path: Path) -> None:
    subscribers, _ = load_subscribers(subscribers_csv(tmp_path))
    with smtp_server(tmp_path) as server:
        sender = SmtpDelivery(
            SmtpConfig(host="127.0.0.1", port=server.port, security="none", timeout=10),
            ENVELOPE,
            StateStore(tmp_path / "state"),
            READER,
            subscribers,
        )
        report = sender.deliver(rendered(settings))
    assert report.delivered == ["ann@example.com", "bo@example.com"]
    assert [r.rcpt_tos for r in server.received] == [["ann@example.com"], ["bo@example.com"]]
    for received in server.received:
        assert_clean(received.data)


def test_the_default_recipient_message_is_verified_too(settings: Settings, tmp_path: Path) -> None:
    OutboxDelivery(tmp_path, ENVELOPE, READER).deliver(rendered(settings))
    assert_clean((tmp_path / "digest-2026-11-29.eml").read_bytes())


def test_a_header_block_that_is_not_what_was_set_is_refused(settings: Settings) -> None:
    message = build_message(
        rendered(settings).personalize(), ENVELOPE.sender, READER, datetime.now(UTC), "The Digest"
    )
    data = message_bytes(message)
    names = list(message.keys())
    verify_headers(data, names)  # the real message passes
    injected = data.replace(b"\r\nFrom:", b"\r\nBcc: harvest@attacker.example\r\nFrom:", 1)
    with pytest.raises(DeliveryError, match="Bcc"):
        verify_headers(injected, names)
    bare_lf = data.replace(b"\r\nFrom:", b"\nReply-To: x@attacker.example\r\nFrom:", 1)
    with pytest.raises(DeliveryError, match="bare CR or LF"):
        verify_headers(bare_lf, names)
    encoded = data.replace(
        b"\r\nFrom:", b"\r\nX-Note: =?utf-8?q?a=0D=0ABcc:_x@attacker.example?=\r\nFrom:", 1
    )
    with pytest.raises(DeliveryError, match="control characters"):
        verify_headers(encoded, [*names[:1], "X-Note", *names[1:]])
    other_to = data.replace(b"To: Reader <r@example.com>", b"To: Reader <x@attacker.example>")
    with pytest.raises(DeliveryError, match=r"does not hold exactly r@example\.com"):
        verify_headers(other_to, names, {"to": ["r@example.com"]})
