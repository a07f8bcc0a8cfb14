"""Subscribers read from a CSV file (``digest subscribers import``, ``DIGEST_SUBSCRIBERS``);
the store that decides who gets the digest is :mod:`digest.delivery.store`.

Columns: ``email`` (required), ``name`` (optional), and any others, which the templates can use
with ``{{ field("column") }}``. Each address is validated; a bad row (an invalid address, or
bytes that are not UTF-8) is reported by line number and skipped, and everyone else still gets
the digest.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from pathlib import Path
from typing import TextIO

from digest.errors import ConfigError
from digest.models import Problem
from digest.text.safety import header_text

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")
_DOMAIN = re.compile(
    r"^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


@dataclass(frozen=True)
class Subscriber:
    email: str
    name: str | None = None
    fields: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    sid: str | None = field(default=None, compare=False)  # public id in the store (signed links)

    @property
    def address(self) -> Address:
        local, _, domain = self.email.rpartition("@")
        return Address(display_name=self.name or "", username=local, domain=domain)


def validate_email(value: str) -> str:
    """The address, lower-cased domain; ValueError with the reason when it is not valid."""
    value = value.strip()
    if any(c in value for c in '\r\n\t <>,;"'):
        raise ValueError("contains spaces, line breaks or separators")
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain:
        raise ValueError("needs exactly one @ with a name before it and a domain after it")
    if len(local) > 64 or not _LOCAL.match(local) or ".." in local or local.startswith("."):
        raise ValueError(f"the part before @ ({local!r}) is not valid")
    if not _DOMAIN.match(domain):
        raise ValueError(f"the domain {domain!r} is not valid")
    return f"{local}@{domain.lower()}"


def clean_name(value: str | None) -> str | None:
    """A display name on one line: control, bidi and encoded-word syntax neutralised."""
    if not value:
        return None
    return header_text(value, limit=100) or None


def load_subscribers(path: Path) -> tuple[list[Subscriber], list[Problem]]:
    try:
        # surrogateescape: a byte that is not UTF-8 spoils its row only, not the whole file
        handle = path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as exc:
        raise ConfigError(
            f"cannot read subscribers file {path} ({exc.strerror}); check DIGEST_SUBSCRIBERS"
        ) from exc
    subscribers: list[Subscriber] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    with handle:
        try:
            reader = csv.DictReader(handle)
            columns = [c.strip().lower() for c in reader.fieldnames or []]
            if any(_undecodable(c) for c in columns):
                raise ConfigError(f"{path}:1: the column names are not valid UTF-8; save as UTF-8")
            if "email" not in columns:
                raise ConfigError(
                    f"{path}: the first line must name the columns and include 'email'"
                )
            for row in reader:
                line = reader.line_num
                if any(_undecodable(v) for v in row.values() if isinstance(v, str)):
                    problems.append(
                        Problem(f"{path}:{line}", "subscribers", "not valid UTF-8; row skipped")
                    )
                    continue
                values = {
                    (k or "").strip().lower(): (v or "").strip()
                    for k, v in row.items()
                    if isinstance(v, str)
                }
                try:
                    email = validate_email(values.get("email", ""))
                except ValueError as exc:
                    problems.append(
                        Problem(
                            f"{path}:{line}",
                            "subscribers",
                            f"invalid email {values.get('email', '')!r}: {exc}",
                        )
                    )
                    continue
                if email.lower() in seen:
                    problems.append(
                        Problem(
                            f"{path}:{line}", "subscribers", f"{email} is listed twice; sent once"
                        )
                    )
                    continue
                seen.add(email.lower())
                extra = {k: v for k, v in values.items() if k not in ("email", "name")}
                subscribers.append(Subscriber(email, clean_name(values.get("name")), extra))
        except csv.Error as exc:
            raise ConfigError(f"{path}: not a readable UTF-8 CSV file ({exc})") from exc
    return subscribers, problems


EXPORT_COLUMNS = ("email", "name", "status", "source", "consent_at", "created_at", "updated_at")


def export_rows(rows: Iterable[Mapping[str, object]], handle: TextIO) -> int:
    """Write subscribers as CSV (the columns of :data:`EXPORT_COLUMNS`, then extra columns);
    a value starting with ``= + - @`` gets a leading ``'`` so a spreadsheet shows it as text."""
    rows = list(rows)
    extra = sorted({k for row in rows for k in row if k not in EXPORT_COLUMNS})
    writer = csv.DictWriter(handle, [*EXPORT_COLUMNS, *extra], extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return len(rows)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _undecodable(text: str) -> bool:
    """Whether ``text`` holds bytes that were not UTF-8 (decoded as lone surrogates)."""
    return any("\udc80" <= c <= "\udcff" for c in text)
