"""The delivery half of ``digest bench``: SMTP with the ledger to a local sink, the plain
smtplib floor to the same sink, and the outbox's files, each to M subscribers.

The sink (``digest smtp-sink``, aiosmtpd) runs in a process of its own, as a mail server does:
in the bench's process it would take turns on the GIL with the sender it measures, and slow
the floor and the send alike."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

FLOOR_MESSAGES = 2000  # enough for a steady rate; the floor does not depend on M


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def sink_process(port: int) -> Iterator[None]:
    """``digest smtp-sink --discard`` on 127.0.0.1:``port`` in a child process, until the block
    ends: it accepts each message and keeps nothing, so the figures are the sender's."""
    command = [sys.executable, "-m", "digest", "smtp-sink", "--port", str(port), "--discard"]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        if "SMTP sink on" not in process.stdout.readline():
            raise RuntimeError(f"the bench's SMTP sink did not start on port {port}")
        yield
    finally:
        stop_process(process)


def stop_process(process: subprocess.Popen[Any]) -> None:
    """End a child the bench started: SIGTERM, then a kill if it has not gone in 30 s."""
    process.send_signal(signal.SIGTERM)
    try:
        process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()


def delivery_rates(rendered: Any, settings: Any, folder: Path, count: int) -> dict[str, float]:
    from digest.delivery.outbox import OutboxDelivery, message_for
    from digest.delivery.smtp import SmtpConfig, SmtpDelivery
    from digest.delivery.subscribers import load_subscribers
    from digest.evaluation.bench import send_floor, write_subscribers
    from digest.newsletter.message import parse_address
    from digest.pipeline.stages import envelope_from
    from digest.state import StateStore

    subscribers, _ = load_subscribers(write_subscribers(folder / "subscribers.csv", count))
    envelope = envelope_from(settings)
    default = parse_address(settings.to_address, "DIGEST_TO")
    port = free_port()
    with sink_process(port):
        config = SmtpConfig(host="127.0.0.1", port=port, security="none", retries=0)
        store = StateStore(folder / "smtp-state")
        smtp = SmtpDelivery(config, envelope, store, default, subscribers)
        start = time.perf_counter()
        report = smtp.deliver(rendered)
        send_s = time.perf_counter() - start
        data = message_for(rendered, subscribers[0], envelope, datetime.now().astimezone())
        floor_count = min(count, FLOOR_MESSAGES)
        floor = send_floor("127.0.0.1", port, envelope.sender.addr_spec, data, floor_count)
    outbox = OutboxDelivery(folder / "outbox", envelope, default, subscribers, force=True)
    start = time.perf_counter()
    written = outbox.deliver(rendered)
    outbox_s = time.perf_counter() - start
    return {
        "sent": len(report.delivered),
        "send_per_s": round(len(report.delivered) / send_s, 1),
        "smtp_floor_per_s": round(floor, 1),
        "send_vs_floor": round(len(report.delivered) / send_s / floor, 3),
        "outbox_files_per_s": round(len(written.delivered) / outbox_s, 1),
    }
