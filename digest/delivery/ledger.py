"""The delivery ledger: who got which day's digest, so that nobody gets it twice.

One row per (newsletter, date, recipient), in the state database's ``delivery_ledger`` table.
The key is the day, not the article set: if the articles change between a crash and a re-run,
whoever was served that day is not served again (unless a forced run, see :meth:`Ledger.claim`).

States:

- ``sending``: claimed by a run, the message may be on its way. Left behind by a crash, it
  means "maybe delivered" and is not resent.
- ``sent``: the server confirmed it (250 after DATA).
- ``retry``: a temporary failure before the message was handed over; the next run sends it.
- ``maybe``: the message was handed over but the server's reply was lost (connection dropped or
  timed out after DATA): maybe delivered; not resent unless an operator says so
  (``digest ledger resend``).
- ``failed``: refused for good (5xx); not retried.

:meth:`Ledger.claim` is the only way to start a send: one transaction (``BEGIN IMMEDIATE``)
with one check-and-mark statement, so two processes can never both claim the same row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from digest.state import StateStore

SENDING, SENT, RETRY, MAYBE, FAILED = "sending", "sent", "retry", "maybe", "failed"
STATES = (SENDING, SENT, RETRY, MAYBE, FAILED)
UNCERTAIN = (SENDING, MAYBE)  # maybe delivered: never resent without an operator

_COLUMNS = "newsletter, digest_date, recipient, digest_id, state, attempts, detail, updated_at"

# Check and mark in one statement: a new row is inserted as 'sending'; an existing row is taken
# over only if it may be sent again. RETURNING yields a row only when this call claimed it.
_CLAIM = f"""
INSERT INTO delivery_ledger ({_COLUMNS}) VALUES (?, ?, ?, ?, 'sending', 1, NULL, ?)
ON CONFLICT (newsletter, digest_date, recipient) DO UPDATE SET
    state = 'sending',
    digest_id = excluded.digest_id,
    attempts = delivery_ledger.attempts + 1,
    detail = NULL,
    updated_at = excluded.updated_at
WHERE delivery_ledger.state = 'retry'
   OR (? AND (delivery_ledger.state = 'failed' OR delivery_ledger.digest_id != excluded.digest_id))
RETURNING attempts
"""


@dataclass(frozen=True)
class LedgerEntry:
    newsletter: str
    day: date
    recipient: str
    digest_id: str
    state: str
    attempts: int
    detail: str | None
    updated_at: str

    @classmethod
    def from_row(cls, row: tuple[object, ...]) -> LedgerEntry:
        newsletter, day, recipient, digest_id, state, attempts, detail, updated_at = row
        return cls(
            str(newsletter),
            date.fromisoformat(str(day)),
            str(recipient),
            str(digest_id),
            str(state),
            int(str(attempts)),
            None if detail is None else str(detail),
            str(updated_at),
        )

    def line(self) -> str:
        """One line for ``digest ledger list``."""
        detail = f"  {self.detail}" if self.detail else ""
        return (
            f"{self.day}  {self.state:<7}  {self.recipient}  [{self.newsletter}, digest "
            f"{self.digest_id}, {self.attempts} attempt(s), {self.updated_at}]{detail}"
        )

    def reason(self) -> str:
        """Why a run skips this recipient, for the report."""
        if self.state == SENT:
            return f"already got the {self.day} digest (use --force to send a changed one)"
        if self.state in UNCERTAIN:
            what = self.detail or "an earlier run stopped while sending"
            return (
                f"maybe delivered ({what}); not resent, to avoid a duplicate: "
                f"`digest ledger resend --date {self.day} {self.recipient}` sends it again"
            )
        if self.state == FAILED:
            return f"failed permanently before: {self.detail}"
        return f"in the ledger as {self.state}"


@dataclass(frozen=True)
class Claim:
    claimed: bool
    previous: LedgerEntry | None  # the row that stopped the claim (when not claimed)
    replaced: LedgerEntry | None = None  # the row this claim took over (a retry, or forced)


# A mark waiting to be written: (newsletter, day, recipient, state, detail).
Mark = tuple[str, date, str, str, str | None]


class Ledger:
    """The delivery ledger of one state database. Recipients are compared lower-cased."""

    def __init__(self, store: StateStore) -> None:
        self.store = store

    def claim(
        self,
        newsletter: str,
        day: date,
        recipient: str,
        digest_id: str,
        force: bool = False,
        marks: Iterable[Mark] = (),
    ) -> Claim:
        """Claim (newsletter, day, recipient) for sending ``digest_id``, atomically.

        Claimed: no row yet, or a ``retry`` row; with ``force`` also a ``failed`` row or one
        for another digest of that day (the articles changed). Never a row for this very
        digest that is sent or maybe delivered, so a retried forced run sends nobody twice.
        ``marks`` (outcomes of earlier sends) are written in the same transaction, first."""
        return self.claim_many(newsletter, day, [recipient], digest_id, force, marks)[0]

    def claim_many(
        self,
        newsletter: str,
        day: date,
        recipients: Sequence[str],
        digest_id: str,
        force: bool = False,
        marks: Iterable[Mark] = (),
    ) -> list[Claim]:
        """:meth:`claim` for each recipient, all in one transaction (one commit, one wait for
        the disk): each claim is decided as :meth:`claim` decides it, in order."""
        claims = []
        with self.store.connect(isolation_level=None) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                _write_marks(db, marks)
                for recipient in recipients:
                    key = (newsletter, day.isoformat(), recipient.lower())
                    before = db.execute(_SELECT + _KEY, key).fetchone()
                    won = db.execute(_CLAIM, (*key, digest_id, _now(), force)).fetchone()
                    entry = LedgerEntry.from_row(before) if before else None
                    claims.append(Claim(bool(won), None if won else entry, entry if won else None))
                db.execute("COMMIT")
            except sqlite3.Error:
                db.execute("ROLLBACK")
                raise
        return claims

    def mark(
        self, newsletter: str, day: date, recipient: str, state: str, detail: str | None = None
    ) -> None:
        """Record the outcome of a claimed send; committed before the caller goes on."""
        self.mark_many([(newsletter, day, recipient, state, detail)])

    def mark_many(self, marks: Iterable[Mark]) -> None:
        """Record several outcomes in one transaction."""
        with self.store.connect() as db:
            _write_marks(db, marks)

    def release(self, newsletter: str, day: date, recipient: str, claim: Claim) -> None:
        """Undo a claim whose message was never handed to a server (the run stopped first):
        the row is as it was before the claim (or gone, if the claim made it)."""
        key = (newsletter, day.isoformat(), recipient.lower())
        with self.store.connect() as db:
            old = claim.replaced
            if old is None:
                db.execute("DELETE FROM delivery_ledger" + _KEY + " AND state = 'sending'", key)
            else:
                db.execute(
                    "UPDATE delivery_ledger SET digest_id = ?, state = ?, attempts = ?, "
                    "detail = ?, updated_at = ?" + _KEY + " AND state = 'sending'",
                    (old.digest_id, old.state, old.attempts, old.detail, old.updated_at, *key),
                )

    def entries(
        self,
        newsletter: str | None = None,
        day: date | None = None,
        states: Iterable[str] = (),
        recipients: Iterable[str] = (),
    ) -> list[LedgerEntry]:
        where, args = _filter(newsletter, day, states, recipients)
        with self.store.connect() as db:
            rows = db.execute(
                _SELECT + where + " ORDER BY digest_date, newsletter, recipient", args
            ).fetchall()
        return [LedgerEntry.from_row(row) for row in rows]

    def resend(
        self, newsletter: str | None, day: date, recipients: Iterable[str] = ()
    ) -> list[LedgerEntry]:
        """Mark rows to be sent again by the next run of that day (state ``retry``): the named
        recipients whatever their state, or else every maybe-delivered one. Returns them."""
        named = [r.lower() for r in recipients]
        chosen = self.entries(newsletter, day, () if named else UNCERTAIN, named)
        with self.store.connect() as db:
            db.executemany(
                "UPDATE delivery_ledger SET state = 'retry', detail = 'resend asked for', "
                "updated_at = ?" + _KEY,
                [(_now(), e.newsletter, e.day.isoformat(), e.recipient) for e in chosen],
            )
        return chosen

    def forget(self, newsletter: str | None, day: date, recipients: Iterable[str] = ()) -> int:
        """Delete that day's rows (or the named recipients' only): they count as never sent."""
        where, args = _filter(newsletter, day, (), [r.lower() for r in recipients])
        with self.store.connect() as db:
            return db.execute("DELETE FROM delivery_ledger" + where, args).rowcount


_SELECT = f"SELECT {_COLUMNS} FROM delivery_ledger"
_KEY = " WHERE newsletter = ? AND digest_date = ? AND recipient = ?"


def _write_marks(db: sqlite3.Connection, marks: Iterable[Mark]) -> None:
    rows = []
    for newsletter, day, recipient, state, detail in marks:
        if state not in STATES:
            raise ValueError(f"unknown ledger state {state!r}")
        rows.append((state, detail, _now(), newsletter, day.isoformat(), recipient.lower()))
    if rows:
        db.executemany(
            "UPDATE delivery_ledger SET state = ?, detail = ?, updated_at = ?" + _KEY, rows
        )


def _filter(
    newsletter: str | None, day: date | None, states: Iterable[str], recipients: Iterable[str]
) -> tuple[str, list[object]]:
    clauses: list[str] = []
    args: list[object] = []
    if newsletter is not None:
        clauses.append("newsletter = ?")
        args.append(newsletter)
    if day is not None:
        clauses.append("digest_date = ?")
        args.append(day.isoformat())
    for column, values in (("state", list(states)), ("recipient", list(recipients))):
        if values:
            clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
            args.extend(values)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
