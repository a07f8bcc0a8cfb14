"""Serve the ``daily-digest/daily`` deployment: a schedule from the settings, and runs on demand
with ``prefect deployment run 'daily-digest/daily' --param outbox=/some/dir``."""

from __future__ import annotations

from typing import Any

from prefect.schedules import Cron

from digest.settings import Settings
from flows.daily_digest import daily_digest
from flows.runtime import api_for_workers, patient_api, task_runner_for

DEPLOYMENT = "daily"


def daily_flow(settings: Settings) -> Any:
    """The flow with the task runner the settings ask for."""
    return daily_digest.with_options(task_runner=task_runner_for(settings))


def run_daily(settings: Settings, **parameters: Any) -> Any:
    """One run of the flow in this process (``digest run``, the benches): on Dask, its workers
    report to the same Prefect API as the flow (:func:`flows.runtime.api_for_workers`)."""
    with patient_api(), api_for_workers(settings):
        return daily_flow(settings)(**parameters)


def serve_daily(settings: Settings) -> None:
    """Register the deployment with the Prefect API and run its flow runs until stopped.

    ``Cron`` carries the time zone (``serve(cron=...)`` takes none). Stopping ``serve`` pauses
    the schedule (``pause_on_shutdown``): no runs pile up while nothing can run them. One run
    at a time: ``global_limit=1`` is the deployment's concurrency limit (across every server
    of it), ``limit=1`` this runner's; a run that overlaps another waits for its slot. The
    state directory's run lock (:func:`digest.state.run_lock`) also covers a manual
    ``digest run`` beside the served one.
    """
    with patient_api():
        _serve(settings)


def _serve(settings: Settings) -> None:
    daily_flow(settings).serve(
        name=DEPLOYMENT,
        schedules=[Cron(settings.schedule_cron, timezone=settings.timezone)],
        description="The daily 'What you need to know' digest.",
        tags=["digest"],
        pause_on_shutdown=True,
        global_limit=1,
        limit=1,
    )


def serve_with_web(settings: Settings) -> None:
    """The deployment and the web app side by side: uvicorn in a thread on
    ``DIGEST_WEB_HOST:DIGEST_WEB_PORT``, stopped when ``serve`` returns (Ctrl-C)."""
    import contextlib
    import threading
    import time

    import uvicorn

    from digest.errors import ConfigError
    from digest.web import create_app

    config = uvicorn.Config(
        create_app(settings),
        host=settings.web_host,
        port=settings.web_port,
        log_level="warning",
        access_log=False,  # the paths hold signed tokens
    )
    server = uvicorn.Server(config)

    def run_web() -> None:
        # uvicorn that cannot listen exits its thread: the loop below says so once, with no
        # traceback from the thread
        with contextlib.suppress(SystemExit, OSError):
            server.run()

    thread = threading.Thread(target=run_web, name="digest-web", daemon=True)
    thread.start()
    while not server.started:  # bounded: the thread ends when uvicorn cannot start
        if not thread.is_alive():
            raise ConfigError(
                f"the web app could not listen on {settings.web_host}:{settings.web_port}; "
                "set DIGEST_WEB_HOST / DIGEST_WEB_PORT to a free address"
            )
        time.sleep(0.05)
    try:
        serve_daily(settings)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
