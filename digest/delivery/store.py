"""The subscriber store: who may get the digest, in the state database (SQLite).

Each subscriber has a status (``pending`` until they confirm, ``active``, ``unsubscribed``,
``bounced``), the time and source of their consent, and a random public id that the signed links
carry instead of the address. Rules:

- an import (CSV, ``digest subscribers import`` or ``DIGEST_SUBSCRIBERS`` at each run) adds new
  addresses as active and updates names and columns; it never brings back an unsubscribed or
  bounced address;
- a sign-up on the web makes a pending subscriber (an unsubscribed one stays unsubscribed) and a
  single-use confirmation that expires; only confirming it makes them active again;
- a run delivers to the active subscribers only.

Tables (created here, beside :mod:`digest.state`'s): ``subscribers``, ``confirmations``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from digest.delivery.subscribers import Subscriber
from digest.delivery.tokens import new_id
from digest.state import StateStore

Status = Literal["pending", "active", "unsubscribed", "bounced"]
STATUSES: tuple[Status, ...] = ("pending", "active", "unsubscribed", "bounced")

SCHEMA = """
CREATE TABLE IF NOT EXISTS subscribers (
    email TEXT PRIMARY KEY,            -- as validated; compared lower-cased
    sid TEXT NOT NULL UNIQUE,          -- random public id, carried by signed links
    name TEXT,
    fields TEXT NOT NULL DEFAULT '{}', -- extra CSV columns (JSON)
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed', 'bounced')),
    source TEXT NOT NULL,              -- csv:<file>, web, cli
    consent_at TEXT,                   -- when they were imported with consent or confirmed
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS subscribers_email_nocase ON subscribers (lower(email));
CREATE TABLE IF NOT EXISTS confirmations (
    nonce TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    name TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
"""


@dataclass(frozen=True)
class StoredSubscriber:
    email: str
    sid: str
    name: str | None
    status: Status
    source: str
    consent_at: str | None
    created_at: str
    updated_at: str
    fields: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def as_subscriber(self) -> Subscriber:
        return Subscriber(self.email, self.name, dict(self.fields), sid=self.sid)


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept_out: list[tuple[str, str]] = field(default_factory=list)  # (email, why)

    def __str__(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.kept_out)} not re-added (unsubscribed or bounced)"
        )


ConfirmResult = Literal["confirmed", "unknown", "used", "expired"]

# A concurrent insert of the same address (any case) loses quietly; the row already there wins.
_INSERT = "INSERT OR IGNORE INTO subscribers ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
_COLUMNS = "email, sid, name, status, source, consent_at, created_at, updated_at, fields"


def _now() -> datetime:
    return datetime.now(UTC)


def _row(row: tuple[str, ...]) -> StoredSubscriber:
    email, sid, name, status, source, consent_at, created_at, updated_at, fields = row
    return StoredSubscriber(
        email,
        sid,
        name,
        status,  # type: ignore[arg-type]  # the table's CHECK keeps it one of STATUSES
        source,
        consent_at,
        created_at,
        updated_at,
        json.loads(fields or "{}"),
    )


class SubscriberStore:
    def __init__(self, state_dir: Path) -> None:
        self.state = StateStore(state_dir)
        with self.state.connection() as db:
            db.executescript(SCHEMA)

    def get(self, email: str) -> StoredSubscriber | None:
        with self.state.connection() as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM subscribers WHERE lower(email) = lower(?)", (email,)
            ).fetchone()
        return _row(row) if row else None

    def by_sid(self, sid: str) -> StoredSubscriber | None:
        with self.state.connection() as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM subscribers WHERE sid = ?", (sid,)).fetchone()
        return _row(row) if row else None

    def all(self, status: Status | None = None) -> list[StoredSubscriber]:
        query = f"SELECT {_COLUMNS} FROM subscribers"
        args: tuple[str, ...] = ()
        if status:
            query, args = query + " WHERE status = ?", (status,)
        with self.state.connection() as db:
            rows = db.execute(query + " ORDER BY created_at, email", args).fetchall()
        return [_row(r) for r in rows]

    def count(self) -> int:
        with self.state.connection() as db:
            return int(db.execute("SELECT count(*) FROM subscribers").fetchone()[0])

    def active(self) -> list[Subscriber]:
        return [s.as_subscriber() for s in self.all("active")]

    def import_subscribers(self, people: Iterable[Subscriber], source: str) -> ImportReport:
        """Add new addresses as active; update names and columns of pending or active ones;
        leave unsubscribed and bounced ones as they are (and say so)."""
        report = ImportReport()
        now = _now().isoformat()
        with self.state.connection() as db:
            for person in people:
                row = db.execute(
                    "SELECT email, status FROM subscribers WHERE lower(email) = lower(?)",
                    (person.email,),
                ).fetchone()
                fields = json.dumps(person.fields, ensure_ascii=False, sort_keys=True)
                if row is None:
                    db.execute(
                        _INSERT.format(_COLUMNS),
                        (person.email, new_id(), person.name, "active", source, *[now] * 3, fields),
                    )
                    report.added.append(person.email)
                elif row[1] in ("unsubscribed", "bounced"):
                    report.kept_out.append((row[0], f"{row[1]}; not re-added by an import"))
                else:
                    db.execute(
                        "UPDATE subscribers SET name = ?, fields = ?, updated_at = ?, "
                        "status = 'active', consent_at = coalesce(consent_at, ?), source = "
                        "CASE WHEN status = 'pending' THEN ? ELSE source END "
                        "WHERE email = ?",
                        (person.name, fields, now, now, source, row[0]),
                    )
                    report.updated.append(row[0])
        return report

    def set_status(self, email: str, status: Status) -> bool:
        """Change one subscriber's status; False when the address is not in the store."""
        with self.state.connection() as db:
            changed = db.execute(
                "UPDATE subscribers SET status = ?, updated_at = ? WHERE lower(email) = lower(?)",
                (status, _now().isoformat(), email),
            ).rowcount
        return bool(changed)

    def unsubscribe_sid(self, sid: str) -> StoredSubscriber | None:
        with self.state.connection() as db:
            db.execute(
                "UPDATE subscribers SET status = 'unsubscribed', updated_at = ? "
                "WHERE sid = ? AND status != 'unsubscribed'",
                (_now().isoformat(), sid),
            )
        return self.by_sid(sid)

    # --- double opt-in ----------------------------------------------------------------------

    def request_signup(self, email: str, name: str | None, valid_for: timedelta) -> str | None:
        """A confirmation nonce for a web sign-up, or None when the address is active already.

        A new address is added as pending; an existing one keeps its status (an unsubscribed
        address stays unsubscribed until the confirmation is used)."""
        now = _now()
        with self.state.connection() as db:
            row = db.execute(
                "SELECT status FROM subscribers WHERE lower(email) = lower(?)", (email,)
            ).fetchone()
            if row and row[0] == "active":
                return None
            if row is None:
                stamp = now.isoformat()
                db.execute(
                    _INSERT.format(_COLUMNS),
                    (email, new_id(), name, "pending", "web", None, stamp, stamp, "{}"),
                )
            nonce = new_id()
            db.execute(
                "INSERT INTO confirmations VALUES (?, ?, ?, ?, ?, NULL)",
                (nonce, email, name, now.isoformat(), (now + valid_for).isoformat()),
            )
        return nonce

    def recent_requests(self, email: str, since: timedelta) -> int:
        cutoff = (_now() - since).isoformat()
        with self.state.connection() as db:
            return int(
                db.execute(
                    "SELECT count(*) FROM confirmations WHERE lower(email) = lower(?) "
                    "AND created_at > ?",
                    (email, cutoff),
                ).fetchone()[0]
            )

    def confirmation_state(self, nonce: str) -> ConfirmResult | None:
        """What :meth:`confirm` would say, without using the confirmation (None: usable)."""
        with self.state.connection() as db:
            row = db.execute(
                "SELECT expires_at, used_at FROM confirmations WHERE nonce = ?", (nonce,)
            ).fetchone()
        if row is None:
            return "unknown"
        if row[1]:
            return "used"
        return "expired" if datetime.fromisoformat(row[0]) <= _now() else None

    def confirm(self, nonce: str) -> tuple[ConfirmResult, str | None]:
        """Use a confirmation once: the subscriber becomes active with consent now."""
        now = _now()
        with self.state.connection() as db:
            row = db.execute(
                "SELECT email, name, expires_at, used_at FROM confirmations WHERE nonce = ?",
                (nonce,),
            ).fetchone()
            if row is None:
                return "unknown", None
            email, name, expires_at, used_at = row
            if used_at:
                return "used", email
            if datetime.fromisoformat(expires_at) <= now:
                return "expired", email
            claimed = db.execute(
                "UPDATE confirmations SET used_at = ? WHERE nonce = ? AND used_at IS NULL",
                (now.isoformat(), nonce),
            ).rowcount
            if not claimed:
                return "used", email
            stamp = now.isoformat()
            db.execute(
                "UPDATE subscribers SET status = 'active', consent_at = ?, source = 'web', "
                "name = coalesce(?, name), updated_at = ? WHERE lower(email) = lower(?)",
                (stamp, name, stamp, email),
            )
        return "confirmed", email
