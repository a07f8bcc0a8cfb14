"""The delivery ledger on a real SQLite file, claimed by real concurrent processes."""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from digest.delivery.ledger import Ledger
from digest.errors import StateError
from digest.state import StateStore

DAY = date(2026, 11, 29)
PEOPLE = [f"reader{n:03d}@example.com" for n in range(150)]


def claim_all(
    state_dir: str, digest_id: str, queue: multiprocessing.Queue[list[str]], session: bool
) -> None:
    store = StateStore(Path(state_dir))
    ledger = Ledger(store)
    if session:  # one connection for all claims, in batches of 32, as a delivery does
        with store.session():
            won = []
            for start in range(0, len(PEOPLE), 32):
                batch = PEOPLE[start : start + 32]
                claims = ledger.claim_many("News", DAY, batch, digest_id)
                won.extend(p for p, claim in zip(batch, claims, strict=True) if claim.claimed)
            queue.put(won)
    else:
        queue.put([p for p in PEOPLE if ledger.claim("News", DAY, p, digest_id).claimed])


@pytest.mark.parametrize("session", [False, True], ids=["short-connections", "session"])
def test_two_processes_never_claim_the_same_recipient(tmp_path: Path, session: bool) -> None:
    StateStore(tmp_path)  # both processes find the database made
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[list[str]] = context.Queue()
    workers = [
        context.Process(target=claim_all, args=(str(tmp_path), f"d{n}", queue, session))
        for n in (1, 2)
    ]
    for worker in workers:
        worker.start()
    won = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert sorted(won[0] + won[1]) == sorted(PEOPLE)  # everyone claimed exactly once
    assert not set(won[0]) & set(won[1])


def test_claim_states_and_operator_commands(tmp_path: Path) -> None:
    ledger = Ledger(StateStore(tmp_path))
    assert ledger.claim("News", DAY, "Ann@Example.com", "d1").claimed
    again = ledger.claim("News", DAY, "ann@example.com", "d1")
    assert not again.claimed and again.previous and again.previous.state == "sending"
    ledger.mark("News", DAY, "ann@example.com", "retry", "451 busy")
    assert ledger.claim("News", DAY, "ann@example.com", "d1").claimed  # retry: sent again
    ledger.mark("News", DAY, "ann@example.com", "sent")
    assert not ledger.claim("News", DAY, "ann@example.com", "d2").claimed  # other articles
    assert ledger.claim("News", DAY, "ann@example.com", "d2", force=True).claimed
    ledger.mark("News", DAY, "ann@example.com", "sent")
    assert not ledger.claim("News", DAY, "ann@example.com", "d2", force=True).claimed
    assert ledger.claim("Other", DAY, "ann@example.com", "d1").claimed  # another newsletter
    assert ledger.claim("News", date(2026, 11, 30), "ann@example.com", "d3").claimed

    assert ledger.claim("News", DAY, "bo@example.com", "d2").claimed
    ledger.mark("News", DAY, "bo@example.com", "maybe", "reply lost")
    [entry] = ledger.entries("News", DAY, ["maybe"])
    assert (entry.recipient, entry.attempts) == ("bo@example.com", 1)
    assert "maybe" in entry.line() and "reply lost" in entry.line()
    assert [e.recipient for e in ledger.resend("News", DAY)] == ["bo@example.com"]
    assert ledger.claim("News", DAY, "bo@example.com", "d2").claimed
    assert ledger.forget("News", DAY, ["ANN@example.com"]) == 1
    assert ledger.claim("News", DAY, "ann@example.com", "d2").claimed
    assert len(ledger.entries()) == 4


def test_a_session_reuses_one_wal_connection_and_commits_each_call(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    ledger = Ledger(store)
    other = sqlite3.connect(tmp_path / "state.db")  # another process's view
    try:
        with store.session():
            with store.connect() as first:
                pass
            assert ledger.claim("News", DAY, "ann@example.com", "d1").claimed
            # committed before claim returned: another connection sees it, and cannot take it
            assert other.execute("SELECT state FROM delivery_ledger").fetchall() == [("sending",)]
            assert (
                not Ledger(StateStore(tmp_path)).claim("News", DAY, "ann@example.com", "d1").claimed
            )
            ledger.mark("News", DAY, "ann@example.com", "sent")
            assert other.execute("SELECT state FROM delivery_ledger").fetchall() == [("sent",)]
            with store.connect() as again:
                assert again is first  # the same connection throughout
                assert again.execute("PRAGMA journal_mode").fetchone() == ("wal",)
                assert again.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
                with store.connect() as nested:  # in use: a short one instead
                    assert nested is not again
            with pytest.raises(StateError), store.connect() as db:
                db.execute("INSERT INTO delivery_ledger SELECT * FROM delivery_ledger")
            assert ledger.claim("News", DAY, "bo@example.com", "d1").claimed  # still usable
        with store.connect() as after:
            assert after is not first
        assert len(ledger.entries("News", DAY)) == 2
    finally:
        other.close()
