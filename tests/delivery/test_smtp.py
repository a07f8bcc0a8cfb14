"""SMTP delivery against a real aiosmtpd server on 127.0.0.1 (no smtplib mocks)."""

from __future__ import annotations

import logging
import multiprocessing
import os
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from pydantic import SecretStr

from digest.delivery.bookkeeping import CLAIM_BATCH
from digest.delivery.ledger import Ledger
from digest.delivery.outbox import Envelope
from digest.delivery.smtp import SmtpConfig, SmtpDelivery
from digest.delivery.subscribers import Subscriber
from digest.errors import DeliveryError
from digest.models import RenderedDigest
from digest.newsletter.message import parse_address
from digest.newsletter.render import render_digest
from digest.pipeline.stages import brand_from
from digest.settings import Settings
from digest.state import StateStore
from tests.helpers import make_digest
from tests.smtp_server import PASSWORD, USER, Handler, Script, Server, smtp_server

ENVELOPE = Envelope(
    parse_address("The Digest <digest@example.com>", "F"),
    "The Digest",
    "https://example.com/unsubscribe",
    "unsubscribe@example.com",
)
PEOPLE = [
    Subscriber("ann@example.com", "Ann"),
    Subscriber("bo@example.com", "Bo"),
    Subscriber("cy@example.com", None),
]


class Crash(BaseException):
    """Stands for the process dying (kill -9, power cut) at a chosen moment."""


@pytest.fixture
def rendered(settings: Settings) -> RenderedDigest:
    return render_digest(make_digest(2), brand_from(settings), settings.templates_dir)


def delivery(
    server: Server, tmp_path: Path, subscribers: list[Subscriber] = PEOPLE, **config: object
) -> tuple[SmtpDelivery, list[float]]:
    slept: list[float] = []
    options: dict[str, object] = {"security": "none", "backoff": 0.5, "retries": 3, "timeout": 10}
    options.update(config)
    cfg = SmtpConfig(host="127.0.0.1", port=server.port, **options)  # type: ignore[arg-type]
    sender = SmtpDelivery(
        cfg,
        ENVELOPE,
        StateStore(tmp_path / "state"),
        parse_address("r@example.com", "T"),
        list(subscribers),
        sleep=slept.append,
    )
    return sender, slept


def recipients(server: Server) -> list[str]:
    return [r for item in server.received for r in item.rcpt_tos]


def test_plain_delivery_one_connection_personalised(
    tmp_path: Path, rendered: RenderedDigest
) -> None:
    with smtp_server(tmp_path) as server:
        sender, slept = delivery(server, tmp_path)
        report = sender.deliver(rendered)
    assert report.delivered == [p.email for p in PEOPLE] and not report.failed
    assert recipients(server) == [p.email for p in PEOPLE]
    ann = server.received[0].message
    assert ann["To"] == "Ann <ann@example.com>"
    assert "Good morning, Ann." in ann.get_body(("plain",)).get_content()
    assert ann["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "email=ann%40example.com" in ann["List-Unsubscribe"]
    assert ann["List-Id"] == "The Digest <the-digest.example.com>"
    assert server.received[0].mail_from == "digest@example.com"
    assert slept == []


@pytest.mark.parametrize("tls", ["starttls", "ssl"])
def test_tls_with_verified_certificate_and_auth(
    tmp_path: Path, rendered: RenderedDigest, tls: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with smtp_server(tmp_path, tls=tls, auth=True) as server:
        sender, _ = delivery(
            server,
            tmp_path,
            security=tls,
            ca_file=server.cert,
            username=USER,
            password=SecretStr(PASSWORD),
        )
        report = sender.deliver(rendered)
    assert report.delivered == [p.email for p in PEOPLE]
    assert PASSWORD not in caplog.text and PASSWORD not in repr(sender)
    state = (tmp_path / "state" / "state.db").read_bytes()
    assert PASSWORD.encode() not in state


def test_untrusted_certificate_is_refused(tmp_path: Path, rendered: RenderedDigest) -> None:
    with smtp_server(tmp_path, tls="starttls") as server:
        sender, _ = delivery(server, tmp_path, security="starttls")  # no CA file: not trusted
        with pytest.raises(DeliveryError, match="DIGEST_SMTP_CA_FILE"):
            sender.deliver(rendered)
    assert server.received == []


def test_wrong_password_is_one_clear_error(tmp_path: Path, rendered: RenderedDigest) -> None:
    with smtp_server(tmp_path, tls="starttls", auth=True) as server:
        sender, _ = delivery(
            server,
            tmp_path,
            security="starttls",
            ca_file=server.cert,
            username=USER,
            password=SecretStr("wrong"),
        )
        with pytest.raises(DeliveryError, match="DIGEST_SMTP_PASSWORD") as info:
            sender.deliver(rendered)
    assert "wrong" not in str(info.value)


def test_temporary_failures_are_retried_with_backoff(
    tmp_path: Path, rendered: RenderedDigest
) -> None:
    script = Script(
        rcpt={"ann@example.com": ["451 4.3.0 Try again later", "421 4.3.2 Service not available"]}
    )
    with smtp_server(tmp_path, script) as server:
        sender, slept = delivery(server, tmp_path)
        report = sender.deliver(rendered)
    assert report.delivered == [p.email for p in PEOPLE]
    assert recipients(server).count("ann@example.com") == 1
    assert server.handler.attempts["ann@example.com"] == 3
    assert slept == [0.5, 1.0]  # exponential backoff


def test_dropped_connection_before_the_message_reconnects_and_resends(
    tmp_path: Path, rendered: RenderedDigest
) -> None:
    with smtp_server(tmp_path, Script(drop_rcpt=1)) as server:
        sender, _ = delivery(server, tmp_path)
        report = sender.deliver(rendered)
    assert report.delivered == [p.email for p in PEOPLE]
    assert sorted(recipients(server)) == sorted(p.email for p in PEOPLE)  # each exactly once


def test_lost_reply_after_data_is_maybe_delivered_not_resent(
    tmp_path: Path, rendered: RenderedDigest
) -> None:
    # The server keeps Bo's message, then drops the connection before its 250.
    script = Script(keep_and_drop_for={"bo@example.com"})
    with smtp_server(tmp_path, script) as server:
        sender, slept = delivery(server, tmp_path)
        report = sender.deliver(rendered)
        again, _ = delivery(server, tmp_path)
        second = again.deliver(rendered)
        assert recipients(server).count("bo@example.com") == 1  # no duplicate, ever by itself
        # The operator decides to send it again, on purpose.
        ledger = Ledger(sender.store)
        [entry] = ledger.entries(states=["maybe"])
        assert entry.recipient == "bo@example.com" and "confirmed" in (entry.detail or "")
        assert [e.recipient for e in ledger.resend(ENVELOPE.list_name, entry.day)] == [
            "bo@example.com"
        ]
        script.keep_and_drop_for.clear()
        third, _ = delivery(server, tmp_path)
        resent = third.deliver(rendered)
    assert report.delivered == ["ann@example.com", "cy@example.com"] and not report.failed
    assert [who for who, _ in report.uncertain] == ["bo@example.com"] and slept == []
    assert "1 maybe delivered" in report.lines()[0]
    assert second.delivered == [] and "maybe delivered" in dict(second.skipped)["bo@example.com"]
    assert resent.delivered == ["bo@example.com"]
    assert recipients(server).count("bo@example.com") == 2 and len(recipients(server)) == 4


def test_message_lost_with_the_reply_is_still_not_resent(
    tmp_path: Path, rendered: RenderedDigest
) -> None:
    # Dropped after DATA without keeping it: the client cannot tell this from the case above,
    # so it never guesses; the operator resends.
    with smtp_server(tmp_path, Script(drop_data=1)) as server:
        sender, _ = delivery(server, tmp_path)
        report = sender.deliver(rendered)
    assert [who for who, _ in report.uncertain] == ["ann@example.com"]
    assert recipients(server) == ["bo@example.com", "cy@example.com"]


def test_same_day_with_other_articles_is_not_sent_again_unless_forced(
    tmp_path: Path, settings: Settings
) -> None:
    first = render_digest(make_digest(2), brand_from(settings), settings.templates_dir)
    changed = render_digest(make_digest(3), brand_from(settings), settings.templates_dir)
    assert first.digest.id != changed.digest.id and first.digest.date == changed.digest.date
    with smtp_server(tmp_path) as server:
        delivery(server, tmp_path)[0].deliver(first)
        rerun = delivery(server, tmp_path)[0].deliver(changed)
        assert len(recipients(server)) == 3
        forced, _ = delivery(server, tmp_path)
        forced.force = True
        again = forced.deliver(changed)
        retried, _ = delivery(server, tmp_path)
        retried.force = True
        twice = retried.deliver(changed)  # a retried forced run sends nobody the same twice
    assert rerun.delivered == [] and "already got the 2026-11-29 digest" in rerun.skipped[0][1]
    assert again.delivered == [p.email for p in PEOPLE] and twice.delivered == []
    assert len(recipients(server)) == 6


def test_password_is_never_sent_unencrypted_to_another_host(
    tmp_path: Path, rendered: RenderedDigest
) -> None:
    cfg = SmtpConfig(
        "mail.example.com", 25, security="none", username=USER, password=SecretStr(PASSWORD)
    )
    sender = SmtpDelivery(
        cfg, ENVELOPE, StateStore(tmp_path), parse_address("r@example.com", "T"), PEOPLE
    )
    with pytest.raises(DeliveryError, match=r"unencrypted.*DIGEST_SMTP_SECURITY") as info:
        sender.deliver(rendered)
    assert PASSWORD not in str(info.value)
    assert Ledger(sender.store).entries() == []  # refused before anything was claimed


def test_permanent_failure_is_recorded_not_retried_others_go_on(
    tmp_path: Path, rendered: RenderedDigest
) -> None:
    script = Script(rcpt={"bo@example.com": ["550 5.1.1 No such user"] * 5})
    with smtp_server(tmp_path, script) as server:
        sender, slept = delivery(server, tmp_path)
        report = sender.deliver(rendered)
        again, _ = delivery(server, tmp_path)
        second = again.deliver(rendered)
    assert report.delivered == ["ann@example.com", "cy@example.com"]
    assert report.failed == [("bo@example.com", "550 5.1.1 No such user")]
    assert server.handler.attempts["bo@example.com"] == 1 and slept == []
    assert second.delivered == []  # a re-run sends nobody anything twice...
    assert ("bo@example.com", "failed permanently before: 550 5.1.1 No such user") in second.skipped


def test_gives_up_after_the_retries(tmp_path: Path, rendered: RenderedDigest) -> None:
    script = Script(rcpt={"ann@example.com": ["451 busy"] * 10})
    with smtp_server(tmp_path, script) as server:
        sender, slept = delivery(server, tmp_path, [PEOPLE[0]], retries=2)
        report = sender.deliver(rendered)
    assert report.failed == [("ann@example.com", "gave up after 3 attempts: 451 busy")]
    assert len(slept) == 2


def crash_after_first_send(server: Server, tmp_path: Path, rendered: RenderedDigest) -> None:
    """A delivery whose process dies right after its first message is accepted."""
    sender, _ = delivery(server, tmp_path)

    def die_after_first(email: str) -> None:
        raise Crash(email)

    sender.on_sent = die_after_first
    with pytest.raises(Crash):
        sender.deliver(rendered)


def test_crash_between_recipients_then_rerun(tmp_path: Path, rendered: RenderedDigest) -> None:
    with smtp_server(tmp_path) as server:
        crash_after_first_send(server, tmp_path, rendered)
        assert recipients(server) == ["ann@example.com"]
        resumed, _ = delivery(server, tmp_path)
        report = resumed.deliver(rendered)
    assert report.delivered == ["bo@example.com", "cy@example.com"]
    [(who, why)] = report.skipped
    assert who == "ann@example.com" and why.startswith("already got the 2026-11-29 digest")
    assert sorted(recipients(server)) == sorted(
        p.email for p in PEOPLE
    )  # no duplicate, nobody missed


def test_a_stopped_delivery_writes_its_marks_and_undoes_unused_claims(
    tmp_path: Path, rendered: RenderedDigest
) -> None:
    """The next recipient is claimed while the server takes the current message; when the run
    stops there, the sent mark is written and that claim undone, so the next run sends it."""
    with smtp_server(tmp_path) as server:
        crash_after_first_send(server, tmp_path, rendered)
    rows = Ledger(StateStore(tmp_path / "state")).entries()
    assert [(e.recipient, e.state) for e in rows] == [("ann@example.com", "sent")]


KILLED_RUN = [f"p{n:02d}@example.com" for n in range(CLAIM_BATCH + 3)]


def _deliver_then_die(server_port: int, tmp_path: Path, rendered: RenderedDigest) -> None:
    """In a child process: deliver, and die (no cleanup at all) after the second message."""
    cfg = SmtpConfig(host="127.0.0.1", port=server_port, security="none", retries=0)
    sent: list[str] = []

    def die_after_second(email: str) -> None:
        sent.append(email)
        if len(sent) == 2:
            os._exit(9)

    people = [Subscriber(p) for p in KILLED_RUN]
    store = StateStore(tmp_path / "state")
    sender = SmtpDelivery(
        cfg, ENVELOPE, store, parse_address("r@example.com", "T"), people, on_sent=die_after_second
    )
    sender.deliver(rendered)
    os._exit(0)


def test_a_killed_delivery_never_sends_twice(tmp_path: Path, rendered: RenderedDigest) -> None:
    """Killed mid-run (no finally blocks run): the first batch of recipients was claimed in one
    commit and its marks are lost with the process, so the whole batch is "maybe delivered":
    reported, never resent; the recipients after it are sent by the next run, nobody twice."""
    batch, rest = KILLED_RUN[:CLAIM_BATCH], KILLED_RUN[CLAIM_BATCH:]
    with smtp_server(tmp_path) as server:
        child = multiprocessing.get_context("fork").Process(
            target=_deliver_then_die, args=(server.port, tmp_path, rendered)
        )
        child.start()
        child.join(60)
        assert child.exitcode == 9
        assert recipients(server) == KILLED_RUN[:2]
        states = {e.recipient: e.state for e in Ledger(StateStore(tmp_path / "state")).entries()}
        assert states == dict.fromkeys(batch, "sending")
        resumed, _ = delivery(server, tmp_path, [Subscriber(p) for p in KILLED_RUN])
        report = resumed.deliver(rendered)
        assert report.delivered == rest
        assert [who for who, _ in report.skipped] == batch
        assert all("not resent" in why for _, why in report.skipped)
        got = recipients(server)
    assert sorted(got) == sorted(set(got))  # nobody twice
    assert set(got) == set(KILLED_RUN[:2]) | set(rest)  # the others: for `digest ledger resend`


def test_crash_while_sending_is_not_resent(tmp_path: Path, rendered: RenderedDigest) -> None:
    day = rendered.digest.date
    ledger = Ledger(StateStore(tmp_path / "state"))
    assert ledger.claim(ENVELOPE.list_name, day, "bo@example.com", rendered.digest.id).claimed
    with smtp_server(tmp_path) as server:  # ...and the process died there
        sender, _ = delivery(server, tmp_path)
        report = sender.deliver(rendered)
    assert report.delivered == ["ann@example.com", "cy@example.com"]
    assert report.skipped[0][0] == "bo@example.com" and "not resent" in report.skipped[0][1]


def test_rate_limit_spaces_messages(tmp_path: Path, rendered: RenderedDigest) -> None:
    with smtp_server(tmp_path) as server:
        sender, slept = delivery(server, tmp_path, rate=2.0)
        sender.deliver(rendered)
    assert len(slept) == 2 and all(0 < s <= 0.5 for s in slept)


def test_server_down_stops_the_run_after_a_few_failed_connections(
    tmp_path: Path, rendered: RenderedDigest
) -> None:
    from tests.smtp_server import free_port

    port = free_port()  # nothing listens here
    cfg = SmtpConfig("127.0.0.1", port, security="none", retries=3, backoff=1, timeout=2)
    slept: list[float] = []
    store = StateStore(tmp_path / "state")
    sender = SmtpDelivery(
        cfg, ENVELOPE, store, parse_address("r@example.com", "T"), PEOPLE, sleep=slept.append
    )
    with pytest.raises(DeliveryError, match=r"unreachable.*3 connection attempts") as info:
        sender.deliver(rendered)
    assert "next run resumes" in str(info.value) and "\n" not in str(info.value)
    assert slept == [1, 2]  # one recipient's backoff, not every recipient's
    assert [(e.recipient, e.state) for e in Ledger(store).entries()] == [
        ("ann@example.com", "retry")
    ]
    # The server comes back: the next run serves everyone, once.
    script = Script()
    handler = Handler(script)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        resumed = SmtpDelivery(
            cfg, ENVELOPE, store, parse_address("r@example.com", "T"), PEOPLE, sleep=slept.append
        ).deliver(rendered)
    finally:
        controller.stop()
    assert resumed.delivered == [p.email for p in PEOPLE]
    assert [r for m in handler.received for r in m.rcpt_tos] == [p.email for p in PEOPLE]


def test_a_long_unsubscribe_url_is_folded_not_encoded(
    tmp_path: Path, rendered: RenderedDigest
) -> None:
    token = "t0k3n" * 40  # a signed token in the link: 200 characters
    reader = Subscriber("ann@example.com", "Ann", {"token": token})
    envelope = Envelope(
        ENVELOPE.sender, "The Digest", "https://example.com/u?e={email}&t={token}", "u@example.com"
    )
    with smtp_server(tmp_path) as server:
        sender, _ = delivery(server, tmp_path, [reader])
        sender.envelope = envelope
        sender.deliver(rendered)
    raw = server.received[0].data
    head = raw[: raw.index(b"\r\n\r\n")].decode("ascii")
    field = head[head.index("List-Unsubscribe:") :].split("\r\nList-Unsubscribe-Post")[0]
    assert "=?" not in field  # no encoded words (RFC 2047 forbids them here)
    unfolded = field.replace("\r\n ", " ")
    assert unfolded == (
        f"List-Unsubscribe: <https://example.com/u?e=ann%40example.com&t={token}>, "
        "<mailto:u@example.com?subject=unsubscribe>"
    )
    assert all(len(line) <= 998 for line in field.split("\r\n"))
