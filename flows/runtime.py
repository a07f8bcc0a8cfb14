"""How the flow runs: task runner, result storage, and Prefect's ephemeral-mode settings."""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from prefect.cache_policies import INPUTS, TASK_SOURCE
from prefect.task_runners import ThreadPoolTaskRunner

from digest.errors import DigestError, StateError
from digest.pipeline.workers import Workers, default_workers
from digest.settings import Settings
from digest.state import ensure_state_dir

# Per-article work is cached by content: the same articles with the same options give the same
# summaries and quotes, so a re-run the same day reuses them (Prefect's default policy also keys
# on the run id, which would cache within one run only).
# How many processes run a batch does not change its result, so it is not part of the key.
CONTENT_CACHE = (INPUTS - "processes") + TASK_SOURCE
CACHE_EXPIRATION = timedelta(hours=36)
# Cleaning an article costs a tenth of summarizing it: its batches are this many times larger.
CLEAN_BATCH_FACTOR = 4

_POOLS: dict[int, Workers] = {}
_POOLS_LOCK = threading.Lock()


def worker_processes(settings: Settings) -> int:
    """Processes for the per-article batches: ``DIGEST_WORKERS`` (default: one per core) on
    the thread runner; none on Dask, whose workers are processes already."""
    if settings.task_runner == "dask":
        return 0
    return default_workers() if settings.workers is None else settings.workers


def article_workers(processes: int) -> Workers:
    """One pool per process count, shared by all batch tasks of this process (their threads
    submit to it and wait), started on first use and shut down when the process exits. In a
    worker process of its own (a Dask worker is one, and may not start processes) the batch
    runs in place."""
    if processes < 2 or multiprocessing.current_process().daemon:
        return Workers(0)
    with _POOLS_LOCK:
        pool = _POOLS.get(processes)
        if pool is None:
            pool = _POOLS[processes] = Workers(processes)
            atexit.register(pool.close)
        return pool


def quiet_ephemeral_server() -> None:
    """In ephemeral mode (no PREFECT_API_URL), Prefect starts a temporary API server and
    terminates it as soon as the flow ends. Its task-run recorder is usually still flushing
    task-run events then, and logs ``Error flushing ... CancelledError`` tracebacks. Nobody can
    look at task runs in a server that is gone, so the recorder is switched off for it; a real
    server (``prefect server start``) is not affected."""
    from prefect.settings import get_current_settings

    if get_current_settings().api.url is None:
        os.environ.setdefault("PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED", "false")


class _OneLineDigestErrors(logging.Filter):
    """Prefect logs a failed flow or task run with its traceback. A
    :class:`~digest.errors.DigestError` is a failure on purpose whose message says what to
    do: it is logged on one line, without the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], DigestError):
            record.exc_info = None
            record.exc_text = None
        return True


def one_line_digest_errors() -> None:
    for name in ("prefect.flow_runs", "prefect.task_runs"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _OneLineDigestErrors) for f in logger.filters):
            logger.addFilter(_OneLineDigestErrors())


# Prefect's defaults (20 s to start its temporary API server, 60 s for a request) fail on a busy
# 2-core machine, and its server's telemetry fails without internet access, logging an ERROR
# (or, when two runs start at once, a "database is locked" traceback) in every run.
# pyproject.toml's [tool.prefect] sets all three, but Prefect reads that file only in the
# working directory; these apply wherever `digest` runs, unless the user set a value
# (environment, profile or a pyproject.toml).
RUN_DEFAULTS: dict[str, tuple[str, float | bool]] = {
    "server.ephemeral.startup_timeout_seconds": (
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS",
        180,
    ),
    "api.request_timeout": ("PREFECT_API_REQUEST_TIMEOUT", 180.0),
    "server.analytics_enabled": ("PREFECT_SERVER_ANALYTICS_ENABLED", False),
}


@contextmanager
def patient_api() -> Iterator[None]:
    """Prefect's settings of :data:`RUN_DEFAULTS` where the user set none: in this process (a
    settings context, read when the temporary server starts and clients are made) and in the
    processes it starts (their environment: the temporary server, a served flow run)."""
    from prefect.settings import temporary_settings

    defaults = {accessor: value for accessor, (_, value) in RUN_DEFAULTS.items()}
    with temporary_settings(set_defaults=defaults) as current:
        for accessor, (variable, _) in RUN_DEFAULTS.items():
            section, field = accessor.rsplit(".", 1)
            model: Any = current
            for part in section.split("."):
                model = getattr(model, part)
            os.environ.setdefault(variable, str(getattr(model, field)).lower())
        yield


@contextmanager
def api_for_workers(settings: Settings) -> Iterator[None]:
    """One Prefect API for the flow and its Dask workers.

    Without ``PREFECT_API_URL`` (ephemeral mode) Prefect starts a temporary API server in
    whichever process first needs a client. On Dask the task runs happen in the workers'
    processes, so each worker would start a temporary server of its own (tens of seconds on
    a busy machine, on every worker) and record its task runs where nobody sees them. Here
    the flow's process starts the one temporary server and the run uses its address, which
    Prefect sends to the workers with every task (the task's settings context). With an API
    URL set, or on the thread runner, nothing changes."""
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    if settings.task_runner != "dask" or get_current_settings().api.url:
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()  # stopped when this process exits, as Prefect's own temporary server
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield


def batch_size(settings: Settings, count: int, factor: int = 1) -> int:
    """Articles per task for ``count`` articles: ``DIGEST_BATCH_SIZE`` (times ``factor``). On
    Dask a task run costs the worker most of a second of Prefect's own work (its client, its
    settings, its context), so batches are larger there: at most about two per worker thread
    of the cluster, so the work still spreads over every thread."""
    size = settings.batch_size * factor
    if settings.task_runner != "dask":
        return size
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    runner = getattr(context, "task_runner", None) if context else None
    client = getattr(runner, "client", None)
    if client is None:
        return size
    threads = max(1, sum(client.nthreads().values()))
    return max(size, -(-count // (2 * threads)))


def task_runner_for(settings: Settings) -> Any:
    """Threads on this machine, or a Dask cluster (an existing one by address, else local)."""
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": 2,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    return ThreadPoolTaskRunner(max_workers=4)


def result_storage(settings: Settings) -> Path:
    """Cached results live under the state directory (``prefect-results/``). The storage goes
    with each task (Dask pickles it to the workers), so no task run has to load a saved block
    from the API first (one request per task run, most of a Dask task's start): a path, which
    Prefect reads as a local file system."""
    path = (ensure_state_dir(settings.state_dir) / "prefect-results").resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StateError(
            f"cannot use {path} ({exc.strerror}); set DIGEST_STATE_DIR to a writable folder"
        ) from exc
    return path
