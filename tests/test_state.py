from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from digest.errors import StateError
from digest.state import SentRecord, StateStore, run_lock


def test_sent_record_survives_reopening(tmp_path: Path) -> None:
    StateStore(tmp_path).record_sent(
        [SentRecord("https://x.test/a", date(2026, 11, 28), "d1", "A", "https://x.test/a")]
    )
    store = StateStore(tmp_path)  # a new run
    assert store.sent_keys() == {"https://x.test/a"}
    assert store.sent_keys(except_date=date(2026, 11, 28)) == set()  # a re-run of that day


def test_unusable_state_dir_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StateError, match="DIGEST_STATE_DIR"):
        StateStore(blocker / "state")


def full_database(folder: Path) -> Path:
    """A state database with a few hundred rows, as after some days of runs."""
    store = StateStore(folder)
    store.record_sent(
        SentRecord(f"https://x.test/{n}", date(2026, 11, 1 + n % 28), "d", "T" * 200, None)
        for n in range(400)
    )
    return store.path


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        ("empty", "empty (0 bytes)"),
        ("truncated", "truncated"),
        ("half-page", "truncated"),
        ("garbage", "not an SQLite database"),
        ("corrupt tail", "damaged"),
    ],
)
def test_damaged_database_is_refused_with_how_to_recover(
    tmp_path: Path, damage: str, says: str
) -> None:
    path = full_database(tmp_path)
    data = path.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    assert len(data) >= 4 * page
    damaged = {
        "empty": b"",
        "truncated": data[: 2 * page],
        "half-page": data[: len(data) - page // 2],
        "garbage": b"not a database at all\n" * 100,
        "corrupt tail": data[: -2 * page] + bytes(range(256)) * (2 * page // 256),
    }[damage]
    path.write_bytes(damaged)
    with pytest.raises(StateError) as info:
        StateStore(tmp_path)
    message = str(info.value)
    assert says in message and "\n" not in message
    assert "restore it from a backup" in message and f"{path}.broken" in message
    assert path.read_bytes() == damaged  # never replaced by a fresh (empty) ledger


def test_missing_state_directory_is_a_first_run(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "new" / "state")
    assert store.path.stat().st_size > 0 and store.sent_keys() == set()
    assert not list(store.path.parent.glob(".state.db.*"))  # the temporary file is gone


HOLD = """
import sys, time
from pathlib import Path
from digest.state import run_lock
with run_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_run_lock_lets_one_process_at_a_time(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "locked"
        with (
            pytest.raises(StateError, match=f"process {holder.pid}") as info,
            run_lock(tmp_path, wait=0.5),
        ):
            pass
        assert "sent nothing" in str(info.value)
    finally:
        holder.kill()
        holder.wait(timeout=30)
    with run_lock(tmp_path, wait=5):  # released when its holder died
        pass
