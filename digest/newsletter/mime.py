"""The digest's MIME message built once per digest, each recipient's copy filled in as bytes.

:func:`digest.newsletter.message.build_message` followed by
:func:`~digest.newsletter.message.message_bytes` costs milliseconds per recipient: the ``email``
package parses and folds every header and encodes two bodies of tens of kilobytes that are the
same for every reader but for a few lines (greeting, address, unsubscribe and preferences
links, subscriber fields). :class:`MessageTemplate` produces exactly the same bytes
(``tests/newsletter/test_mime.py`` compares the two for many recipients, hostile names
included), doing per recipient only what differs:

- the bodies are cut once into runs of lines without a placeholder, encoded once (the body
  encoding follows ``email.contentmanager``: 7bit/8bit when every line is short, else
  quoted-printable or base64 from the first ten lines), and the lines with a placeholder,
  filled in for the reader (:meth:`digest.models.Personal.fill`) and encoded (quoted-printable
  encodes line by line; each distinct line is encoded once and remembered);
- the headers every recipient shares (Subject, From, Date, MIME-Version, List-Id,
  List-Unsubscribe-Post) are set, folded by the same policy and checked
  (:func:`~digest.newsletter.message.verify_headers`) once per digest; per recipient only To,
  Message-ID, List-Unsubscribe and the Content-Type with its boundary are folded and checked.
  A plain To (an ASCII name of letters and digits, a dot-atom address, on one line) is written
  directly, anything else goes through the policy; Message-ID and Content-Type differ between
  readers only in characters of one class (hex digits, decimal digits), so each is folded once
  and the reader's value put in its place.
"""

from __future__ import annotations

import binascii
import email.contentmanager
import random
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from email import quoprimime
from email.headerregistry import Address
from email.message import EmailMessage
from html import escape

from digest.models import Personal, RenderedDigest, has_placeholder
from digest.newsletter.message import (
    ONE_CLICK,
    RAW_AS_IS,
    message_headers,
    message_id,
    safe_address,
    unsubscribe_headers,
    verify_headers,
)

_CACHE_LIMIT = 50_000  # encoded lines kept per template (the shared lines and some personal ones)
_MAX_LINE = RAW_AS_IS.max_line_length or 78
_NL = b"\r\n"
_MIME_VERSION = "MIME-Version: 1.0\r\n"
_SEGMENT = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")  # a line and its end, as bytes split
_BOUNDARY_DIGITS = len(repr(sys.maxsize - 1))  # as email.generator draws a boundary
_PLAIN_NAME = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_SHARED = ("Subject", "From", "Date", "MIME-Version", "List-Id")
_ZEROS = "0" * 20  # a Message-ID's reader token (message_id: 20 hex digits), for the fold


@dataclass(frozen=True)
class _Run:
    """Lines of a body: shared (encoded once) or one placeholder line (filled per reader)."""

    source: str  # the template's text of these lines, ends included
    personal: bool = False
    lines: tuple[bytes, ...] = ()  # shared: the lines as bytes
    longest: int = 0
    ascii: bool = True
    plain: bytes = b""  # shared: the lines with CRLF ends (7bit/8bit, and base64's input)
    qp: bytes = b""  # shared: quoted-printable (when the template's own body would be)


@dataclass(frozen=True)
class _Body:
    subtype: str
    extra: str  # MIME-Version in the html part, as the alternative added carries it
    quote: bool  # html: the values are escaped
    runs: tuple[_Run, ...]


class _Prepared:
    """One digest at one time: its bodies cut into runs and its shared header lines."""

    def __init__(self, template: MessageTemplate, rendered: RenderedDigest, now: datetime):
        self.rendered, self.now = rendered, now
        self.bodies = (
            template.body(rendered.text, "plain", "", False),
            template.body(rendered.html, "html", _MIME_VERSION, True),
        )
        sample = Address(username="reader", domain="example.com")
        head = message_headers(
            rendered, template.sender, sample, now, template.list_name, template.unsubscribe_mailto
        )
        # the header lines every reader shares, checked once
        self.shared = {
            name: template.fold(name, value) for name, value in head.raw_items() if name in _SHARED
        }
        once = list(self.shared)
        verify_headers(
            b"".join(self.shared[name] for name in once) + _NL,
            once,
            {"from": [a.addr_spec for a in head["From"].addresses]},
        )


class MessageTemplate:
    """One delivery's messages: :meth:`addressed` gives a recipient's copy, header-verified
    (not DKIM-signed: the caller signs the finished bytes, as with :func:`message_bytes`)."""

    def __init__(self, sender: Address, list_name: str | None, unsubscribe_mailto: str | None):
        self.sender = sender
        self.list_name = list_name
        self.unsubscribe_mailto = unsubscribe_mailto
        self._qp: dict[bytes, bytes] = {}
        self._folded: dict[tuple[str, type, str], bytes] = {}
        self._prepared: _Prepared | None = None
        self._message_ids: dict[str, tuple[str, bytes] | None] = {}
        sample = "=" * 15 + "0" * _BOUNDARY_DIGITS + "=="
        self._content_type = self._placeholder_fold("Content-Type", _content_type(sample), sample)
        verify_headers(self.fold(*ONE_CLICK) + _NL, [ONE_CLICK[0]])

    def message(self, copy: RenderedDigest, recipient: Address, now: datetime) -> bytes:
        """``copy`` is the recipient's personalised digest (as for :func:`build_message`)."""
        return self.addressed(copy, copy.personal(), recipient, now)

    def addressed(
        self, rendered: RenderedDigest, personal: Personal, recipient: Address, now: datetime
    ) -> bytes:
        """The copy of ``rendered`` (with its placeholders) for the reader of ``personal``:
        the bytes :func:`build_message` + :func:`message_bytes` give for
        ``rendered.personalize(...)``."""
        prepared = self._prepared
        if prepared is None or prepared.rendered is not rendered or prepared.now != now:
            prepared = self._prepared = _Prepared(self, rendered, now)
        parts = [self._part(body, personal) for body in prepared.bodies]
        boundary = _boundary(parts)
        shared = prepared.shared
        digest_id = rendered.digest.id
        own = [
            ("To", self._to(safe_address(recipient))),
            ("Message-ID", self._message_id(digest_id, recipient.addr_spec)),
        ]
        after = []
        for name, value in unsubscribe_headers(personal.unsubscribe_url, self.unsubscribe_mailto):
            if name == "List-Unsubscribe":
                own.append((name, RAW_AS_IS.fold_binary(name, value)))
            else:
                after.append(self.fold(name, value))
        content_type = self._content_type_line(boundary)
        own.append(("Content-Type", content_type))
        # the reader's own header lines, checked here (the shared ones were, once)
        verify_headers(
            b"".join(line for _, line in own) + _NL,
            [name for name, _ in own],
            {"to": [recipient.addr_spec]},
        )
        lines = dict(own)
        block = [shared["Subject"], shared["From"], lines["To"], shared["Date"]]
        block += [lines["Message-ID"], shared["MIME-Version"]]
        if "List-Id" in shared:
            block.append(shared["List-Id"])
        if "List-Unsubscribe" in lines:
            block.append(lines["List-Unsubscribe"])
        block += [*after, content_type]
        delimiter = b"--" + boundary.encode("ascii")
        return b"".join(
            (
                *block,
                _NL,
                delimiter + _NL,
                parts[0],
                _NL + delimiter + _NL,
                parts[1],
                _NL + delimiter + b"--" + _NL,
            )
        )

    # --- headers ---------------------------------------------------------------------------

    def fold(self, name: str, value: object) -> bytes:
        """``policy.fold_binary`` of the header as ``message[name] = value`` stores it,
        remembered: folding depends on nothing but the name and the value."""
        key = (name, type(value), str(value))
        folded = self._folded.get(key)
        if folded is None:
            if len(self._folded) > _CACHE_LIMIT:
                self._folded.clear()
            if not hasattr(value, "name"):  # not a header object yet: parse it as set
                head = EmailMessage(policy=RAW_AS_IS)
                head[name] = value
                value = next(iter(head.raw_items()))[1]
            folded = self._folded[key] = RAW_AS_IS.fold_binary(name, value)  # type: ignore[arg-type]
        return folded

    def _to(self, address: Address) -> bytes:
        name, addr = address.display_name, address.addr_spec
        line = f"To: {name} <{addr}>" if name else f"To: {addr}"
        plain = not name or _PLAIN_NAME.fullmatch(name)
        if plain and len(line) <= _MAX_LINE and _PLAIN_ADDRESS.fullmatch(addr):
            return line.encode("ascii") + _NL
        return self.fold("To", address)

    def _message_id(self, digest_id: str, recipient: str) -> bytes:
        value = message_id(digest_id, recipient, self.sender.domain)
        head, _, domain = value.rpartition("@")
        stem, _, token = head.rpartition(".")
        if len(token) == len(_ZEROS) and re.fullmatch("[0-9a-f]+", token):
            if digest_id not in self._message_ids:
                if len(self._message_ids) > _CACHE_LIMIT:
                    self._message_ids.clear()
                sample = f"{stem}.{_ZEROS}@{domain}"
                self._message_ids[digest_id] = self._placeholder_fold("Message-ID", sample, _ZEROS)
            placeholder = self._message_ids[digest_id]
            if placeholder is not None:
                return placeholder[1].replace(_ZEROS.encode("ascii"), token.encode("ascii"))
        return self.fold("Message-ID", value)

    def _placeholder_fold(self, name: str, value: str, needle: str) -> tuple[str, bytes] | None:
        """(needle, the folded header) when ``needle`` (a run of one character class in
        ``value``) stands once and as it is in the fold, so that another run of that class and
        length can be put in its place; else None (each value is folded)."""
        folded = self.fold(name, value)
        return (needle, folded) if folded.count(needle.encode("ascii")) == 1 else None

    def _content_type_line(self, boundary: str) -> bytes:
        placeholder = self._content_type
        if placeholder is not None and len(boundary) == len(placeholder[0]):
            return placeholder[1].replace(placeholder[0].encode("ascii"), boundary.encode("ascii"))
        return self.fold("Content-Type", _content_type(boundary))

    # --- bodies ----------------------------------------------------------------------------

    def body(self, text: str, subtype: str, extra: str, quote: bool) -> _Body:
        """``text`` cut into runs of shared lines (encoded now) and placeholder lines."""
        runs: list[_Run] = []
        shared: list[str] = []

        def close() -> None:
            if shared:
                source = "".join(shared)
                lines = tuple(source.encode("utf-8").splitlines())
                plain = b"".join(line + _NL for line in lines)
                runs.append(
                    _Run(
                        source,
                        False,
                        lines,
                        max((len(line) for line in lines), default=0),
                        plain.isascii(),
                        plain,
                        b"".join(self._qp_line(line) + _NL for line in lines),
                    )
                )
                shared.clear()

        for segment in _SEGMENT.findall(text):
            if has_placeholder(segment):
                close()
                runs.append(_Run(segment, personal=True))
            else:
                shared.append(segment)
        close()
        return _Body(subtype, extra, quote, tuple(runs))

    def _part(self, body: _Body, personal: Personal) -> bytes:
        quote = escape if body.quote else str
        filled: list[tuple[_Run, tuple[bytes, ...]]] = []
        longest, ascii = 0, True
        for run in body.runs:
            if not run.personal:
                lines = run.lines
                longest, ascii = max(longest, run.longest), ascii and run.ascii
            else:
                lines = tuple(personal.fill(run.source, quote).encode("utf-8").splitlines())
                longest = max(longest, *(len(line) for line in lines), 0)
                ascii = ascii and all(line.isascii() for line in lines)
            filled.append((run, lines))
        cte, data = self._encode(filled, longest, ascii)
        header = (
            f'Content-Type: text/{body.subtype}; charset="utf-8"\r\n'
            f"Content-Transfer-Encoding: {cte}\r\n{body.extra}\r\n"
        ).encode("ascii")
        return header + data

    def _encode(
        self, filled: list[tuple[_Run, tuple[bytes, ...]]], longest: int, ascii: bool
    ) -> tuple[str, bytes]:
        """(cte, body with CRLF line ends) as ``email.contentmanager`` encodes the lines."""

        def plain() -> bytes:
            data = b"".join(
                b"".join(line + _NL for line in lines) if run.personal else run.plain
                for run, lines in filled
            )
            return data or _NL

        if longest <= _MAX_LINE:
            if ascii:
                return "7bit", plain()
            if RAW_AS_IS.cte_type == "8bit":
                return "8bit", plain()
        first: list[bytes] = []
        for _, lines in filled:
            first.extend(lines[: 10 - len(first)])
            if len(first) == 10:
                break
        sniff = _NL.join(first) + _NL
        sniff_qp = quoprimime.body_encode(sniff.decode("latin-1"), _MAX_LINE)
        if len(sniff_qp) > len(binascii.b2a_base64(sniff)):
            encoded = email.contentmanager._encode_base64(  # type: ignore[attr-defined]
                plain(), _MAX_LINE
            )
            return "base64", _crlf(encoded.encode("ascii"))
        if len(self._qp) > _CACHE_LIMIT:
            self._qp.clear()
        data = b"".join(
            b"".join(self._qp_line(line) + _NL for line in lines) if run.personal else run.qp
            for run, lines in filled
        )
        return "quoted-printable", data

    def _qp_line(self, line: bytes) -> bytes:
        encoded = self._qp.get(line)
        if encoded is None:
            qp = quoprimime.body_encode(line.decode("latin-1"), _MAX_LINE, eol="\r\n")
            encoded = self._qp[line] = qp.encode("latin-1")
        return encoded


def _content_type(boundary: str) -> str:
    """The value ``EmailMessage.set_boundary`` gives a ``multipart/alternative`` header."""
    return f'multipart/alternative; boundary="{boundary}"'


def _boundary(parts: list[bytes]) -> str:
    """A boundary drawn as ``BytesGenerator._make_boundary`` draws it (same random state, same
    result), searched for in the parts only when they could hold it."""
    token = random.randrange(sys.maxsize)
    boundary = "=" * 15 + f"{token:0{_BOUNDARY_DIGITS}d}" + "=="
    marker = b"--" + boundary.encode("ascii")
    if not any(marker in part for part in parts):
        return boundary
    text = _NL.join(parts)
    candidate, counter = boundary, 0
    while re.search(b"^--" + re.escape(candidate.encode("ascii")) + b"(--)?$", text, re.M):
        candidate, counter = f"{boundary}.{counter}", counter + 1
    return candidate


def _crlf(data: bytes) -> bytes:
    return _NL.join(data.splitlines()) + _NL
