"""The guarded network backend over real TLS on 127.0.0.1: the connection goes to the checked
address while SNI and the certificate check keep the URL's host name."""

from __future__ import annotations

import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpcore
import pytest

from digest.sources.netguard import AddressPolicy, BlockedAddress, GuardedBackend
from tests.smtp_server import make_certificate


class Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = f"host={self.headers['Host']}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_tls_through_the_guarded_backend_keeps_sni_and_the_certificate_check(
    tmp_path: Path,
) -> None:
    cert, key = make_certificate(tmp_path)  # valid for localhost and 127.0.0.1
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[func-returns-value]
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    client_context = ssl.create_default_context(cafile=str(cert))
    try:
        allowed = AddressPolicy.from_entries(["localhost"])
        with httpcore.ConnectionPool(
            ssl_context=client_context, network_backend=GuardedBackend(allowed)
        ) as pool:
            response = pool.request("GET", f"https://localhost:{port}/")
        assert response.status == 200 and response.content == f"host=localhost:{port}".encode()
        assert names == ["localhost"]
        with (
            httpcore.ConnectionPool(
                ssl_context=client_context, network_backend=GuardedBackend(AddressPolicy())
            ) as pool,
            pytest.raises(BlockedAddress, match="localhost resolves to"),
        ):
            pool.request("GET", f"https://localhost:{port}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
