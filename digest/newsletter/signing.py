"""DKIM: sign each finished message (dkimpy) so mailbox providers can tell it is the domain's.

The key is a PEM RSA private key (PKCS#1, ``BEGIN RSA PRIVATE KEY``) read from
``DIGEST_DKIM_KEY_FILE``; its public half is published in DNS as ``SELECTOR._domainkey.DOMAIN``
(docs/email.md). Signing is the last step of building a message: nothing may change it after.
The key is never logged or shown in a repr.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import dkim

from digest.errors import ConfigError

# Signed when present: the fields a reader sees and the ones RFC 8058 wants covered.
SIGNED_HEADERS = (
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "MIME-Version",
    "Content-Type",
    "List-Id",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
)


@dataclass(frozen=True)
class DkimSigner:
    selector: str
    domain: str
    key: bytes = field(repr=False)

    def sign(self, message: bytes) -> bytes:
        """``message`` with a ``DKIM-Signature`` header in front (relaxed/relaxed)."""
        head = message.split(b"\r\n\r\n", 1)[0].lower()
        present = [
            name.encode()
            for name in SIGNED_HEADERS
            if head.startswith(name.lower().encode() + b":")
            or b"\r\n" + name.lower().encode() + b":" in head
        ]
        signature = dkim.sign(
            message,
            self.selector.encode("ascii"),
            self.domain.encode("ascii"),
            self.key,
            canonicalize=(b"relaxed", b"relaxed"),
            include_headers=present,
        )
        return signature + message


def load_signer(key_file: Path | None, selector: str | None, domain: str) -> DkimSigner | None:
    """The signer from the settings, or None when DKIM is not configured (no key file)."""
    if key_file is None:
        return None
    if not selector:
        raise ConfigError("DIGEST_DKIM_SELECTOR: set it with DIGEST_DKIM_KEY_FILE (e.g. digest1)")
    try:
        key = key_file.read_bytes()
    except OSError as exc:
        raise ConfigError(f"DIGEST_DKIM_KEY_FILE: cannot read {key_file} ({exc.strerror})") from exc
    signer = DkimSigner(selector, domain, key)
    probe = b"From: a@" + domain.encode("ascii", "replace") + b"\r\nSubject: t\r\n\r\nt\r\n"
    try:
        signer.sign(probe)
    except (dkim.DKIMException, ValueError, UnicodeError) as exc:
        raise ConfigError(
            f"DIGEST_DKIM_KEY_FILE: {key_file} is not a PEM RSA private key dkimpy can use "
            f"({type(exc).__name__}); convert it with 'openssl rsa -in KEY -traditional -out "
            "dkim.pem'"
        ) from None
    return signer
