"""A local SMTP server (aiosmtpd) that keeps what it receives in a Maildir, for trying SMTP
delivery without a mail provider: ``digest smtp-sink --port 8025 --maildir sink/``. With
``--discard`` it only counts what it accepts (``digest bench`` measures the sender, not the
sink's disk)."""

from __future__ import annotations

import mailbox
import threading
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


class MaildirHandler:
    def __init__(self, maildir: Path) -> None:
        self.box = mailbox.Maildir(str(maildir), create=True)
        self.lock = threading.Lock()
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content = envelope.original_content or envelope.content
        raw = content if isinstance(content, bytes) else content.encode("utf-8")
        recipients = ", ".join(envelope.rcpt_tos)
        header = f"X-Sink-Envelope-To: {recipients}\r\n".encode()
        with self.lock:
            self.box.add(header + raw)
            self.count += 1
        return "250 Message accepted for delivery"


class CountingHandler:
    """Accepts every message and keeps only the count."""

    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        return "250 Message accepted for delivery"


def start_sink(maildir: Path | None, host: str = "127.0.0.1", port: int = 8025) -> Controller:
    """The sink on ``host:port``; ``maildir`` None discards (counts) what it accepts."""
    handler = CountingHandler() if maildir is None else MaildirHandler(maildir)
    controller = Controller(handler, hostname=host, port=port)
    controller.start()
    return controller
