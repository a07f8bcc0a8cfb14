"""Real processes for the end-to-end tests: a clean environment, start, stop by process group."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path
from typing import IO


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """This environment without PREFECT_* and DIGEST_* settings, with a private PREFECT_HOME."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "DIGEST_"))}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false"
    )
    env.update(extra)
    return env


def spawn(args: list[str], env: dict[str, str], cwd: Path, log: IO[str]) -> subprocess.Popen[str]:
    """Start a long-running process in its own process group, output to ``log``."""
    return subprocess.Popen(
        args,
        env=env,
        cwd=cwd,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def stop(process: subprocess.Popen[str]) -> None:
    """Stop a process started by :func:`spawn` and everything it started (Ctrl-C, then kill)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def run_clean(args: list[str], env: dict[str, str], cwd: Path) -> str:
    """Run to the end; the output, asserted free of errors and tracebacks."""
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert "| ERROR" not in output and "CancelledError" not in output, output[-3000:]
    return output
