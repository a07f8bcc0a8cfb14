"""Exactly once and one-line failures with real `digest run` processes: two at once against one
aiosmtpd server, a truncated state database, an unusable state directory, Prefect's temporary
server not starting in time."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from digest.state import SentRecord, StateStore
from tests.conftest import REPO, SEEDS
from tests.flows.processes import clean_env
from tests.smtp_server import Server, smtp_server

pytestmark = pytest.mark.slow

READERS = [f"reader{n:02d}@example.com" for n in range(60)]


def digest_run(
    tmp_path: Path, name: str, server: Server | None, **env: str
) -> subprocess.Popen[str]:
    """Start ``digest run`` (SMTP to ``server``, 60 subscribers) as a process of its own, with
    its own Prefect home; ``env`` adds or overrides settings."""
    subscribers = tmp_path / "subscribers.csv"
    subscribers.write_text("email\n" + "".join(f"{r}\n" for r in READERS), encoding="utf-8")
    settings = {
        "DIGEST_STATE_DIR": str(tmp_path / "state"),
        "DIGEST_SUBSCRIBERS": str(subscribers),
        "DIGEST_DELIVERY": "smtp",
        "DIGEST_SMTP_HOST": "127.0.0.1",
        "DIGEST_SMTP_PORT": str(server.port if server else 9),
        "DIGEST_SMTP_SECURITY": "none",
        "DIGEST_SMTP_BACKOFF": "0",
        **env,
    }
    (tmp_path / name / "prefect-home").mkdir(parents=True, exist_ok=True)
    args = [sys.executable, "-m", "digest", "run", "--source", str(SEEDS), "--date", "2026-11-29"]
    return subprocess.Popen(
        args,
        env=clean_env(tmp_path / name, **settings),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    try:
        output, _ = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return process.returncode, output


def one_error_line(output: str) -> str:
    assert "Traceback" not in output, output[-3000:]
    [line] = [x for x in output.splitlines() if x.startswith("digest: error:")]
    return line


def test_two_runs_at_once_send_each_subscriber_one_message(tmp_path: Path) -> None:
    with smtp_server(tmp_path) as server:
        # 2 messages a second: the two runs' sends overlap (on main: 119 messages for 60)
        slow = {"DIGEST_RUN_LOCK_WAIT": "600", "DIGEST_SMTP_RATE": "2"}
        runs = [digest_run(tmp_path, f"run{n}", server, **slow) for n in (1, 2)]
        results = [finish(run) for run in runs]
    received = sorted(r for message in server.received for r in message.rcpt_tos)
    assert received == sorted(READERS), [out[-2000:] for _, out in results]
    assert [code for code, _ in results] == [0, 0], [out[-2000:] for _, out in results]
    reports = sorted(
        line for _, out in results for line in out.splitlines() if line.startswith("digest ")
    )
    assert [r.split(": ", 1)[1] for r in reports] == [
        "0 delivered, 0 failed, 60 skipped",
        "60 delivered, 0 failed, 0 skipped",
    ]


def test_a_truncated_state_database_is_refused_and_nothing_is_sent(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state")
    store.record_sent(
        SentRecord(f"k{n}", date(2026, 11, 28), "d", "T" * 300, None) for n in range(300)
    )
    data = store.path.read_bytes()
    store.path.write_bytes(data[: len(data) // 2 + 100])  # cut mid-page, as a full disk does
    with smtp_server(tmp_path) as server:
        code, output = finish(digest_run(tmp_path, "run", server))
    line = one_error_line(output)
    assert code == 1 and "is truncated" in line and "restore it from a backup" in line
    assert server.received == []


def test_an_unusable_state_directory_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    run = digest_run(tmp_path, "run", None, DIGEST_STATE_DIR=str(tmp_path / "file" / "state"))
    code, output = finish(run)
    assert code == 1 and "DIGEST_STATE_DIR" in one_error_line(output)


def test_prefect_server_not_starting_in_time_is_one_line(tmp_path: Path) -> None:
    run = digest_run(tmp_path, "run", None, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="0")
    code, output = finish(run)
    line = one_error_line(output)
    assert code == 1 and "did not start in time" in line and "PREFECT_API_URL" in line
