"""`digest run` in Prefect's ephemeral mode, as `make run` does it: a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.articles import synthetic

pytestmark = pytest.mark.slow


def test_many_task_runs_end_without_errors_or_tracebacks(tmp_path: Path) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    for n in range(20):  # 20 articles in batches of one: about fifty task runs
        (sources / f"{n:02d}.txt").write_text(synthetic(n), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "DIGEST_"))}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        DIGEST_BATCH_SIZE="1",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "digest",
            "run",
            "--source",
            str(sources),
            "--outbox",
            str(tmp_path / "out"),
            "--date",
            "2026-11-29",
            "--max-items",
            "50",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Traceback" not in output
    assert "| ERROR" not in output and "CancelledError" not in output
    assert output.count("summarize_batch") >= 10  # the runs really happened
    assert (tmp_path / "out" / "digest-2026-11-29.eml").exists()


BURST = """
import flows  # applies the ephemeral-mode fix, as importing the daily-digest flow does
from prefect import flow, task

@task
def double(i: int) -> int:
    return 2 * i

@flow
def burst(n: int = 80) -> int:
    return sum(f.result() for f in [double.submit(i) for i in range(n)])

print("total", burst())
"""


def test_a_burst_of_task_runs_at_the_end_of_a_flow_is_clean(tmp_path: Path) -> None:
    # Without the fix, Prefect's temporary server is stopped while its task-run recorder still
    # flushes these runs' events, and logs "Error flushing ... CancelledError" tracebacks.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "DIGEST_"))}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false"
    )
    result = subprocess.run(
        [sys.executable, "-c", BURST],
        cwd=Path(__file__).parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "total 6320" in output
    assert "Traceback" not in output and "| ERROR" not in output
