"""The pipeline's persistent state: one SQLite file in the state directory.

Tables: ``http_cache`` (validators and last body of each fetched URL, for conditional requests),
``sent_articles`` (which article went into which day's digest, so an article is never in two
digests) and ``delivery_ledger`` (who got which day's digest; :mod:`digest.delivery.ledger`).
Each call opens a short connection (the flow's tasks may run in other threads or processes),
except inside :meth:`StateStore.session`, where the calling thread reuses one connection (in WAL
mode) for every call until the block ends: a delivery claims and marks each recipient on it.

The database is the memory that keeps a digest from going out twice, so it is never silently
replaced: a missing state directory (or a missing ``state.db``) is a first run, but an empty,
truncated or corrupt ``state.db`` is refused with :class:`~digest.errors.StateError`.
:func:`run_lock` lets one run at a time use a state directory.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from digest.errors import StateError

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
CREATE TABLE IF NOT EXISTS delivery_ledger (
    newsletter TEXT NOT NULL,
    digest_date TEXT NOT NULL,
    recipient TEXT NOT NULL,
    digest_id TEXT NOT NULL,
    state TEXT NOT NULL,          -- sending | sent | retry | maybe | failed
    attempts INTEGER NOT NULL DEFAULT 0,
    detail TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (newsletter, digest_date, recipient)
);
"""

_MAGIC = b"SQLite format 3\x00"
_checked: set[tuple[str, int, int]] = set()  # (path, size, mtime) that passed quick_check


def recovery_hint(path: Path) -> str:
    return (
        f"move it aside (mv {path} {path}.broken) and restore it from a backup (deleting it "
        "instead starts afresh: anyone already served today would get the digest again)"
    )


def check_database(path: Path) -> None:
    """Refuse an empty, truncated or corrupt database file (StateError saying how to recover).
    The header is read on every call; ``PRAGMA quick_check`` once per process and file version."""
    try:
        info = path.stat()
        with path.open("rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StateError(f"cannot read state database {path} ({exc.strerror})") from exc
    if info.st_size == 0:
        problem = "is empty (0 bytes)"
    elif len(header) < 100 or not header.startswith(_MAGIC):
        problem = "is not an SQLite database"
    else:
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        if header[24:28] != header[92:96]:  # the in-header size is stale (sqlite.org/fileformat)
            pages = 0
        if page_size < 512 or info.st_size % page_size or info.st_size < pages * page_size:
            problem = f"is truncated ({info.st_size} bytes, expected {pages * page_size})"
        else:
            problem = _quick_check(path, info)
    if problem:
        raise StateError(f"state database {path} {problem}; {recovery_hint(path)}")


def _quick_check(path: Path, info: os.stat_result) -> str:
    key = (str(path.resolve()), info.st_size, info.st_mtime_ns)
    if key in _checked:
        return ""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            rows = db.execute("PRAGMA quick_check").fetchall()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return f"is damaged ({exc})"
    if rows != [("ok",)]:
        return f"is damaged ({rows[0][0]})"
    _checked.add(key)
    return ""


def ensure_state_dir(state_dir: Path) -> Path:
    """The state directory, created if missing (a first run); StateError when it cannot be."""
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        probe = state_dir / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise StateError(
            f"cannot use state directory {state_dir} ({exc.strerror or exc}); set "
            "DIGEST_STATE_DIR to a writable folder"
        ) from exc
    return state_dir


@contextmanager
def run_lock(state_dir: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold ``run.lock`` in the state directory (``flock``, released when the process dies).
    Another holder: wait up to ``wait`` seconds, then StateError naming its process id."""
    ensure_state_dir(state_dir)
    path = state_dir / "run.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    raise StateError(
                        f"another digest run (process {holder}) is using {state_dir}; this one "
                        f"stopped after waiting {wait:g}s and sent nothing: let that run finish "
                        "(or raise DIGEST_RUN_LOCK_WAIT)"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


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
        self._local = threading.local()  # this thread's session connection, if any
        ensure_state_dir(state_dir)
        check_database(self.path)
        if not self.path.exists():
            self._create()
        with self.connect() as db:
            db.executescript(SCHEMA)

    def _create(self) -> None:
        """A new database, made under a temporary name and linked into place, so that a crash
        never leaves an empty ``state.db`` (which would be refused) and two first runs never
        replace each other's file."""
        tmp = self.path.with_name(f".state.db.{os.getpid()}.new")
        try:
            db = sqlite3.connect(tmp)
            try:
                db.executescript(SCHEMA)
            finally:
                db.close()
            with suppress(FileExistsError):  # another process created it first
                os.link(tmp, self.path)
        except (OSError, sqlite3.Error) as exc:
            raise StateError(
                f"cannot create state database {self.path} ({exc}); set DIGEST_STATE_DIR to a "
                "writable folder"
            ) from exc
        finally:
            tmp.unlink(missing_ok=True)

    @contextmanager
    def connect(
        self, isolation_level: Literal["DEFERRED", "IMMEDIATE", "EXCLUSIVE"] | None = "DEFERRED"
    ) -> Iterator[sqlite3.Connection]:
        """A connection; commit or roll back at the end. A damaged file becomes StateError.
        Inside :meth:`session` (same thread, not already in use by an enclosing call) that
        session's connection, with ``isolation_level`` set for this use; otherwise a short one."""
        held: sqlite3.Connection | None = getattr(self._local, "db", None)
        try:
            if held is not None and not getattr(self._local, "busy", False):
                held.isolation_level = isolation_level
                self._local.busy = True
                try:
                    with held:
                        yield held
                finally:
                    self._local.busy = False
                    if held.in_transaction:  # a caller's own BEGIN left open by an error
                        held.rollback()
                    held.isolation_level = "DEFERRED"
                return
            db = sqlite3.connect(self.path, timeout=30, isolation_level=isolation_level)
            try:
                with db:
                    yield db
            finally:
                db.close()
        except sqlite3.DatabaseError as exc:
            raise self._state_error(exc) from exc

    def _state_error(self, exc: sqlite3.DatabaseError) -> StateError:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            return StateError(
                f"state database {self.path} stayed locked by another process ({exc}); "
                "try again when the other digest run has finished"
            )
        return StateError(
            f"state database {self.path} cannot be used ({exc}); {recovery_hint(self.path)}"
        )

    @contextmanager
    def session(self) -> Iterator[None]:
        """Reuse one connection for every call this thread makes until the block ends (a
        delivery: thousands of claims and marks). The database is switched to WAL, so readers
        (the web app) never wait for the run's writes; ``synchronous=FULL`` keeps each commit on
        disk before the caller goes on (a sent mark survives a power loss). Every statement
        still runs in its own transaction as outside a session, so a claim stays atomic
        across processes (``BEGIN IMMEDIATE``). Nested sessions share the outer connection."""
        if getattr(self._local, "db", None) is not None:
            yield
            return
        try:
            db = sqlite3.connect(self.path, timeout=30, isolation_level="DEFERRED")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
        except sqlite3.DatabaseError as exc:
            raise self._state_error(exc) from exc
        self._local.db = db
        try:
            yield
        finally:
            self._local.db = None
            db.close()

    def connection(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """A short connection to the state database (committed on exit), for the stores of
        other subsystems that keep their own tables here (subscribers, the archive)."""
        return self.connect()

    # --- HTTP cache -------------------------------------------------------------------------

    def cached(self, url: str) -> CachedResponse | None:
        with self.connect() as db:
            row = db.execute(
                "SELECT url, etag, last_modified, content_type, body FROM http_cache WHERE url = ?",
                (url,),
            ).fetchone()
        return CachedResponse(*row) if row else None

    def store(self, response: CachedResponse) -> None:
        with self.connect() as db:
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

    # --- what went out ----------------------------------------------------------------------

    def sent_keys(self, except_date: date | None = None) -> set[str]:
        """Keys of articles in earlier digests (a re-run of ``except_date`` may reuse its own)."""
        with self.connect() as db:
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
        with self.connect() as db:
            db.executemany("INSERT OR REPLACE INTO sent_articles VALUES (?, ?, ?, ?, ?, ?)", rows)
        return len(rows)
