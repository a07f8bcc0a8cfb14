from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from digest.newsletter.compose import SUBJECT_LIMIT, subject_line
from digest.newsletter.message import build_message, parse_address
from digest.newsletter.render import render_digest
from digest.pipeline.stages import brand_from
from digest.settings import Settings
from tests.helpers import make_digest
from tests.newsletter.realistic import real_digest

LONG = (
    "Senate passes sweeping “Élan Vital” health-care overhaul after a marathon overnight "
    "session, sending the bill to the House — with more than 140 amendments attached"
)


def test_subject_is_led_by_the_top_story_and_short() -> None:
    digest = make_digest(3, title=LONG)
    subject = subject_line(digest, "The Morning Digest")
    assert len(subject) <= SUBJECT_LIMIT
    assert subject.startswith("Senate passes sweeping") and subject.endswith("…")
    assert "Morning Digest" not in subject and "Nov 29" not in subject
    for item in real_digest(20).items:
        one = replace(make_digest(1), items=(item,))
        assert len(subject_line(one, "The Morning Digest")) <= SUBJECT_LIMIT
    empty = replace(digest, items=())
    assert subject_line(empty, "The Morning Digest") == "The Morning Digest: Nov 29"


@pytest.mark.parametrize("title", [LONG, "Plain ASCII headline " * 8, "Ünïcödé " * 12])
def test_a_folded_subject_reads_back_without_double_spaces(settings: Settings, title: str) -> None:
    digest = make_digest(2, title=title)
    rendered = render_digest(digest, brand_from(settings), settings.templates_dir).personalize()
    long_subject = replace(rendered, subject=" ".join(title.split()))  # longer than one line
    for copy in (rendered, long_subject):
        message = build_message(
            copy,
            parse_address("Digest <d@example.com>", "DIGEST_FROM"),
            parse_address("r@example.com", "DIGEST_TO"),
            datetime(2026, 12, 1, tzinfo=UTC),
        )
        raw = message.as_bytes()
        header = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
        assert all(len(line) <= 78 for line in header.split("\r\n"))
        back = email.message_from_bytes(raw, policy=email.policy.default)
        assert back["Subject"] == copy.subject
        assert "  " not in back["Subject"]
