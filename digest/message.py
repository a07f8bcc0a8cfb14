"""Message: address a rendered digest to a recipient as an RFC 5322 email.

Headers go through the standard library's ``email`` policies (which refuse CR/LF in a header
value); the subject is built by :func:`digest.compose.subject_line`, never from raw input.
"""

from __future__ import annotations

from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses, make_msgid

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


def build_message(
    rendered: RenderedDigest,
    sender: Address,
    recipient: Address,
    now: datetime,
) -> EmailMessage:
    """multipart/alternative: text/plain first, then text/html; UTF-8 throughout."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = rendered.subject
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(idstring=rendered.digest.id, domain=sender.domain or None)
    message["MIME-Version"] = "1.0"
    message.set_content(rendered.text, subtype="plain", charset="utf-8")
    message.add_alternative(rendered.html, subtype="html", charset="utf-8")
    return message
