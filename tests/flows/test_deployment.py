"""End to end: a real `prefect server start`, `digest serve`, and `prefect deployment run`.

Every process is started here, in its own process group, and stopped here (by pid), whatever
happens in between. Everything binds to 127.0.0.1 and lives under tmp_path.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import SEEDS
from tests.flows.processes import clean_env, spawn, stop
from tests.smtp_server import free_port

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


def wait_for(check: object, what: str, seconds: float, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what}: the process exited with {process.returncode}")
        try:
            if check():  # type: ignore[operator]
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def prefect_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    port = free_port()
    env = clean_env(
        tmp_path,
        PREFECT_API_URL=f"http://127.0.0.1:{port}/api",
        PREFECT_SERVER_UI_ENABLED="false",
        DIGEST_SOURCES=str(SEEDS),
        DIGEST_STATE_DIR=str(tmp_path / "state"),
    )
    log = (tmp_path / "server.log").open("w")
    server = spawn(
        [
            str(BIN / "prefect"),
            "server",
            "start",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-ui",
            "--analytics-off",
        ],
        env,
        tmp_path,
        log,
    )
    try:
        health = f"http://127.0.0.1:{port}/api/health"
        wait_for(
            lambda: httpx.get(health, timeout=2).status_code == 200,
            "the Prefect server",
            120,
            server,
        )
        yield env
    finally:
        stop(server)
        log.close()


def test_served_deployment_runs_on_demand(prefect_env: dict[str, str], tmp_path: Path) -> None:
    api = prefect_env["PREFECT_API_URL"]
    log = (tmp_path / "serve.log").open("w")
    serve = spawn([str(BIN / "digest"), "serve"], prefect_env, tmp_path, log)
    try:

        def registered() -> bool:
            response = httpx.get(f"{api}/deployments/name/daily-digest/daily", timeout=5)
            return response.status_code == 200

        wait_for(registered, "the daily-digest/daily deployment", 120, serve)
        deployment = httpx.get(f"{api}/deployments/name/daily-digest/daily", timeout=5).json()
        [schedule] = deployment["schedules"]
        assert schedule["schedule"]["cron"] == "0 6 * * *"
        assert schedule["schedule"]["timezone"] == "UTC"
        limit = deployment["global_concurrency_limit"]  # one run at a time
        assert limit["limit"] == 1 and limit["active"], deployment

        outbox = tmp_path / "outbox-from-deployment"
        run = subprocess.run(
            [
                str(BIN / "prefect"),
                "deployment",
                "run",
                "daily-digest/daily",
                "--param",
                f"outbox={outbox}",
                "--param",
                "date=2026-11-29",
                "--watch",
            ],
            env=prefect_env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
        assert "Completed" in run.stdout + run.stderr
    finally:
        stop(serve)
        log.close()
    assert (outbox / "digest-2026-11-29.eml").exists()
    assert (outbox / "digest-2026-11-29.json").exists()
