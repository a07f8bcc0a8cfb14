"""The sign-up confirmation: a name typed into the web form never becomes a header."""

from __future__ import annotations

from email.headerregistry import Address
from pathlib import Path

from digest.settings import load_settings
from digest.web.mail import send_confirmation
from tests.delivery.test_header_injection import HOSTILE, header_names
from tests.smtp_server import smtp_server

EXPECTED = [
    "Subject",
    "From",
    "To",
    "Date",
    "Message-ID",
    "Auto-Submitted",
    "Content-Type",
    "Content-Transfer-Encoding",
    "MIME-Version",
]
NAME = f"{HOSTILE} \u202eEve"


def test_a_hostile_sign_up_name_in_the_outbox_and_over_smtp(tmp_path: Path) -> None:
    recipient = Address(display_name=NAME, username="eve", domain="example.com")
    outbox = load_settings(env_file=None, outbox=str(tmp_path / "out"))
    send_confirmation(outbox, recipient, "https://example.com/confirm/x")
    [path] = (tmp_path / "out" / "confirmations").iterdir()
    data = path.read_bytes()
    assert header_names(data) == EXPECTED
    assert b"\xe2\x80\xae" not in data.split(b"\r\n\r\n")[0]
    with smtp_server(tmp_path) as server:
        smtp = load_settings(
            env_file=None,
            delivery="smtp",
            smtp_host="127.0.0.1",
            smtp_port=server.port,
            smtp_security="none",
        )
        send_confirmation(smtp, recipient, "https://example.com/confirm/x")
    [received] = server.received
    assert received.rcpt_tos == ["eve@example.com"]
    assert header_names(received.data) == EXPECTED
