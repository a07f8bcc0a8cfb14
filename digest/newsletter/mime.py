"""The digest's MIME message built once per digest, each recipient's copy filled in fast.

:func:`digest.newsletter.message.build_message` followed by
:func:`~digest.newsletter.message.message_bytes` costs milliseconds per recipient, most of it the
``email`` package encoding two bodies of tens of kilobytes that are the same for every reader
but for a few lines (greeting, address, unsubscribe and preferences links, subscriber fields).
:class:`MessageTemplate` produces exactly the same bytes (``tests/newsletter/test_mime.py``
compares the two for many recipients, hostile names included): the headers are set by the same
code and folded by the same policy, the body encoding follows the standard library's choice
(``email.contentmanager``: 7bit/8bit when every line is short, else quoted-printable or base64
from the first ten lines), and since quoted-printable encodes line by line, each distinct line
is encoded once and remembered. The header block is verified for every message, as before.
"""

from __future__ import annotations

import binascii
import email.contentmanager
from datetime import datetime
from email import quoprimime
from email.generator import BytesGenerator
from email.headerregistry import Address

from digest.models import RenderedDigest
from digest.newsletter.message import RAW_AS_IS, message_headers, verify_headers

_CACHE_LIMIT = 50_000  # encoded lines kept per template (the shared lines and some personal ones)
_MAX_LINE = RAW_AS_IS.max_line_length or 78
_NL = b"\r\n"
_MIME_VERSION = "MIME-Version: 1.0\r\n"


class MessageTemplate:
    """One digest's messages: :meth:`message` gives a recipient's copy, header-verified (not
    DKIM-signed: the caller signs the finished bytes, as with :func:`message_bytes`)."""

    def __init__(self, sender: Address, list_name: str | None, unsubscribe_mailto: str | None):
        self.sender = sender
        self.list_name = list_name
        self.unsubscribe_mailto = unsubscribe_mailto
        self._qp: dict[bytes, bytes] = {}
        self._folded: dict[tuple[str, type, str], bytes] = {}

    def message(self, copy: RenderedDigest, recipient: Address, now: datetime) -> bytes:
        """``copy`` is the recipient's personalised digest (as for :func:`build_message`)."""
        head = message_headers(
            copy, self.sender, recipient, now, self.list_name, self.unsubscribe_mailto
        )
        # the alternative added to the message carries its own MIME-Version, as in build_message
        parts = [self._part(copy.text, "plain", ""), self._part(copy.html, "html", _MIME_VERSION)]
        # drawn as the generator draws it: random, and absent from the parts
        boundary = BytesGenerator._make_boundary(_NL.join(parts))  # type: ignore[attr-defined]
        head["Content-Type"] = "multipart/alternative"
        head.set_boundary(boundary)
        block = b"".join(self._fold(name, value) for name, value in head.raw_items())
        delimiter = b"--" + boundary.encode("ascii")
        data = b"".join(
            (
                block,
                _NL,
                delimiter + _NL,
                parts[0],
                _NL + delimiter + _NL,
                parts[1],
                _NL + delimiter + b"--" + _NL,
            )
        )
        mailboxes = {
            name.lower(): [a.addr_spec for a in head[name].addresses] for name in ("From", "To")
        }
        verify_headers(data, list(head.keys()), mailboxes)
        return data

    def _fold(self, name: str, value: str) -> bytes:
        """``policy.fold_binary``, remembered for the headers every recipient shares (Subject,
        From, List-Id...): folding depends on nothing but the name and the value."""
        key = (name, type(value), str(value))
        folded = self._folded.get(key)
        if folded is None:
            if len(self._folded) > _CACHE_LIMIT:
                self._folded.clear()
            folded = self._folded[key] = RAW_AS_IS.fold_binary(name, value)
        return folded

    def _part(self, text: str, subtype: str, extra: str) -> bytes:
        cte, body = self._encode(text)
        header = (
            f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
            f"Content-Transfer-Encoding: {cte}\r\n{extra}\r\n"
        ).encode("ascii")
        return header + body

    def _encode(self, text: str) -> tuple[str, bytes]:
        """(cte, body with CRLF line ends) as ``email.contentmanager`` encodes ``text``."""
        lines = text.encode("utf-8").splitlines()
        if max((len(line) for line in lines), default=0) <= _MAX_LINE:
            body = _NL.join(lines) + _NL
            if body.isascii():
                return "7bit", body
            if RAW_AS_IS.cte_type == "8bit":
                return "8bit", body
        sniff = _NL.join(lines[:10]) + _NL
        sniff_qp = quoprimime.body_encode(sniff.decode("latin-1"), _MAX_LINE)
        if len(sniff_qp) > len(binascii.b2a_base64(sniff)):
            encoded = email.contentmanager._encode_base64(  # type: ignore[attr-defined]
                _NL.join(lines) + _NL, _MAX_LINE
            )
            return "base64", _crlf(encoded.encode("ascii"))
        if len(self._qp) > _CACHE_LIMIT:
            self._qp.clear()
        out = []
        for line in lines:
            encoded_line = self._qp.get(line)
            if encoded_line is None:
                qp = quoprimime.body_encode(line.decode("latin-1"), _MAX_LINE, eol="\r\n")
                encoded_line = self._qp[line] = qp.encode("latin-1")
            out.append(encoded_line)
        return "quoted-printable", _NL.join(out) + _NL


def _crlf(data: bytes) -> bytes:
    return _NL.join(data.splitlines()) + _NL
