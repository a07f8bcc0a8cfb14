"""A real SMTP server (aiosmtpd) on 127.0.0.1 for tests, with scripted misbehaviour."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from email.policy import default
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "digest-user", "s3cret-Pa55word!"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> Message:
        return message_from_bytes(self.data, policy=default)


@dataclass
class Script:
    """What the server does: replies for RCPT per address (consumed in order), DATA replies,
    and faults, each a count of how many times it happens:

    - ``drop_rcpt``: drop the connection at RCPT, before any message is sent (safe to retry);
    - ``drop_data``: drop it after the message arrived, without keeping it or replying;
    - ``keep_and_drop``: keep the message, then drop the connection before the 250 (the
      ambiguous case: delivered, but the client cannot know);
    - ``keep_and_drop_for``: addresses whose messages are always kept and then dropped.
    """

    rcpt: dict[str, list[str]] = field(default_factory=dict)
    data: list[str] = field(default_factory=list)
    drop_rcpt: int = 0
    drop_data: int = 0
    keep_and_drop: int = 0
    keep_and_drop_for: set[str] = field(default_factory=set)


class Handler:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.received: list[Received] = []
        self.attempts: dict[str, int] = {}

    async def handle_RCPT(
        self,
        server: Any,
        session: Any,
        envelope: Any,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        self.attempts[address] = self.attempts.get(address, 0) + 1
        if self.script.drop_rcpt > 0:
            self.script.drop_rcpt -= 1
            server.transport.close()
            return "421 closing"
        replies = self.script.rcpt.get(address)
        if replies:
            reply = replies.pop(0)
            if reply:
                return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.script.drop_data > 0:
            self.script.drop_data -= 1
            server.transport.close()
            return "421 closing"
        if self.script.data:
            reply = self.script.data.pop(0)
            if reply:
                return reply
        content = envelope.original_content or envelope.content
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), content))
        if self.script.keep_and_drop > 0 or self.script.keep_and_drop_for & set(envelope.rcpt_tos):
            self.script.keep_and_drop = max(0, self.script.keep_and_drop - 1)
            server.transport.close()  # kept it, but the client never hears so
            return "250 never heard"
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost (the fixture's private CA)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _authenticate(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD
    )
    return AuthResult(success=ok, handled=False)


@dataclass
class Server:
    controller: Controller
    handler: Handler
    port: int
    cert: Path | None

    @property
    def received(self) -> list[Received]:
        return self.handler.received


@contextmanager
def smtp_server(
    tmp_path: Path, script: Script | None = None, tls: str = "none", auth: bool = False
) -> Iterator[Server]:
    """``tls``: none, starttls (required) or ssl (implicit TLS)."""
    handler = Handler(script or Script())
    port = free_port()
    cert = key = None
    kwargs: dict[str, Any] = {}
    ssl_context = None
    if tls != "none":
        cert, key = make_certificate(tmp_path)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        if tls == "starttls":
            kwargs.update(tls_context=context, require_starttls=True)
        else:
            ssl_context = context
    if auth:
        kwargs.update(
            authenticator=_authenticate, auth_required=True, auth_require_tls=tls == "starttls"
        )  # ssl: already encrypted
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, ssl_context=ssl_context, **kwargs
    )
    controller.start()
    try:
        yield Server(controller, handler, port, cert)
    finally:
        controller.stop()
