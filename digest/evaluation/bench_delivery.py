"""The delivery half of ``digest bench``: SMTP with the ledger to a local sink, the plain
smtplib floor to the same sink, and the outbox's files, each to M subscribers."""

from __future__ import annotations

import socket
import time
from datetime import datetime
from pathlib import Path
from typing import Any

FLOOR_MESSAGES = 2000  # enough for a steady rate; the floor does not depend on M


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def delivery_rates(rendered: Any, settings: Any, folder: Path, count: int) -> dict[str, float]:
    from digest.delivery.outbox import OutboxDelivery, message_for
    from digest.delivery.sink import start_sink
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
    sink = start_sink(folder / "maildir", "127.0.0.1", port)
    try:
        config = SmtpConfig(host="127.0.0.1", port=port, security="none", retries=0)
        store = StateStore(folder / "smtp-state")
        smtp = SmtpDelivery(config, envelope, store, default, subscribers)
        start = time.perf_counter()
        report = smtp.deliver(rendered)
        send_s = time.perf_counter() - start
        data = message_for(rendered, subscribers[0], envelope, datetime.now().astimezone())
        floor_count = min(count, FLOOR_MESSAGES)
        floor = send_floor("127.0.0.1", port, envelope.sender.addr_spec, data, floor_count)
    finally:
        sink.stop()
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
