"""Where the per-article batches run: worker processes, this process, or a real Dask cluster
(``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1): the same email each time."""

from __future__ import annotations

import email
import email.policy
import os
import socket
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from prefect.testing.utilities import prefect_test_harness

from digest.settings import load_settings
from flows.serve import daily_flow
from tests.articles import TOPICS, synthetic, text_file
from tests.flows.processes import clean_env, run_clean, spawn, stop

pytestmark = pytest.mark.slow
DAY = date(2026, 11, 29)
BIN = Path(sys.executable).parent
DIGEST_RUN = [sys.executable, "-m", "digest", "run", "--date", str(DAY)]


@pytest.fixture(scope="module", autouse=True)
def prefect_server() -> Iterator[None]:
    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIGEST_WINDOW_HOURS", "0")
    folder = tmp_path / "in"
    folder.mkdir()
    for topic in TOPICS:
        (folder / f"{topic}.txt").write_text(text_file(topic), encoding="utf-8")
    for n in range(9):
        (folder / f"synthetic{n}.txt").write_text(synthetic(n), encoding="utf-8")
    return folder


def run_flow(sources: Path, outbox: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> str:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings = load_settings(env_file=None)
    daily_flow(settings)(sources=[str(sources)], outbox=str(outbox), date=DAY, force=True)
    message = email.message_from_bytes(
        (outbox / f"digest-{DAY}.eml").read_bytes(), policy=email.policy.default
    )
    return message.get_body(("html",)).get_content()  # type: ignore[union-attr]


def test_processes_threads_and_batch_sizes_give_the_same_email(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_place = run_flow(sources, tmp_path / "one", monkeypatch, DIGEST_WORKERS="0")
    pooled = run_flow(
        sources, tmp_path / "two", monkeypatch, DIGEST_WORKERS="2", DIGEST_BATCH_SIZE="2"
    )
    assert in_place == pooled
    assert "Arclight" in pooled


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_workers(address: str, count: int, timeout: float = 120) -> None:
    from distributed import Client

    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(count, timeout=timeout)


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A real ``dask scheduler`` and two one-thread ``dask worker`` processes on 127.0.0.1:
    the scheduler's address and the file their output goes to."""
    folder = tmp_path_factory.mktemp("dask")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    log_path = folder / "dask.log"
    log = log_path.open("w")
    dask = str(BIN / "dask")
    worker_options = ["--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard"]
    scheduler = spawn(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        env=dict(os.environ),
        cwd=folder,
        log=log,
    )
    workers = []
    try:
        time.sleep(1)
        for _ in range(2):
            workers.append(
                spawn(
                    [dask, "worker", address, *worker_options],
                    env=dict(os.environ),
                    cwd=folder,
                    log=log,
                )
            )
        wait_for_workers(address, 2)
        yield address, log_path
    finally:
        for process in [*workers, scheduler]:
            stop(process)
        log.close()


def test_a_real_dask_cluster_gives_the_same_email(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dask_cluster: tuple[str, Path]
) -> None:
    address, _ = dask_cluster
    local = run_flow(sources, tmp_path / "local", monkeypatch, DIGEST_BATCH_SIZE="3")
    on_cluster = run_flow(
        sources,
        tmp_path / "dask",
        monkeypatch,
        DIGEST_TASK_RUNNER="dask",
        DIGEST_DASK_ADDRESS=address,
    )
    assert on_cluster == local
    assert "Arclight" in on_cluster


def test_dask_workers_use_the_temporary_server_of_the_run(
    sources: Path, tmp_path: Path, dask_cluster: tuple[str, Path]
) -> None:
    """`digest run` without PREFECT_API_URL on a cluster: one temporary API server, started by
    the run; the workers report to it instead of each starting a server of its own."""
    address, log_path = dask_cluster
    before = log_path.read_text(encoding="utf-8", errors="replace")
    output = run_clean(
        [*DIGEST_RUN, "--source", str(sources), "--outbox", str(tmp_path / "out")],
        clean_env(
            tmp_path,
            DIGEST_TASK_RUNNER="dask",
            DIGEST_DASK_ADDRESS=address,
            DIGEST_WINDOW_HOURS="0",
            DIGEST_STATE_DIR=str(tmp_path / "state"),
            DIGEST_BATCH_SIZE="1",
        ),
        tmp_path,
    )
    assert output.count("Starting temporary server") == 1, output[-3000:]
    assert (tmp_path / "out" / f"digest-{DAY}.eml").exists()
    workers_said = log_path.read_text(encoding="utf-8", errors="replace")[len(before) :]
    assert "Finished in state Completed" in workers_said  # the task runs did run there
    assert "temporary server" not in workers_said
    # 13 articles and two worker threads: batches of 4 instead of DIGEST_BATCH_SIZE's 1
    assert workers_said.count("Task run 'summarize_batch-") == 4, workers_said[-3000:]
