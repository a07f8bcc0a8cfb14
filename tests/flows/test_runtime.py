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
from tests.flows.processes import spawn, stop

pytestmark = pytest.mark.slow
DAY = date(2026, 11, 29)
BIN = Path(sys.executable).parent


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


def test_a_real_dask_cluster_gives_the_same_email(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = (tmp_path / "dask.log").open("w")
    scheduler = spawn(
        [
            str(BIN / "dask"),
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-dashboard",
        ],
        env=dict(os.environ),
        cwd=tmp_path,
        log=log,
    )
    workers = []
    try:
        time.sleep(1)
        for _ in range(2):
            workers.append(
                spawn(
                    [
                        str(BIN / "dask"),
                        "worker",
                        address,
                        "--host",
                        "127.0.0.1",
                        "--nthreads",
                        "1",
                        "--no-dashboard",
                    ],
                    env=dict(os.environ),
                    cwd=tmp_path,
                    log=log,
                )
            )
        wait_for_workers(address, 2)
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
    finally:
        for process in [*workers, scheduler]:
            stop(process)
        log.close()
