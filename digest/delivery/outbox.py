"""Deliver: hand the finished digest to its destination.

:class:`Delivery` is the seam: the outbox writes files (the default, no server needed);
:mod:`digest.delivery.smtp` sends through a mail server. Both address one personalised copy per
subscriber (or one digest to ``DIGEST_TO`` when there are no subscribers). Files are written
atomically: to a temporary file in the same folder, flushed to disk, then renamed, so a crash
never leaves a half-written file. The subscribers' files are flushed to disk together (one
``syncfs``), before the manifest that says the set is complete.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from digest.delivery.subscribers import Subscriber
from digest.delivery.tokens import Links
from digest.errors import DeliveryError
from digest.models import RenderedDigest
from digest.newsletter.message import build_message, message_bytes
from digest.newsletter.mime import MessageTemplate
from digest.newsletter.signing import DkimSigner

log = logging.getLogger("digest.delivery.outbox")


@dataclass
class DeliveryReport:
    digest_id: str
    delivered: list[str] = field(default_factory=list)  # recipients reached
    files: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (recipient, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (recipient, reason)
    # handed over, but the server's reply was lost: maybe delivered, not resent (reason)
    uncertain: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        text = (
            f"digest {self.digest_id}: {len(self.delivered)} delivered, "
            f"{len(self.failed)} failed, {len(self.skipped)} skipped"
        )
        if self.uncertain:
            text += f", {len(self.uncertain)} maybe delivered"
        if self.files:
            text += f" -> {self.files[0].parent}"
        return text

    def lines(self) -> list[str]:
        out = [str(self)]
        out += [f"  failed {who}: {why}" for who, why in self.failed]
        out += [f"  maybe delivered {who}: {why}" for who, why in self.uncertain]
        if self.uncertain:
            out.append("  (`digest ledger list` shows them; `digest ledger resend` sends them)")
        out += [f"  skipped {who}: {why}" for who, why in self.skipped]
        return out


class Delivery(Protocol):
    def deliver(self, rendered: RenderedDigest) -> DeliveryReport: ...


@dataclass
class NoActiveSubscribers:
    """The store holds subscribers but none is active: the digest goes to nobody (never to
    ``DIGEST_TO`` instead)."""

    def deliver(self, rendered: RenderedDigest) -> DeliveryReport:
        report = DeliveryReport(rendered.digest.id)
        report.skipped.append(("*", "no active subscriber in the store; nothing sent"))
        return report


@dataclass(frozen=True)
class Envelope:
    """Who the digest is from and how readers leave the list (from settings)."""

    sender: Address
    list_name: str
    unsubscribe_url: str
    unsubscribe_mailto: str | None = None
    links: Links | None = None  # signed web-app links for subscribers from the store
    dkim: DkimSigner | None = None  # DKIM: signs each message once it is fully built


def unsubscribe_link(template: str, subscriber: Subscriber) -> str:
    """The subscriber's own link: ``{email}`` and CSV columns are filled in (URL-quoted);
    without ``{email}`` in the setting, ``email=`` is added to the query."""
    values = {"email": subscriber.email, **subscriber.fields}
    if "{" in template:
        return re.sub(
            r"\{(\w+)\}", lambda m: quote(values.get(m.group(1).lower(), ""), safe=""), template
        )
    joiner = "&" if "?" in template else "?"
    return f"{template}{joiner}email={quote(subscriber.email, safe='')}"


def personal_for(subscriber: Subscriber, envelope: Envelope) -> dict[str, Any]:
    """What :meth:`RenderedDigest.personalize` fills in for the subscriber. One from the store
    gets signed links to the web app (no address in them); one built by hand gets
    ``DIGEST_UNSUBSCRIBE_URL`` filled in."""
    if envelope.links is not None and subscriber.sid:
        unsubscribe = envelope.links.unsubscribe(subscriber.sid)
        preferences: str | None = envelope.links.preferences(subscriber.sid)
    else:
        unsubscribe, preferences = unsubscribe_link(envelope.unsubscribe_url, subscriber), None
    return {
        "name": subscriber.name,
        "email": subscriber.email,
        "unsubscribe_url": unsubscribe,
        "fields": subscriber.fields,
        "preferences_url": preferences,
    }


def addressed(
    rendered: RenderedDigest, subscriber: Subscriber, envelope: Envelope
) -> RenderedDigest:
    """The subscriber's copy (see :func:`personal_for`)."""
    return rendered.personalize(**personal_for(subscriber, envelope))


def message_template(envelope: Envelope) -> MessageTemplate:
    """One digest's messages, built once and filled in per recipient (same bytes)."""
    return MessageTemplate(envelope.sender, envelope.list_name, envelope.unsubscribe_mailto)


def message_for(
    rendered: RenderedDigest,
    subscriber: Subscriber,
    envelope: Envelope,
    now: datetime,
    template: MessageTemplate | None = None,
) -> bytes:
    """The subscriber's finished message; with ``template`` (one per digest and delivery) the
    same bytes, built faster."""
    if template is not None:
        personal = rendered.personal(**personal_for(subscriber, envelope))
        return finished(template.addressed(rendered, personal, subscriber.address, now), envelope)
    copy = addressed(rendered, subscriber, envelope)
    message = build_message(
        copy,
        envelope.sender,
        subscriber.address,
        now,
        envelope.list_name,
        envelope.unsubscribe_mailto,
    )
    return finished(message_bytes(message), envelope)  # headers verified, then signed


def finished(data: bytes, envelope: Envelope) -> bytes:
    """The message as sent: DKIM-signed when a key is set, after everything else (the header
    check of :func:`message_bytes` included)."""
    return envelope.dkim.sign(data) if envelope.dkim else data


def atomic_write(path: Path, data: bytes, sync: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one.
    ``sync=False`` leaves flushing it to disk to a later :func:`sync_files`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


STALE_PART_SECONDS = 15 * 60  # an atomic write takes milliseconds; older .part files are dead


def remove_stale_parts(folder: Path, older_than: float = STALE_PART_SECONDS) -> list[Path]:
    """Delete the ``.part`` files a killed :func:`atomic_write` left in ``folder`` and its
    digest folders (only those older than ``older_than`` seconds: a live write keeps its own)."""
    if not folder.is_dir():
        return []
    cutoff = time.time() - older_than
    removed = []
    for path in [*folder.glob(".*.part"), *folder.glob("digest-*/.*.part")]:
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except FileNotFoundError:
            continue
    return removed


def sync_files(folder: Path, paths: list[Path]) -> None:
    """Make files written with ``sync=False`` durable, all at once: one ``syncfs`` of the
    folder's file system on Linux (data and renames), else an fsync of each file and the
    folder."""
    libc = _libc()
    if libc is not None:
        fd = os.open(folder, os.O_RDONLY)
        try:
            if libc.syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _libc() -> Any:
    try:
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc if hasattr(libc, "syncfs") else None
    except OSError:
        return None


def safe_name(email: str) -> str:
    return re.sub(r"[^A-Za-z0-9@._+-]", "_", email.lower())


@dataclass
class OutboxDelivery:
    """Files in the outbox folder, for the digest's date ``D``:

    - ``digest-D.html``: the browser preview;
    - ``digest-D.eml`` (no subscribers) or ``digest-D/<email>.eml`` (one per subscriber);
    - ``digest-D.json``: the manifest (digest id, date, articles, recipients, files), written
      last, so its presence means the set is complete. A date whose manifest exists is not
      written again unless ``force``.
    """

    outbox: Path
    envelope: Envelope
    default_recipient: Address
    subscribers: list[Subscriber] = field(default_factory=list)
    force: bool = False

    def deliver(self, rendered: RenderedDigest) -> DeliveryReport:
        stem = f"digest-{rendered.digest.date.isoformat()}"
        manifest = self.outbox / f"{stem}.json"
        report = DeliveryReport(rendered.digest.id)
        try:
            for part in remove_stale_parts(self.outbox):
                log.warning("removed %s, a half-written file left by a killed run", part)
        except OSError as exc:
            log.warning("could not clean up half-written files in %s: %s", self.outbox, exc)
        if manifest.exists() and not self.force:
            report.skipped.append(
                (
                    "*",
                    f"{manifest} exists: this date was delivered already "
                    "(use --force to write it again)",
                )
            )
            return report
        now = datetime.now().astimezone()
        try:
            preview = self.outbox / f"{stem}.html"
            atomic_write(preview, rendered.personalize().html.encode("utf-8"))
            report.files.append(preview)
            if self.subscribers:
                written: list[Path] = []
                template = message_template(self.envelope)
                for subscriber in self.subscribers:
                    path = self.outbox / stem / f"{safe_name(subscriber.email)}.eml"
                    try:
                        data = message_for(rendered, subscriber, self.envelope, now, template)
                    except DeliveryError as exc:  # this reader's message is refused, not written
                        report.failed.append((subscriber.email, str(exc)))
                        continue
                    atomic_write(path, data, sync=False)
                    written.append(path)
                    report.files.append(path)
                    report.delivered.append(subscriber.email)
                # Every file is on disk before the manifest says the set is complete.
                if written:
                    sync_files(self.outbox / stem, written)
            else:
                copy = rendered.personalize()
                message = build_message(
                    copy,
                    self.envelope.sender,
                    self.default_recipient,
                    now,
                    self.envelope.list_name,
                    self.envelope.unsubscribe_mailto,
                )
                path = self.outbox / f"{stem}.eml"
                atomic_write(path, finished(message_bytes(message), self.envelope))
                report.files.append(path)
                report.delivered.append(self.default_recipient.addr_spec)
            atomic_write(
                manifest,
                json.dumps(manifest_data(rendered, report), indent=2, ensure_ascii=False).encode(
                    "utf-8"
                ),
            )
            report.files.append(manifest)
        except OSError as exc:
            raise DeliveryError(
                f"cannot write to outbox {self.outbox} ({exc.strerror}); "
                "check DIGEST_OUTBOX / --outbox points to a writable folder"
            ) from exc
        return report


def manifest_data(rendered: RenderedDigest, report: DeliveryReport) -> dict[str, object]:
    digest = rendered.digest
    return {
        "digest_id": digest.id,
        "date": digest.date.isoformat(),
        "subject": rendered.subject,
        "articles": [
            {"title": item.article.title, "url": item.article.url, "source": item.article.source}
            for item in digest.items
        ],
        "recipients": report.delivered,
        "files": [
            p.name if p.parent == report.files[0].parent else f"{p.parent.name}/{p.name}"
            for p in report.files
        ],
    }
