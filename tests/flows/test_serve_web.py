"""``digest serve --web``: the web app must be listening before the deployment is served."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from digest.errors import ConfigError
from digest.settings import load_settings
from flows.serve import serve_with_web


def test_a_busy_web_port_stops_serve_with_one_clear_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        settings = load_settings(env_file=None, state_dir=str(tmp_path / "state"), web_port=port)
        crashed: list[object] = []  # what the web thread left unhandled (printed as a traceback)
        hook, threading.excepthook = threading.excepthook, crashed.append
        try:
            with pytest.raises(ConfigError, match=f"127.0.0.1:{port}.*DIGEST_WEB_PORT"):
                serve_with_web(settings)
        finally:
            threading.excepthook = hook
        assert crashed == []
