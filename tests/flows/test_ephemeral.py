"""`digest run` in Prefect's ephemeral mode, as `make run` does it: a real subprocess."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.articles import synthetic
from tests.flows.processes import clean_env, run_clean

pytestmark = pytest.mark.slow


def test_many_task_runs_end_without_errors_or_tracebacks(tmp_path: Path) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    for n in range(20):  # 20 articles in batches of one: about fifty task runs
        (sources / f"{n:02d}.txt").write_text(synthetic(n), encoding="utf-8")
    output = run_clean(
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
        clean_env(tmp_path, DIGEST_BATCH_SIZE="1"),
        tmp_path,
    )
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
    output = run_clean(
        [sys.executable, "-c", BURST], clean_env(tmp_path), Path(__file__).parents[2]
    )
    assert "total 6320" in output


PRINT_TIMEOUTS = """
import os
from prefect.settings import get_current_settings
from flows.runtime import patient_api
with patient_api():
    now = get_current_settings()
    print(now.server.ephemeral.startup_timeout_seconds, now.api.request_timeout,
          os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"],
          now.server.analytics_enabled, os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"])
"""


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        # Prefect's 20 s and 60 s raised, its telemetry off, outside the repo too
        ({}, "180 180.0 180 False false"),
        ({"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "33"}, "33 180.0 33 False false"),
        ({"PREFECT_API_REQUEST_TIMEOUT": "7"}, "180 7.0 180 False false"),
        ({"PREFECT_SERVER_ANALYTICS_ENABLED": "true"}, "180 180.0 180 True true"),
    ],
)
def test_prefect_waits_for_a_busy_machine_wherever_digest_runs(
    tmp_path: Path, extra: dict[str, str], expected: str
) -> None:
    """Outside the repo Prefect does not read pyproject's [tool.prefect]; a value the user
    set stays as set. Telemetry (no internet here: an ERROR line in every run) is off."""
    env = clean_env(tmp_path)
    del env["PREFECT_SERVER_ANALYTICS_ENABLED"]  # the tests' own setting: here the user's
    env.update(extra)
    output = run_clean([sys.executable, "-c", PRINT_TIMEOUTS], env, tmp_path)
    assert output.split() == expected.split()
