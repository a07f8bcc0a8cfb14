"""The archive: each delivered digest's non-personalised copy, for "View in browser".

Kept in the state database (table ``archive``), one row per digest date, written when a digest
is delivered and read by the web app (``/archive/`` and ``/archive/YYYY-MM-DD``). The copy is
:meth:`RenderedDigest.personalize` with no recipient: no name, address, subscriber column or
personal link is in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from digest.models import RenderedDigest
from digest.state import StateStore

SCHEMA = """
CREATE TABLE IF NOT EXISTS archive (
    digest_date TEXT PRIMARY KEY,
    digest_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    html TEXT NOT NULL,
    archived_at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class ArchivedDigest:
    day: date
    digest_id: str
    subject: str
    html: str


def archive_url(public_url: str, day: date) -> str:
    """The stable address of one day's archived copy."""
    return f"{public_url.rstrip('/')}/archive/{day.isoformat()}"


class Archive:
    def __init__(self, state_dir: Path) -> None:
        self.state = StateStore(state_dir)
        with self.state.connection() as db:
            db.executescript(SCHEMA)

    def add(self, rendered: RenderedDigest, public_url: str) -> date:
        """Keep the digest's copy for nobody in particular (replacing that date's copy)."""
        home = public_url.rstrip("/") + "/"
        copy = rendered.personalize(unsubscribe_url=home, preferences_url=home)
        day = rendered.digest.date
        with self.state.connection() as db:
            db.execute(
                "INSERT OR REPLACE INTO archive VALUES (?, ?, ?, ?, ?)",
                (
                    day.isoformat(),
                    rendered.digest.id,
                    copy.subject,
                    copy.html,
                    datetime.now(UTC).isoformat(),
                ),
            )
        return day

    def get(self, day: date) -> ArchivedDigest | None:
        with self.state.connection() as db:
            row = db.execute(
                "SELECT digest_date, digest_id, subject, html FROM archive WHERE digest_date = ?",
                (day.isoformat(),),
            ).fetchone()
        return ArchivedDigest(date.fromisoformat(row[0]), *row[1:]) if row else None

    def index(self, limit: int = 1000) -> list[tuple[date, str]]:
        with self.state.connection() as db:
            rows = db.execute(
                "SELECT digest_date, subject FROM archive ORDER BY digest_date DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [(date.fromisoformat(d), s) for d, s in rows]
