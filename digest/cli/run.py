"""Commands that run the newsletter: ``run``, ``serve``, ``web``, ``preview``, ``smtp-sink``."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from digest.errors import ConfigError


@contextmanager
def prefect_errors() -> Iterator[None]:
    """Prefect's API failing (its temporary server not starting in time, a request timing out,
    no server at PREFECT_API_URL) as one line saying what to do."""
    import httpx

    hint = (
        "the machine may be busy: run again, raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
        " / PREFECT_API_REQUEST_TIMEOUT (pyproject [tool.prefect]), or start `prefect server "
        "start` and set PREFECT_API_URL"
    )
    try:
        yield
    except RuntimeError as exc:
        if "Prefect API server" not in str(exc):
            raise
        raise ConfigError(f"Prefect's temporary API server did not start in time; {hint}") from exc
    except httpx.HTTPError as exc:
        raise ConfigError(
            f"the Prefect API did not answer ({type(exc).__name__}: {exc}); {hint}"
        ) from exc


def cmd_run(args: argparse.Namespace) -> int:
    from digest.settings import load_settings

    # Fail fast on bad settings, before Prefect starts.
    settings = load_settings(
        sources=args.sources,
        outbox=args.outbox,
        delivery=args.delivery,
        max_items=args.max_items,
        summarizer=args.method,
    )
    from digest.state import check_database, ensure_state_dir

    check_database(ensure_state_dir(settings.state_dir) / "state.db")  # before Prefect starts
    from flows.serve import run_daily

    with prefect_errors():
        report = run_daily(
            settings,
            sources=args.sources,
            outbox=args.outbox,
            date=args.date,
            delivery=args.delivery,
            max_items=args.max_items,
            summarizer=args.method,
            dry_run=args.dry_run,
            force=args.force,
        )
    for line in report.lines():
        print(line)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from digest.settings import load_settings
    from flows.serve import serve_daily

    settings = load_settings()
    if args.web:
        from flows.serve import serve_with_web

        serve_with_web(settings)
    else:
        serve_daily(settings)
    return 0


def cmd_web(args: argparse.Namespace) -> int:
    import uvicorn

    from digest.settings import load_settings
    from digest.web import create_app

    settings = load_settings(web_host=args.host, web_port=args.port)
    app = create_app(settings)
    print(f"web app on http://{settings.web_host}:{settings.web_port}/ (Ctrl-C to stop)")
    uvicorn.run(
        app, host=settings.web_host, port=settings.web_port, log_level="warning", access_log=False
    )
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    from digest.newsletter.preview import latest_digest, preview
    from digest.settings import load_settings

    outbox = args.outbox or load_settings().outbox
    print(f"HTML preview: {latest_digest(outbox)}")
    for path in preview(outbox, args.output):
        print(f"screenshot: {path}")
    return 0


def cmd_smtp_sink(args: argparse.Namespace) -> int:
    import signal
    import threading

    from digest.delivery.sink import start_sink

    try:
        controller = start_sink(None if args.discard else args.maildir, args.host, args.port)
    except (OSError, RuntimeError) as exc:
        message = f"cannot listen on {args.host}:{args.port} ({exc}); try another --port"
        raise ConfigError(message) from exc
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(
        f"SMTP sink on {args.host}:{args.port}, "
        + ("discarding mail" if args.discard else f"storing mail in {args.maildir}/")
        + " (Ctrl-C to stop)",
        flush=True,
    )
    print(
        f"try: DIGEST_DELIVERY=smtp DIGEST_SMTP_HOST={args.host} DIGEST_SMTP_PORT={args.port} "
        "DIGEST_SMTP_SECURITY=none digest run",
        flush=True,
    )
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()
    print(f"stopped; {controller.handler.count} message(s) received", flush=True)
    return 0
