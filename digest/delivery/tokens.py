"""Signed tokens for the links in an email: unsubscribe, preferences and sign-up confirmation.

A token is ``<id>.<mac>``: the subscriber's random public id (or a confirmation's nonce) and an
HMAC-SHA256 of the purpose and the id under ``DIGEST_SECRET_KEY``, truncated to 128 bits and
base64url-encoded. No address is in a link, and an altered token does not verify. Without a
configured key one is made once and kept in the state directory (``secret-key``, mode 0600), so
the runs and the web app that share the directory agree on it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import SecretStr

from digest.errors import ConfigError

PURPOSES = ("unsubscribe", "preferences", "confirm", "csrf")
_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
_MAC = re.compile(r"[A-Za-z0-9_-]{1,64}")  # ASCII only: compare_digest refuses other text
KEY_FILE = "secret-key"


def new_id() -> str:
    """A random public id (128 bits), for a subscriber or a confirmation."""
    return secrets.token_urlsafe(16)


@dataclass(frozen=True)
class Signer:
    """Signs and checks tokens; the key is never shown (``repr`` hides it)."""

    key: SecretStr = field(repr=False)

    def __repr__(self) -> str:
        return "Signer(key=**********)"

    def _mac(self, purpose: str, ident: str) -> str:
        if purpose not in PURPOSES:
            raise ValueError(f"unknown token purpose {purpose!r}")
        raw = hmac.new(
            self.key.get_secret_value().encode("utf-8"),
            f"digest:{purpose}:{ident}".encode(),
            hashlib.sha256,
        ).digest()[:16]
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")

    def sign(self, purpose: str, ident: str) -> str:
        if not _ID.fullmatch(ident):
            raise ValueError("a token id is 8-64 URL-safe characters")
        return f"{ident}.{self._mac(purpose, ident)}"

    def verify(self, purpose: str, token: str) -> str | None:
        """The id inside a genuine token for ``purpose``; None for anything else."""
        ident, dot, mac = token.partition(".")
        if not dot or not _ID.fullmatch(ident) or not _MAC.fullmatch(mac):
            return None
        return ident if hmac.compare_digest(mac, self._mac(purpose, ident)) else None


def signer_for(secret: SecretStr | None, state_dir: Path) -> Signer:
    """The configured key, or the one kept in the state directory (made on first use)."""
    if secret is not None and secret.get_secret_value():
        if len(secret.get_secret_value()) < 16:
            raise ConfigError("DIGEST_SECRET_KEY: use at least 16 characters (32 random is best)")
        return Signer(secret)
    path = state_dir / KEY_FILE
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        if not path.exists():  # written whole, then linked in: a reader never sees half
            tmp = state_dir / f".{KEY_FILE}.{secrets.token_hex(4)}"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(32))
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another process made it first: use theirs
            finally:
                tmp.unlink()
        value = path.read_text(encoding="ascii").strip()
    except OSError as exc:
        raise ConfigError(
            f"cannot keep the signing key in {path} ({exc.strerror}); set DIGEST_SECRET_KEY "
            "or make DIGEST_STATE_DIR writable"
        ) from exc
    if len(value) < 16:
        raise ConfigError(f"{path} holds no usable key; delete it or set DIGEST_SECRET_KEY")
    return Signer(SecretStr(value))


@dataclass(frozen=True)
class Links:
    """The web app's signed links for one subscriber id (under ``DIGEST_PUBLIC_URL``)."""

    public_url: str
    signer: Signer

    def _url(self, path: str, purpose: str, ident: str) -> str:
        return f"{self.public_url.rstrip('/')}/{path}/{self.signer.sign(purpose, ident)}"

    def unsubscribe(self, sid: str) -> str:
        return self._url("unsubscribe", "unsubscribe", sid)

    def preferences(self, sid: str) -> str:
        return self._url("preferences", "preferences", sid)

    def confirm(self, nonce: str) -> str:
        return self._url("confirm", "confirm", nonce)
