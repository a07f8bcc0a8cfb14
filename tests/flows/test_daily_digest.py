"""The daily-digest flow, run for real against Prefect's test harness (a temporary server)."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from prefect.testing.utilities import prefect_test_harness

from digest.errors import NothingToSendError
from flows.daily_digest import daily_digest
from tests.conftest import SEED, SEEDS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def prefect_server() -> Iterator[None]:
    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .env from the repo, relative paths land in tmp


def test_seed_digest_end_to_end(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    report = daily_digest(sources=[str(SEEDS)], outbox=str(outbox), date=date(2026, 11, 29))
    eml = outbox / "digest-2026-11-29.eml"
    assert report.files == [
        outbox / "digest-2026-11-29.html",
        eml,
        outbox / "digest-2026-11-29.json",
    ]
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert "Blinken Had ‘Robust Conversation’" in message["Subject"]
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    for body in (html, text):
        assert "Antony Blinken" in body
        assert "NTD Photo" not in body and "Sign up for NTD Daily" not in body
    assert "What you need to know" in html
    assert "WHAT YOU NEED TO KNOW" in text
    quoted = sum(
        name in text
        for name in ("Antony Blinken", "Li Linyi", "Feng Chongyi", "Carlos Gimenez", "Qin Gang")
    )
    assert quoted >= 2


def test_broken_article_is_skipped_and_digest_still_goes_out(tmp_path: Path) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "seed.txt").write_bytes(SEED.read_bytes())
    (sources / "broken.txt").write_bytes(b"\xff\xfe not utf-8 at all")
    (sources / "empty.md").write_text("", encoding="utf-8")
    outbox = tmp_path / "outbox"
    report = daily_digest(sources=[str(sources)], outbox=str(outbox), date=date(2026, 11, 30))
    assert report.delivered
    assert (outbox / "digest-2026-11-30.eml").exists()


def test_nothing_usable_fails_with_a_reason(tmp_path: Path) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(NothingToSendError, match="no article could be used"):
        daily_digest(sources=[str(sources)], outbox=str(tmp_path / "outbox"))
    assert not (tmp_path / "outbox").exists()


def test_sent_articles_are_not_repeated_the_next_day(tmp_path: Path) -> None:
    from digest.errors import NothingToSendError as Nothing

    state = tmp_path / "state"
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / ".env").write_text(f"DIGEST_STATE_DIR={state}\n", encoding="utf-8")
    outbox = str(tmp_path / "outbox")
    daily_digest(sources=[str(sources)], outbox=outbox, date=date(2026, 11, 28))
    # the same day again: already delivered, nothing written twice
    again = daily_digest(sources=[str(sources)], outbox=outbox, date=date(2026, 11, 28))
    assert not again.delivered and "delivered already" in again.skipped[0][1]
    # the next day: the seed was already sent, so there is nothing new...
    with pytest.raises(Nothing):
        daily_digest(sources=[str(sources)], outbox=outbox, date=date(2026, 11, 29))
    # ...unless forced
    report = daily_digest(
        sources=[str(sources)], outbox=outbox, date=date(2026, 11, 29), force=True
    )
    assert report.files[1].name == "digest-2026-11-29.eml"


def test_smtp_delivery_to_subscribers_through_the_flow(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.smtp_server import PASSWORD, USER, smtp_server

    (tmp_path / "subscribers.csv").write_text(
        "email,name\nann@example.com,Ann Lee\nnot an address,Broken\nbo@example.org,\n",
        encoding="utf-8",
    )
    with smtp_server(tmp_path, tls="starttls", auth=True) as server:
        (tmp_path / ".env").write_text(
            "DIGEST_DELIVERY=smtp\nDIGEST_SMTP_HOST=127.0.0.1\n"
            f"DIGEST_SMTP_PORT={server.port}\nDIGEST_SMTP_SECURITY=starttls\n"
            f"DIGEST_SMTP_CA_FILE={server.cert}\nDIGEST_SMTP_USERNAME={USER}\n"
            f"DIGEST_SMTP_PASSWORD={PASSWORD}\nDIGEST_SUBSCRIBERS={tmp_path / 'subscribers.csv'}\n",
            encoding="utf-8",
        )
        with caplog.at_level("DEBUG"):
            report = daily_digest(sources=[str(SEEDS)], date=date(2026, 11, 29))
            again = daily_digest(sources=[str(SEEDS)], date=date(2026, 11, 29))
    assert report.delivered == ["ann@example.com", "bo@example.org"]
    assert sorted(r for m in server.received for r in m.rcpt_tos) == [
        "ann@example.com",
        "bo@example.org",
    ]
    assert again.delivered == [] and len(again.skipped) == 2  # exactly once
    assert "subscribers.csv:3" in caplog.text and "invalid email" in caplog.text
    assert PASSWORD not in caplog.text


def test_a_failed_recipient_fails_the_run_with_the_counts(tmp_path: Path) -> None:
    from tests.smtp_server import Script, smtp_server

    (tmp_path / "subscribers.csv").write_text(
        "email\nann@example.com\nbo@example.org\ncy@example.net\n", encoding="utf-8"
    )
    script = Script(
        rcpt={"bo@example.org": ["550 5.1.1 No such user"]}, keep_and_drop_for={"cy@example.net"}
    )
    with smtp_server(tmp_path, script) as server:
        (tmp_path / ".env").write_text(
            f"DIGEST_DELIVERY=smtp\nDIGEST_SMTP_HOST=127.0.0.1\nDIGEST_SMTP_PORT={server.port}\n"
            f"DIGEST_SMTP_SECURITY=none\nDIGEST_SUBSCRIBERS={tmp_path / 'subscribers.csv'}\n",
            encoding="utf-8",
        )
        state = daily_digest(sources=[str(SEEDS)], date=date(2026, 11, 29), return_state=True)
    assert state.is_failed()
    message = str(state.message)
    assert "1 recipient(s) failed and 1 maybe delivered (1 delivered, 0 skipped" in message
    assert "bo@example.org: 550 5.1.1 No such user" in message
    assert sorted(r for m in server.received for r in m.rcpt_tos) == [
        "ann@example.com",
        "cy@example.net",
    ]


def test_a_server_that_is_down_stops_the_run_after_three_connections(tmp_path: Path) -> None:
    import socket
    import threading

    listener = socket.create_server(("127.0.0.1", 0))  # accepts, then hangs up: no SMTP
    accepted: list[int] = []

    def hang_up() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            accepted.append(1)
            connection.close()

    threading.Thread(target=hang_up, daemon=True).start()
    (tmp_path / "subscribers.csv").write_text(
        "email\n" + "".join(f"r{n}@example.com\n" for n in range(5)), encoding="utf-8"
    )
    (tmp_path / ".env").write_text(
        f"DIGEST_DELIVERY=smtp\nDIGEST_SMTP_HOST=127.0.0.1\n"
        f"DIGEST_SMTP_PORT={listener.getsockname()[1]}\nDIGEST_SMTP_SECURITY=none\n"
        f"DIGEST_SMTP_BACKOFF=0\nDIGEST_SUBSCRIBERS={tmp_path / 'subscribers.csv'}\n",
        encoding="utf-8",
    )
    try:
        state = daily_digest(sources=[str(SEEDS)], date=date(2026, 11, 29), return_state=True)
    finally:
        listener.close()
    assert state.is_failed() and "unreachable (3 connection attempts" in str(state.message)
    assert len(accepted) == 3  # neither every recipient nor Prefect's task retries try again
