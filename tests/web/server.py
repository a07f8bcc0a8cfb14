"""The real web app over HTTP on 127.0.0.1: uvicorn in a thread on a free port."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn

from digest.settings import Settings
from digest.web import create_app


@contextmanager
def running_app(settings: Settings, port: int) -> Iterator[str]:
    """Serve the app for ``settings`` (whose public URL should be this port's) until the end of
    the block; yields its base URL."""
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="test-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the web app did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def form_of(page: httpx.Response) -> tuple[str, dict[str, str]]:
    """The action and hidden fields of the page's (only) form."""
    action = re.search(r'<form method="post" action="([^"]+)"', page.text)
    assert action, f"no form in the page: {page.text[:300]}"
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text))
    return action.group(1), hidden
