"""Message: address a rendered digest to a recipient as an RFC 5322 email.

Headers go through the standard library's ``email`` policies (which refuse CR/LF in a header
value); the subject is built by :func:`digest.newsletter.compose.subject_line`, never from
raw input.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses

from digest.errors import ConfigError
from digest.models import RenderedDigest


def parse_address(value: str, setting: str) -> Address:
    """One mailbox (``Name <user@example.com>``) or a :class:`ConfigError` naming the setting."""
    if "\r" in value or "\n" in value:
        raise ConfigError(f"{setting}: an address may not contain line breaks")
    pairs = getaddresses([value])
    if len(pairs) != 1 or "@" not in pairs[0][1]:
        raise ConfigError(
            f"{setting}: {value!r} is not one email address like 'Name <me@example.com>'"
        )
    name, addr = pairs[0]
    local, _, domain = addr.rpartition("@")
    try:
        return Address(display_name=name, username=local, domain=domain)
    except (ValueError, IndexError) as exc:
        raise ConfigError(f"{setting}: {value!r} is not a valid email address ({exc})") from exc


def message_id(digest_id: str, recipient: str, domain: str) -> str:
    """Stable per (digest, recipient): a retried or resumed send carries the same Message-ID."""
    token = hashlib.sha256(f"{digest_id}\x1f{recipient.lower()}".encode()).hexdigest()[:20]
    return f"<digest.{digest_id}.{token}@{domain or 'localhost'}>"


def list_id(name: str, domain: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "digest"
    return f"{_one_line(name)} <{slug}.{domain or 'localhost'}>"


def build_message(
    rendered: RenderedDigest,
    sender: Address,
    recipient: Address,
    now: datetime,
    list_name: str | None = None,
    unsubscribe_mailto: str | None = None,
) -> EmailMessage:
    """multipart/alternative: text/plain first, then text/html; UTF-8 throughout.

    ``rendered`` is the recipient's personalised copy; its unsubscribe URL goes into
    ``List-Unsubscribe`` with the mailto address, and one-click unsubscribe is announced
    (RFC 8058).
    """
    message = EmailMessage(policy=SMTP)
    message["Subject"] = _one_line(rendered.subject)
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(rendered.digest.id, recipient.addr_spec, sender.domain)
    message["MIME-Version"] = "1.0"
    if list_name:
        message["List-Id"] = list_id(list_name, sender.domain)
    targets = []
    if rendered.unsubscribe_url.startswith(("https://", "http://")):
        targets.append(f"<{rendered.unsubscribe_url}>")
    if unsubscribe_mailto:
        targets.append(f"<mailto:{unsubscribe_mailto}?subject=unsubscribe>")
    if targets:
        message["List-Unsubscribe"] = ", ".join(targets)
        if targets[0].startswith("<http"):
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(rendered.text, subtype="plain", charset="utf-8")
    message.add_alternative(rendered.html, subtype="html", charset="utf-8")
    return message


def _one_line(text: str) -> str:
    return " ".join(text.split())
