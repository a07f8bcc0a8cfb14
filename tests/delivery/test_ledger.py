"""The delivery ledger on a real SQLite file, claimed by real concurrent processes."""

from __future__ import annotations

import multiprocessing
from datetime import date
from pathlib import Path

from digest.delivery.ledger import Ledger
from digest.state import StateStore

DAY = date(2026, 11, 29)
PEOPLE = [f"reader{n:03d}@example.com" for n in range(150)]


def claim_all(state_dir: str, digest_id: str, queue: multiprocessing.Queue[list[str]]) -> None:
    ledger = Ledger(StateStore(Path(state_dir)))
    queue.put([p for p in PEOPLE if ledger.claim("News", DAY, p, digest_id).claimed])


def test_two_processes_never_claim_the_same_recipient(tmp_path: Path) -> None:
    StateStore(tmp_path)  # both processes find the database made
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[list[str]] = context.Queue()
    workers = [
        context.Process(target=claim_all, args=(str(tmp_path), f"d{n}", queue)) for n in (1, 2)
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
