"""The pipeline's persistent state: one SQLite file in the state directory.

Two tables so far: ``http_cache`` (validators and last body of each fetched URL, for
conditional requests) and ``sent_articles`` (which article went into which day's digest, so an
article is never in two digests). Each call opens a short connection: the flow's tasks may run
in other threads or processes.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from digest.errors import ConfigError

SCHEMA = """
CREATE TABLE IF NOT EXISTS http_cache (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    content_type TEXT,
    body BLOB NOT NULL,
    fetched_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sent_articles (
    article_key TEXT NOT NULL,
    digest_date TEXT NOT NULL,
    digest_id TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (article_key, digest_date)
);
CREATE TABLE IF NOT EXISTS send_ledger (
    digest_id TEXT NOT NULL,
    recipient TEXT NOT NULL,
    state TEXT NOT NULL,          -- sending | sent | failed
    attempts INTEGER NOT NULL DEFAULT 0,
    detail TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (digest_id, recipient)
);
"""


LEDGER_UPSERT = """
INSERT INTO send_ledger (digest_id, recipient, state, attempts, detail, updated_at)
VALUES (?, ?, ?, 1, ?, ?)
ON CONFLICT (digest_id, recipient) DO UPDATE SET
    state = excluded.state,
    detail = excluded.detail,
    attempts = send_ledger.attempts + (excluded.state = 'sending'),
    updated_at = excluded.updated_at
"""


@dataclass(frozen=True)
class CachedResponse:
    url: str
    etag: str | None
    last_modified: str | None
    content_type: str | None
    body: bytes


@dataclass(frozen=True)
class SentRecord:
    article_key: str
    digest_date: date
    digest_id: str
    title: str
    url: str | None


class StateStore:
    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / "state.db"
        try:
            state_dir.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(
                f"cannot use state directory {state_dir} ({exc}); set DIGEST_STATE_DIR to a "
                "writable folder"
            ) from exc

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            with db:  # commit or roll back
                yield db
        finally:
            db.close()

    def connection(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """A short connection to the state database (committed on exit), for the stores of
        other subsystems that keep their own tables here (subscribers, the archive)."""
        return self._connect()

    # --- HTTP cache -------------------------------------------------------------------------

    def cached(self, url: str) -> CachedResponse | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT url, etag, last_modified, content_type, body FROM http_cache WHERE url = ?",
                (url,),
            ).fetchone()
        return CachedResponse(*row) if row else None

    def store(self, response: CachedResponse) -> None:
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO http_cache VALUES (?, ?, ?, ?, ?, ?)",
                (
                    response.url,
                    response.etag,
                    response.last_modified,
                    response.content_type,
                    response.body,
                    datetime.now(UTC).isoformat(),
                ),
            )

    # --- the send ledger (exactly-once SMTP delivery) ----------------------------------------

    def ledger_state(self, digest_id: str, recipient: str) -> tuple[str, str | None] | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT state, detail FROM send_ledger WHERE digest_id = ? AND recipient = ?",
                (digest_id, recipient.lower()),
            ).fetchone()
        return (row[0], row[1]) if row else None

    def ledger_mark(
        self, digest_id: str, recipient: str, state: str, detail: str | None = None
    ) -> None:
        """Record a state change; committed before the caller goes on (before and after a send)."""
        with self._connect() as db:
            db.execute(
                LEDGER_UPSERT,
                (digest_id, recipient.lower(), state, detail, datetime.now(UTC).isoformat()),
            )

    # --- what went out ----------------------------------------------------------------------

    def sent_keys(self, except_date: date | None = None) -> set[str]:
        """Keys of articles in earlier digests (a re-run of ``except_date`` may reuse its own)."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT article_key FROM sent_articles WHERE digest_date != ?",
                ((except_date or date.min).isoformat(),),
            ).fetchall()
        return {key for (key,) in rows}

    def record_sent(self, records: Iterable[SentRecord]) -> int:
        rows = [
            (
                r.article_key,
                r.digest_date.isoformat(),
                r.digest_id,
                r.title,
                r.url,
                datetime.now(UTC).isoformat(),
            )
            for r in records
        ]
        with self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO sent_articles VALUES (?, ?, ?, ?, ?, ?)", rows)
        return len(rows)
