from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.deliver import OutboxDelivery, atomic_write
from digest.errors import ConfigError, DeliveryError
from digest.message import build_message, parse_address
from digest.pipeline import brand_from
from digest.render import render_digest
from digest.settings import Settings
from tests.helpers import make_digest


def test_outbox_eml_parses_and_has_both_parts(settings: Settings, tmp_path: Path) -> None:
    rendered = render_digest(make_digest(2), brand_from(settings), settings.templates_dir)
    delivery = OutboxDelivery(
        tmp_path,
        parse_address("Digest <d@example.com>", "DIGEST_FROM"),
        parse_address("Reader <r@example.com>", "DIGEST_TO"),
    )
    report = delivery.deliver(rendered)
    eml, html = report.files
    assert eml.name == "digest-2026-11-29.eml" and html.suffix == ".html"
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in parts)
    assert message["Subject"] == rendered.subject
    assert message["From"].addresses[0].addr_spec == "d@example.com"
    assert message["To"].addresses[0].display_name == "Reader"
    assert message["Date"].datetime is not None
    assert message["Message-ID"].strip().startswith("<")
    assert message["Message-ID"].strip().endswith("@example.com>")
    copy = rendered.personalize()
    assert parts[0].get_content().replace("\r\n", "\n") == copy.text
    assert parts[1].get_content().replace("\r\n", "\n").strip() == copy.html.strip()
    assert html.read_text(encoding="utf-8") == copy.html
    assert "token" not in copy.text
    assert b"\r\n" in eml.read_bytes()  # RFC 5322 line endings
    assert not list(tmp_path.glob("*.part"))


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
    rendered = render_digest(make_digest(1), brand_from(settings), settings.templates_dir)
    delivery = OutboxDelivery(
        blocker / "outbox",
        parse_address("a@b.c", "DIGEST_FROM"),
        parse_address("d@e.f", "DIGEST_TO"),
    )
    with pytest.raises(DeliveryError, match="DIGEST_OUTBOX"):
        delivery.deliver(rendered)


def test_header_injection_is_impossible(settings: Settings) -> None:
    digest = make_digest(1, title="Big news\r\nBcc: victim@example.com")
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir)
    assert "\n" not in rendered.subject and "\r" not in rendered.subject
    message = build_message(
        rendered,
        parse_address("a@b.c", "F"),
        parse_address("d@e.f", "T"),
        datetime.now(UTC),
    )
    headers = message.as_bytes().split(b"\r\n\r\n", 1)[0]
    assert b"\nBcc:" not in headers and b"\rBcc:" not in headers
    assert "Bcc" not in message
    with pytest.raises(ConfigError):
        parse_address("Eve <eve@example.com>\r\nBcc: x@y.z", "DIGEST_TO")


@pytest.mark.parametrize("bad", ["not an address", "a@b.c, d@e.f", ""])
def test_bad_addresses_name_the_setting(bad: str) -> None:
    with pytest.raises(ConfigError, match="DIGEST_FROM"):
        parse_address(bad, "DIGEST_FROM")
