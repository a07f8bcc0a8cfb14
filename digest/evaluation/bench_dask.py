"""The daily flow on N articles with the local runner, then on a real Dask cluster (``dask
scheduler`` and ``dask worker --nworkers 2`` on 127.0.0.1, through ``DIGEST_DASK_ADDRESS``):
the seconds of each and whether the emails are the same.

    .venv/bin/python -m digest.evaluation.bench_dask --articles 1000 \\
        --input ../shared/data/summaries-dev.jsonl [--cold-workers]

Each run has a state folder of its own, so the Dask run reuses no cached batch of the local one.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from digest.evaluation.bench_delivery import free_port, stop_process

DAY = date(2026, 11, 29)
BIN = Path(sys.executable).parent


def html_of(outbox: Path) -> str:
    data = (outbox / f"digest-{DAY}.eml").read_bytes()
    message = email.message_from_bytes(data, policy=email.policy.default)
    return str(message.get_body(("html",)).get_content())  # type: ignore[union-attr]


def flow_seconds(source: Path, folder: Path, max_items: int, **env: str) -> float:
    from digest.settings import load_settings
    from flows.serve import run_daily

    os.environ.update(DIGEST_STATE_DIR=str(folder / "state"), **env)
    settings = load_settings(env_file=None, sources=[str(source)], max_items=max_items)
    start = time.perf_counter()
    run_daily(settings, sources=[str(source)], outbox=str(folder / "outbox"), date=DAY, force=True)
    return time.perf_counter() - start


def cluster(folder: Path, port: int, preload: bool) -> list[subprocess.Popen[bytes]]:
    """A scheduler and two one-thread workers; with ``preload``, each worker imports the
    pipeline when it starts (``--preload flows.daily_digest``, as a long-lived cluster would
    be started: docs/flow.md), not when its first task arrives."""
    log = (folder / "dask.log").open("wb")
    address = f"tcp://127.0.0.1:{port}"
    dask = str(BIN / "dask")
    scheduler_cmd = [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port)]
    worker_cmd = [dask, "worker", address, "--host", "127.0.0.1", "--nworkers", "2"]
    scheduler = subprocess.Popen(
        [*scheduler_cmd, "--no-dashboard"], stdout=log, stderr=subprocess.STDOUT, cwd=folder
    )
    worker = subprocess.Popen(
        [*worker_cmd, "--nthreads", "1", "--no-dashboard"]
        + (["--preload", "flows.daily_digest"] if preload else []),
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=folder,
    )
    from distributed import Client

    with Client(address, timeout=120) as client:
        client.wait_for_workers(2, timeout=120)
    return [worker, scheduler]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--input", type=Path, default=Path("../shared/data/summaries-dev.jsonl"))
    parser.add_argument(
        "--cold-workers",
        action="store_true",
        help="workers import the pipeline on their first task (no --preload)",
    )
    args = parser.parse_args()
    from prefect import flow

    from digest.evaluation.bench import bench_rows

    rows = [json.loads(line) for line in args.input.read_text("utf-8").splitlines() if line]
    max_items = min(200, args.articles)
    with tempfile.TemporaryDirectory(prefix="digest-bench-dask-") as tmp:
        folder = Path(tmp)
        os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "300")
        os.environ.update(DIGEST_WINDOW_HOURS="0", DIGEST_MAX_ITEMS=str(max_items))
        source = folder / "articles.jsonl"
        lines = (json.dumps(r, ensure_ascii=False) for r in bench_rows(rows, args.articles))
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")

        @flow(name="bench-warm-up")
        def warm_up() -> int:
            return 1

        warm_up()  # Prefect's temporary server is up before either clock starts
        local_s = flow_seconds(source, folder / "local", max_items, DIGEST_TASK_RUNNER="thread")
        port = free_port()
        processes = cluster(folder, port, preload=not args.cold_workers)
        try:
            dask_s = flow_seconds(
                source,
                folder / "dask",
                max_items,
                DIGEST_TASK_RUNNER="dask",
                DIGEST_DASK_ADDRESS=f"tcp://127.0.0.1:{port}",
            )
        finally:
            for process in processes:
                stop_process(process)
        same = html_of(folder / "local" / "outbox") == html_of(folder / "dask" / "outbox")
    figures = {
        "articles": args.articles,
        "workers_preloaded": not args.cold_workers,
        "local_s": round(local_s, 2),
        "dask_s": round(dask_s, 2),
        "dask_vs_local": round(dask_s / local_s, 3),
        "same_email": same,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
