"""Message: address a rendered digest to a recipient as an RFC 5322 email.

Nothing from outside reaches a header as it came: the subject, every display name and the list
name go through :func:`digest.text.safety.header_text` (controls, bidi and RFC 2047 encoded-word
syntax neutralised), without relying on the interpreter's ``email`` package to do it. Then
:func:`message_bytes` parses the serialized header block itself and refuses, with a
:class:`DeliveryError`, any message whose headers are not exactly the ones set here; nothing is
written or sent before that check.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, Policy
from email.utils import format_datetime, getaddresses
from urllib.parse import urlsplit

from digest.errors import ConfigError, DeliveryError
from digest.models import RenderedDigest
from digest.newsletter.list_headers import list_unsubscribe
from digest.text.safety import header_text

# Characters with a meaning in an address header; not kept in a display name, so that no folding
# or quoting bug can turn part of a name into an address or a group.
_NAME_SPECIALS = re.compile(r'[\\"<>@:;,\[\]()]')
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})
_FIELD_NAME = re.compile(rb"[!-9;-~]+")  # RFC 5322 ftext: printable ASCII except ":"

# A header set raw (pre-folded, as List-Unsubscribe is) is written as it is, never refolded.
RAW_AS_IS = SMTP.clone(refold_source="none")


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
    return f"{header_text(name)} <{slug}.{domain or 'localhost'}>"


def safe_address(address: Address) -> Address:
    """The address with its display name made header-safe (the addr-spec is validated on load)."""
    name = " ".join(_NAME_SPECIALS.sub(" ", header_text(address.display_name, limit=100)).split())
    if name == address.display_name:
        return address
    return Address(display_name=name, username=address.username, domain=address.domain)


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
    (RFC 8058) when that URL is https.
    """
    message = message_headers(rendered, sender, recipient, now, list_name, unsubscribe_mailto)
    message.set_content(rendered.text, subtype="plain", charset="utf-8")
    message.add_alternative(rendered.html, subtype="html", charset="utf-8")
    return message


def message_headers(
    rendered: RenderedDigest,
    sender: Address,
    recipient: Address,
    now: datetime,
    list_name: str | None = None,
    unsubscribe_mailto: str | None = None,
) -> EmailMessage:
    """The top-level headers of :func:`build_message` (no body yet)."""
    message = EmailMessage(policy=RAW_AS_IS)
    message["Subject"] = subject_header(header_text(rendered.subject))
    message["From"] = safe_address(sender)
    message["To"] = safe_address(recipient)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(rendered.digest.id, recipient.addr_spec, sender.domain)
    message["MIME-Version"] = "1.0"
    if list_name:
        message["List-Id"] = list_id(list_name, sender.domain)
    for name, value in unsubscribe_headers(rendered.unsubscribe_url, unsubscribe_mailto):
        if name == "List-Unsubscribe":
            # pre-folded and set raw: the email package would write a long URL as encoded words
            message.set_raw(name, value)
        else:
            message[name] = value
    return message


ONE_CLICK = ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")


def unsubscribe_headers(url: str, mailto: str | None) -> list[tuple[str, str]]:
    """``List-Unsubscribe`` (pre-folded, to be set raw) and, when one-click is allowed,
    ``List-Unsubscribe-Post``; nothing without a web link or a mailto address."""
    targets = []
    if url.startswith(("https://", "http://")):
        targets.append(url)
    if mailto:
        targets.append(f"mailto:{mailto}?subject=unsubscribe")
    if not targets:
        return []
    headers = [("List-Unsubscribe", list_unsubscribe(targets))]
    if one_click_allowed(url) and targets[0].startswith("http"):
        headers.append(ONE_CLICK)
    return headers


def message_bytes(message: EmailMessage) -> bytes:
    """The message serialized, after checking that its header block holds exactly the headers
    that were set (same names, same order, nothing added) and no control or bidi character."""
    data = message.as_bytes()
    mailboxes = {
        name.lower(): [a.addr_spec for a in message[name].addresses]
        for name in ("From", "To")
        if name in message
    }
    verify_headers(data, list(message.keys()), mailboxes)
    return data


def verify_headers(
    data: bytes, expected: list[str], mailboxes: dict[str, list[str]] | None = None
) -> None:
    """Parse the top-level header block of ``data`` strictly (CRLF lines, RFC 5322 field names,
    folded lines starting with a space or tab) and compare its field names with ``expected``."""
    end = data.find(b"\r\n\r\n")
    if end == -1:
        raise DeliveryError("refused to send a message with no end to its header block")
    block = data[:end]
    names: list[str] = []
    for line in block.split(b"\r\n"):
        if b"\r" in line or b"\n" in line or b"\x00" in line:
            raise DeliveryError("refused to send a message with a bare CR or LF in its headers")
        if line[:1] in (b" ", b"\t") and names:
            continue
        name, colon, _ = line.partition(b":")
        if not colon or not _FIELD_NAME.fullmatch(name):
            raise DeliveryError(
                f"refused to send a message with a malformed header line {line[:60]!r}"
            )
        names.append(name.decode("ascii"))
    if [n.lower() for n in names] != [n.lower() for n in expected]:
        unexpected = sorted({n for n in names if n.lower() not in {e.lower() for e in expected}})
        raise DeliveryError(
            "refused to send a message whose headers are not the ones set "
            f"(unexpected: {', '.join(unexpected) or 'repeated or reordered'}); "
            "a header value from a feed or the subscriber file may be hostile"
        )
    _check_decoded(block, mailboxes or {})


def _check_decoded(block: bytes, mailboxes: dict[str, list[str]]) -> None:
    """No header, once any encoded words in it are decoded, carries a control or bidi char."""
    from email.header import decode_header, make_header

    unfolded = re.sub(rb"\r\n[ \t]", b" ", block).decode("utf-8", "replace")
    for line in unfolded.split("\r\n"):
        name, _, value = line.partition(":")
        try:
            # without an encoded word, decoding an ASCII value gives it back as it is
            plain = value.isascii() and "=?" not in value
            decoded = value if plain else str(make_header(decode_header(value)))
        except (UnicodeDecodeError, LookupError, ValueError) as exc:
            raise DeliveryError(
                f"refused to send a message with an undecodable {name} header"
            ) from exc
        if any(c != " " and unicodedata.category(c) in _HIDDEN for c in decoded):
            raise DeliveryError(
                f"refused to send a message whose {name} header decodes to control characters"
            )
        wanted = mailboxes.get(name.lower())
        if wanted is not None and [a for _, a in getaddresses([decoded])] != wanted:
            raise DeliveryError(
                f"refused to send a message whose {name} header does not hold exactly "
                f"{', '.join(wanted)}; a display name may be hostile"
            )


class _EncodedSubject(str):
    """A non-ASCII subject folded as whole RFC 2047 encoded words. The standard library's
    folder leaves the space before an encoded word at the end of the line and then adds the
    folding space, so a long subject read back gains a double space; whitespace between
    encoded words is not part of the text, so this folding reads back exactly."""

    name = "Subject"

    def fold(self, *, policy: Policy) -> str:
        encoded = Header(str(self), "utf-8", header_name=self.name).encode(
            linesep=policy.linesep, maxlinelen=policy.max_line_length or 78
        )
        return f"{self.name}: {encoded}{policy.linesep}"


def subject_header(subject: str) -> str:
    return subject if subject.isascii() else _EncodedSubject(subject)


def one_click_allowed(url: str) -> bool:
    """RFC 8058 one-click needs HTTPS; plain http only for a loopback host (development)."""
    parts = urlsplit(url)
    return parts.scheme == "https" or (
        parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")
    )


def html_part_size(html: str) -> int:
    """Bytes of the text/html part exactly as :func:`build_message` encodes it (its headers
    and its quoted-printable or base64 body): what Gmail's clipping limit counts."""
    part = EmailMessage(policy=SMTP)
    part.set_content(html, subtype="html", charset="utf-8")
    return len(part.as_bytes())
