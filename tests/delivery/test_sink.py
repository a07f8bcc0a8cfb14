from __future__ import annotations

import mailbox
import signal
import smtplib
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

from tests.smtp_server import free_port


def run_sink(port: int, *options: str) -> tuple[str, int]:
    """Start ``digest smtp-sink``, send it one message, stop it: (its output, its exit code)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "digest", "smtp-sink", "--port", str(port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert "SMTP sink on 127.0.0.1" in first
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "a@example.com", "b@example.com", "Hi"
        message.set_content("hello")
        for _ in range(50):
            try:
                with smtplib.SMTP("127.0.0.1", port, timeout=5) as client:
                    client.send_message(message)
                break
            except ConnectionRefusedError:
                time.sleep(0.1)
    finally:
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=20)
    return first + out, process.returncode


def test_smtp_sink_command_stores_mail_in_a_maildir(tmp_path: Path) -> None:
    maildir = tmp_path / "sink"
    out, code = run_sink(free_port(), "--maildir", str(maildir))
    assert code == 0
    assert "1 message(s) received" in out
    [stored] = list(mailbox.Maildir(str(maildir)))
    assert stored["Subject"] == "Hi" and stored["X-Sink-Envelope-To"] == "b@example.com"


def test_smtp_sink_discard_accepts_and_keeps_nothing(tmp_path: Path) -> None:
    maildir = tmp_path / "sink"
    out, code = run_sink(free_port(), "--maildir", str(maildir), "--discard")
    assert code == 0
    assert "discarding mail" in out and "1 message(s) received" in out
    assert not maildir.exists()
