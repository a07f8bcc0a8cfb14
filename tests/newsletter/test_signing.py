"""DKIM signatures made with dkimpy, verified with dkimpy against the public key."""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import dkim
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from digest.delivery.outbox import Envelope, OutboxDelivery
from digest.delivery.smtp import SmtpConfig, SmtpDelivery
from digest.delivery.subscribers import Subscriber
from digest.errors import ConfigError
from digest.newsletter.message import build_message, parse_address
from digest.newsletter.render import render_digest
from digest.newsletter.signing import DkimSigner, load_signer
from digest.pipeline.stages import brand_from, envelope_from
from digest.settings import Settings
from digest.state import StateStore
from tests.helpers import make_digest
from tests.smtp_server import smtp_server

SENDER = parse_address("The Digest <digest@news.example.com>", "DIGEST_FROM")
READER = parse_address("Reader <r@example.org>", "DIGEST_TO")


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A fresh RSA key in a PEM file, and the DNS TXT record publishing its public half."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    path = tmp_path_factory.mktemp("dkim") / "dkim.pem"
    path.write_bytes(pem)
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return path, b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)


def dns(record: bytes, name: bytes = b"digest1._domainkey.news.example.com.") -> object:
    def txt(query: bytes, timeout: int = 5) -> bytes | None:
        return record if query.rstrip(b".") == name.rstrip(b".") else None

    return txt


def test_outbox_messages_are_signed_and_verify(
    settings: Settings, tmp_path: Path, keys: tuple[Path, bytes]
) -> None:
    key_file, record = keys
    signer = load_signer(key_file, "digest1", "news.example.com")
    envelope = Envelope(
        SENDER, "The Digest", "https://news.example.com/u", "u@example.com", dkim=signer
    )
    rendered = render_digest(make_digest(3), brand_from(settings), settings.templates_dir)
    people = [Subscriber("ann@example.org", "Ann Lée"), Subscriber("bo@example.org")]
    OutboxDelivery(tmp_path, envelope, READER, people).deliver(rendered)
    OutboxDelivery(tmp_path / "single", envelope, READER).deliver(rendered)
    files = [
        *sorted((tmp_path / "digest-2026-11-29").glob("*.eml")),
        *tmp_path.glob("single/*.eml"),
    ]
    assert len(files) == 3
    for path in files:
        raw = path.read_bytes()
        assert raw.startswith(b"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;")
        head = raw.split(b"\r\n\r\n", 1)[0]
        for name in (b"from", b"subject", b"list-unsubscribe", b"list-unsubscribe-post"):
            assert name in head.split(b"h=", 1)[1].split(b";", 1)[0].lower()
        assert dkim.verify(raw, dnsfunc=dns(record))
        tampered = raw.replace(b"Good morning", b"Good evening")
        assert tampered != raw and not dkim.verify(tampered, dnsfunc=dns(record))
    written = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert b"BEGIN RSA" not in written


def test_smtp_messages_are_signed(
    settings: Settings, tmp_path: Path, keys: tuple[Path, bytes]
) -> None:
    key_file, record = keys
    configured = settings.model_copy(
        update={
            "from_address": "The Digest <digest@news.example.com>",
            "dkim_key_file": key_file,
            "dkim_selector": "digest1",
        }
    )
    envelope = envelope_from(configured)  # the domain defaults to the From address's
    assert envelope.dkim is not None and envelope.dkim.domain == "news.example.com"
    assert "BEGIN" not in repr(envelope)
    rendered = render_digest(make_digest(2), brand_from(settings), settings.templates_dir)
    with smtp_server(tmp_path) as server:
        config = SmtpConfig(host="127.0.0.1", port=server.port, security="none", timeout=10)
        store = StateStore(tmp_path / "state")
        SmtpDelivery(config, envelope, store, READER, [Subscriber("c@example.org")]).deliver(
            rendered
        )
    assert len(server.received) == 1
    assert dkim.verify(server.received[0].data, dnsfunc=dns(record))


def test_a_bad_key_or_missing_selector_is_one_clear_error(
    tmp_path: Path, keys: tuple[Path, bytes]
) -> None:
    bad = tmp_path / "bad.pem"
    bad.write_text("-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----\n")
    with pytest.raises(ConfigError, match=r"DIGEST_DKIM_KEY_FILE: .* is not a PEM RSA"):
        load_signer(bad, "digest1", "news.example.com")
    with pytest.raises(ConfigError, match="DIGEST_DKIM_KEY_FILE: cannot read"):
        load_signer(tmp_path / "missing.pem", "digest1", "news.example.com")
    with pytest.raises(ConfigError, match="DIGEST_DKIM_SELECTOR"):
        load_signer(keys[0], None, "news.example.com")
    assert load_signer(None, None, "news.example.com") is None


def test_one_click_unsubscribe_only_for_https(settings: Settings) -> None:
    rendered = render_digest(make_digest(1), brand_from(settings), settings.templates_dir)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    secure = build_message(rendered.personalize(), SENDER, READER, now, "D", "u@example.com")
    assert secure["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    plain = replace(rendered, unsubscribe_url="http://news.example.com/u")
    message = build_message(plain.personalize(), SENDER, READER, now, "D", "u@example.com")
    assert message["List-Unsubscribe"].startswith("<http://news.example.com/u>")
    assert "List-Unsubscribe-Post" not in message
    local = replace(rendered, unsubscribe_url="http://127.0.0.1:8080/u")  # development only
    message = build_message(local.personalize(), SENDER, READER, now, "D", "u@example.com")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_signer_repr_hides_the_key(keys: tuple[Path, bytes]) -> None:
    signer = DkimSigner("s", "news.example.com", keys[0].read_bytes())
    assert "PRIVATE" not in repr(signer) and "s" in repr(signer)
