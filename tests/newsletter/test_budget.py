"""The HTML byte budget on real-length article text (tests/newsletter/realistic.py)."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from html import escape

import pytest

from digest.delivery.outbox import Envelope, message_for
from digest.delivery.subscribers import Subscriber
from digest.models import DigestItem, RenderedDigest
from digest.newsletter.budget import worst_case_size
from digest.newsletter.message import html_part_size, parse_address
from digest.newsletter.render import render_digest
from digest.pipeline.stages import brand_from
from digest.settings import Settings
from tests.newsletter.realistic import real_digest

BUDGET = 90_000


def render(settings: Settings, count: int, budget: int = BUDGET) -> RenderedDigest:
    branded = settings.model_copy(update={"html_budget_bytes": budget})
    return render_digest(real_digest(count), brand_from(branded), settings.templates_dir)


def sent_html_part(rendered: RenderedDigest, subscriber: Subscriber) -> bytes:
    """The text/html part of the message as it goes on the wire (headers and encoded body)."""
    envelope = Envelope(
        parse_address("Digest <digest@example.com>", "DIGEST_FROM"),
        "Digest",
        "https://example.com/unsubscribe?list=daily",
    )
    raw = message_for(rendered, subscriber, envelope, datetime(2026, 12, 1, tzinfo=UTC))
    message = email.message_from_bytes(raw, policy=email.policy.SMTP)
    html = next(p for p in message.walk() if p.get_content_type() == "text/html")
    return html.as_bytes()


@pytest.mark.parametrize("count", [20, 100])
def test_real_text_digest_fits_the_budget_as_sent(settings: Settings, count: int) -> None:
    unlimited = render(settings, count, budget=0)
    assert worst_case_size(unlimited) > BUDGET  # the test needs a digest that would not fit
    rendered = render(settings, count)
    longest = Subscriber("x" * 60 + "@" + "example-" * 20 + "news.com", "Zoë Ångström-" * 7)
    part = sent_html_part(rendered, longest)
    assert b"Content-Transfer-Encoding: quoted-printable" in part  # encoded, as sent
    assert len(part) <= worst_case_size(rendered) <= BUDGET
    html = rendered.personalize().html
    assert "1 big thing" in html and "digest-unsubscribe-url-token" not in html
    assert html.rstrip().endswith("</html>")
    # the footer is always there: why they get it, unsubscribe, the postal address
    tail = html[html.index('class="footer"') :]
    assert "Unsubscribe</a>" in tail and settings.postal_address in tail


@pytest.mark.parametrize("count", [20, 100])
def test_lowest_ranked_items_give_way_first(settings: Settings, count: int) -> None:
    digest = real_digest(count)
    rendered = render(settings, count)
    html = rendered.html
    more = html[html.index(">More stories<") :] if ">More stories<" in html else ""

    def state(item: DigestItem) -> int:
        if item.summary.sentences[1] in html:
            return 0  # in full
        if f'id="{item.anchor}"' in html:
            assert item.summary.sentences[0] in html
            return 1  # shortened: first sentence and link
        assert f'href="{escape(item.article.url or "")}"' in more
        assert item.article.url in rendered.text
        return 2  # a "More stories" link

    states = [state(item) for item in digest.items]
    assert states[0] == 0  # the lead keeps its whole summary
    assert states == sorted(states)  # full, then shortened, then listed, by rank
    assert states[-1] > 0
    assert (2 in states) == (count == 100)


def test_a_digest_that_fits_is_left_whole(settings: Settings) -> None:
    rendered = render(settings, 5)
    assert worst_case_size(rendered) <= BUDGET and ">More stories<" not in rendered.html
    for item in rendered.digest.items:
        assert item.summary.sentences[-1] in rendered.html
        assert item.quotes[-1].text in rendered.html


def test_a_tiny_budget_keeps_the_lead_and_counts_the_rest(settings: Settings) -> None:
    rendered = render(settings, 100, budget=30_000)
    assert worst_case_size(rendered) <= 30_000
    assert "more stories in the" in rendered.html and "web edition" in rendered.text
    assert real_digest(1).items[0].summary.sentences[-1] in rendered.html


def test_measured_size_is_the_encoded_part(settings: Settings) -> None:
    rendered = render(settings, 20)
    copy = rendered.personalize()
    assert html_part_size(copy.html) > len(copy.html.encode("utf-8"))  # QP costs bytes
    part = sent_html_part(rendered, Subscriber("a@example.com"))
    assert abs(len(part) - html_part_size(rendered.personalize(email="a@example.com").html)) < 200
