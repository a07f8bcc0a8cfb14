"""Deliver: hand the finished digest to its destination.

:class:`Delivery` is the seam: the outbox writes files (the default, no server needed); SMTP
delivery plugs in beside it. Files are written atomically: to a temporary file in the same
folder, flushed to disk, then renamed, so a crash never leaves a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from pathlib import Path
from typing import Protocol

from digest.errors import DeliveryError
from digest.message import build_message
from digest.models import RenderedDigest


@dataclass
class DeliveryReport:
    digest_id: str
    delivered: list[str] = field(default_factory=list)  # recipients reached
    files: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (recipient, reason)

    def __str__(self) -> str:
        where = ", ".join(str(f) for f in self.files) or ", ".join(self.delivered)
        text = f"digest {self.digest_id}: delivered to {len(self.delivered)} recipient(s)"
        if where:
            text += f" -> {where}"
        if self.failed:
            text += f"; {len(self.failed)} failed"
        return text


class Delivery(Protocol):
    def deliver(self, rendered: RenderedDigest) -> DeliveryReport: ...


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class OutboxDelivery:
    """Writes ``digest-YYYY-MM-DD.eml`` and ``digest-YYYY-MM-DD.html`` into the outbox folder."""

    outbox: Path
    sender: Address
    recipient: Address

    def deliver(self, rendered: RenderedDigest) -> DeliveryReport:
        stem = f"digest-{rendered.digest.date.isoformat()}"
        rendered = rendered.personalize()
        message = build_message(rendered, self.sender, self.recipient, datetime.now().astimezone())
        eml = self.outbox / f"{stem}.eml"
        html = self.outbox / f"{stem}.html"
        try:
            atomic_write(eml, message.as_bytes())
            atomic_write(html, rendered.html.encode("utf-8"))
        except OSError as exc:
            raise DeliveryError(
                f"cannot write to outbox {self.outbox} ({exc.strerror}); "
                "check DIGEST_OUTBOX / --outbox points to a writable folder"
            ) from exc
        return DeliveryReport(rendered.digest.id, [str(self.recipient)], [eml, html])
