"""The per-digest message template gives, for every recipient, the very bytes that
build_message + message_bytes give (same MIME boundary drawn from the same random state)."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from digest.delivery.outbox import Envelope, addressed, message_for, message_template, personal_for
from digest.delivery.subscribers import Subscriber
from digest.models import RenderedDigest
from digest.newsletter.message import build_message, message_bytes, parse_address
from digest.newsletter.render import field_token, render_digest
from digest.pipeline.stages import brand_from
from digest.settings import Settings
from tests.helpers import make_digest

ENVELOPE = Envelope(
    parse_address("The Digest <digest@example.com>", "DIGEST_FROM"),
    "The Digest",
    "https://example.com/unsubscribe?list=daily&who={email}",
    "unsubscribe@example.com",
)
NOW = datetime(2026, 11, 29, 6, 0, tzinfo=UTC)
READERS = [
    Subscriber("ann@example.com", "Ann"),
    Subscriber("bo@example.com", None),
    Subscriber("zoe@example.com", "Zoë Ölçer-Ñúñez " * 8),  # long, non-ASCII: encoded, folded
    Subscriber("ev@example.com", '=?utf-8?q?Bcc=3A_x@evil.test?= "<a@b>", (c); [d]: e\\'),
    Subscriber("rtl@example.com", "\u202eevil\u202c \u200b\u2066name\u2069 \x7f"),
    Subscriber("x@example.com", "Mallory", fields={"city": "=?utf-8?b?QmNjOg==?= \u202e<b>"}),
    # plain names (written without the email package) on both sides of the line limit
    Subscriber("reader7@example.com", "Reader 7"),
    Subscriber("first.last+tag@mail.example.org", "Ann Marie " + "x" * 33),
    Subscriber("first.last+tag@mail.example.org", "Ann Marie " + "x" * 34),
    Subscriber("first.last+tag@mail.example.org", "Ann Marie " + "x" * 35),
    Subscriber("a.b@example.com", "J. R. Doe"),  # a dot: quoted by the email package
    Subscriber("line@example.com", "Two Lines", fields={"city": "Oslo\n\nBergen\r"}),
    Subscriber("empty@example.com", "", fields={"city": ""}),
]


def digests(settings: Settings) -> dict[str, RenderedDigest]:
    brand, templates = brand_from(settings), settings.templates_dir
    return {
        "ascii": render_digest(make_digest(4), brand, templates),
        # mostly non-Latin text: the standard library picks base64 for a part
        "cyrillic": render_digest(
            make_digest(3, title="Новости дня " * 6, summary="Всё, что нужно знать. " * 20),
            brand,
            templates,
        ),
        "mixed": render_digest(
            make_digest(2, title="Café — “quotes” … ünïcödé", quote="Spaces at the end   "),
            brand,
            templates,
        ),
    }


@pytest.mark.parametrize("kind", ["ascii", "cyrillic", "mixed"])
def test_template_bytes_equal_build_message_for_every_recipient(
    settings: Settings, kind: str
) -> None:
    rendered = digests(settings)[kind]
    rendered = rendered.__class__(
        **{**rendered.__dict__, "text": rendered.text + f"\nFrom {field_token('city')}\n"}
    )
    template = message_template(ENVELOPE)
    ctes: set[bytes] = set()
    for seed, reader in enumerate(READERS * 2):  # twice: remembered lines give the same bytes
        copy = addressed(rendered, reader, ENVELOPE)
        random.seed(seed)
        expected = message_bytes(
            build_message(
                copy,
                ENVELOPE.sender,
                reader.address,
                NOW,
                ENVELOPE.list_name,
                ENVELOPE.unsubscribe_mailto,
            )
        )
        random.seed(seed)
        assert template.message(copy, reader.address, NOW) == expected, reader.email
        # filled in from the digest with its placeholders, as deliveries do
        random.seed(seed)
        personal = rendered.personal(**personal_for(reader, ENVELOPE))
        assert template.addressed(rendered, personal, reader.address, NOW) == expected
        random.seed(seed)
        assert message_for(rendered, reader, ENVELOPE, NOW, template) == expected
        ctes |= {line for line in expected.split(b"\r\n") if line.startswith(b"Content-Transfer")}
    encodings = {line.split(b": ")[1].decode() for line in ctes}
    # every way the standard library encodes a part is compared at least once
    wanted = {"ascii": {"7bit", "8bit"}, "cyrillic": {"base64"}, "mixed": {"8bit"}}[kind]
    assert wanted | {"quoted-printable"} <= encodings
