"""SMTP delivery: every subscriber gets the day's digest exactly once.

- One connection (plain, STARTTLS or implicit TLS, certificates verified, optional private CA
  file) reused for all messages; reconnected when the server drops it. A password is never sent
  over an unencrypted connection to anything but this machine (loopback).
- Transient failures (4xx replies, dropped connections, timeouts) before the message is handed
  over are retried with exponential backoff; permanent ones (5xx for a recipient) are recorded
  and not retried; one bad recipient never stops the others. A send rate limit spaces the
  messages. After ``max_connect_failures`` connection attempts in a row fail, the server is
  taken to be down and the run stops with one line (the ledger lets the next run resume).
- Exactly once: each (newsletter, date, recipient) is claimed atomically in the ledger
  (:mod:`digest.delivery.ledger`) before anything is sent, and marked ``sent`` after the
  server's 250. When the connection is lost after the message went out but before the reply,
  the recipient may have got it: recorded and reported as ``maybe``, never resent by itself.
- The password is only handed to ``smtplib.login``; it is never logged or written anywhere.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import re
import smtplib
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from pathlib import Path

from pydantic import SecretStr

from digest.delivery.bookkeeping import CLAIM_BATCH, Lookahead, SendBook
from digest.delivery.ledger import FAILED, MAYBE, RETRY, SENDING, SENT, Ledger
from digest.delivery.outbox import DeliveryReport, Envelope, message_for, message_template
from digest.delivery.subscribers import Subscriber
from digest.errors import DeliveryError
from digest.models import RenderedDigest
from digest.newsletter.mime import MessageTemplate
from digest.state import StateStore

log = logging.getLogger("digest.delivery.smtp")


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str = "starttls"  # none | starttls | ssl
    username: str | None = None
    password: SecretStr | None = None
    ca_file: Path | None = None
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 2.0  # seconds before the first retry, doubled each time
    rate: float = 0.0  # messages per second; 0 = no limit
    max_connect_failures: int = 3  # connection attempts failing in a row: the server is down

    def __repr__(self) -> str:  # never show the password, even in a traceback
        return f"SmtpConfig(host={self.host!r}, port={self.port}, security={self.security!r})"


class _Transient(Exception):
    pass


class _Unreachable(_Transient):
    """No connection could be made (counted towards "the server is down")."""


class _Ambiguous(Exception):
    """The message went out, the server's reply did not come back: maybe delivered."""


class _Permanent(Exception):
    pass


@dataclass
class SmtpDelivery:
    config: SmtpConfig
    envelope: Envelope
    store: StateStore
    default_recipient: Address
    subscribers: list[Subscriber] = field(default_factory=list)
    sleep: Callable[[float], None] = time.sleep
    on_sent: Callable[[str], None] | None = None  # progress hook, called after each send
    force: bool = False  # send a changed digest of the day to those who got the old one
    _connection: smtplib.SMTP | None = field(default=None, init=False, repr=False)
    _last_send: float = field(default=0.0, init=False, repr=False)
    _down: int = field(default=0, init=False, repr=False)  # failed connections in a row

    @property
    def ledger(self) -> Ledger:
        return Ledger(self.store)

    def deliver(self, rendered: RenderedDigest) -> DeliveryReport:
        report = DeliveryReport(rendered.digest.id)
        recipients = self.subscribers or [
            Subscriber(self.default_recipient.addr_spec, self.default_recipient.display_name)
        ]
        now = datetime.now().astimezone()
        self._refuse_plaintext_password()
        digest = rendered.digest
        book = SendBook(self.ledger, self.envelope.list_name, digest.date, digest.id, self.force)
        try:
            template = message_template(self.envelope)  # the MIME message built once
            with self.store.session():  # one state connection for all claims and marks
                try:
                    messages = self._messages(rendered, recipients, now, report, template, book)
                    ahead = Lookahead(messages)
                    while (item := ahead.take()) is not None:
                        self._deliver_one(*item, report, book, ahead.fill)
                finally:
                    book.close()
        finally:
            self._close()
        return report

    def _messages(
        self,
        rendered: RenderedDigest,
        recipients: list[Subscriber],
        now: datetime,
        report: DeliveryReport,
        template: MessageTemplate,
        book: SendBook,
    ) -> Iterator[tuple[Subscriber, bytes]]:
        """Each recipient claimed in the ledger, with their message; the skipped reported."""
        for start in range(0, len(recipients), CLAIM_BATCH):
            batch = recipients[start : start + CLAIM_BATCH]
            claims = book.claim_batch([subscriber.email for subscriber in batch])
            for subscriber, claim in zip(batch, claims, strict=True):
                if not claim.claimed:
                    reason = claim.previous.reason() if claim.previous else "in the ledger"
                    report.skipped.append((subscriber.email, reason))
                    continue
                yield subscriber, message_for(rendered, subscriber, self.envelope, now, template)

    def _deliver_one(
        self,
        subscriber: Subscriber,
        data: bytes,
        report: DeliveryReport,
        book: SendBook,
        meanwhile: Callable[[], None] = lambda: None,
    ) -> None:
        email = subscriber.email
        book.handing_over(email)
        attempts = self.config.retries + 1
        for attempt in range(1, attempts + 1):
            if attempt > 1:  # on disk before the resend: a run killed now must not send again
                book.mark(email, SENDING)
                book.flush()
            try:
                self._send(email, data, meanwhile)
            except _Permanent as exc:
                book.mark(email, FAILED, str(exc))
                report.failed.append((email, str(exc)))
                log.warning("not delivered to %s: %s", email, exc)
                return
            except _Ambiguous as exc:
                book.mark(email, MAYBE, str(exc))
                self._close()
                report.uncertain.append((email, str(exc)))
                log.warning("maybe delivered to %s (not resent): %s", email, exc)
                return
            except _Transient as exc:
                book.mark(email, RETRY, str(exc))
                self._close()
                if isinstance(exc, _Unreachable) and self._down >= self.config.max_connect_failures:
                    cfg = self.config
                    raise DeliveryError(
                        f"the SMTP server {cfg.host}:{cfg.port} is unreachable ({self._down} "
                        f"connection attempts in a row failed: {exc}); stopped after "
                        f"{len(report.delivered)} delivered: the next run resumes with the rest"
                    ) from exc
                if attempt == attempts:
                    reason = f"gave up after {attempts} attempts: {exc}"
                    report.failed.append((email, reason))
                    log.warning("not delivered to %s: %s", email, reason)
                    return
                delay = self.config.backoff * 2 ** (attempt - 1)
                log.info("temporary failure for %s (%s); retrying in %.1fs", email, exc, delay)
                book.flush()  # a run that dies while waiting leaves it to be retried
                self.sleep(delay)
            else:
                book.mark(email, SENT)
                report.delivered.append(email)
                if self.on_sent:
                    self.on_sent(email)
                return

    def _send(self, email: str, data: bytes, meanwhile: Callable[[], None] = lambda: None) -> None:
        self._pace()
        try:
            connection = self._connect()
        except (smtplib.SMTPException, OSError) as exc:  # refused, greeting 4xx, timeout, DNS
            if isinstance(exc, ssl.SSLError):
                raise self._tls_error(exc) from exc
            self._down += 1
            raise _Unreachable(f"cannot connect: {type(exc).__name__}: {exc}") from exc
        self._down = 0
        try:
            self._transmit(connection, email, data, meanwhile)
        except smtplib.SMTPResponseException as exc:  # sender refused, data refused, 4xx/5xx
            raise _classify(exc.smtp_code, exc.smtp_error) from exc
        except (TimeoutError, smtplib.SMTPServerDisconnected, ConnectionError) as exc:
            raise _Transient(f"connection problem: {type(exc).__name__}: {exc}") from exc
        except ssl.SSLError as exc:
            raise self._tls_error(exc) from exc
        except OSError as exc:
            raise _Transient(f"network error: {exc}") from exc
        self._last_send = time.monotonic()

    def _transmit(
        self,
        connection: smtplib.SMTP,
        email: str,
        data: bytes,
        meanwhile: Callable[[], None] = lambda: None,
    ) -> None:
        """MAIL, RCPT, DATA as ``smtplib.sendmail`` does them, but telling a failure before the
        message went out (safe to retry) from a lost reply after it (maybe delivered).
        ``meanwhile`` runs while the server takes the message in, before its reply is read
        (the next recipient is claimed and their message built then)."""
        code, reply = connection.mail(self.envelope.sender.addr_spec)
        if code != 250:
            self._reset(connection)
            raise smtplib.SMTPResponseException(code, reply)
        code, reply = connection.rcpt(email)
        if code not in (250, 251):
            self._reset(connection)
            raise smtplib.SMTPResponseException(code, reply)
        code, reply = connection.docmd("DATA")
        if code != 354:
            self._reset(connection)
            raise smtplib.SMTPResponseException(code, reply)
        payload = re.sub(rb"(?m)^\.", b"..", data)
        payload += (b"" if payload.endswith(b"\r\n") else b"\r\n") + b".\r\n"
        connection.send(payload)  # raises before the final dot is out: not delivered
        meanwhile()
        try:
            code, reply = connection.getreply()
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            raise _Ambiguous(
                f"the connection was lost after the message was sent, before the server "
                f"confirmed it ({type(exc).__name__}: {exc})"
            ) from exc
        if code != 250:
            raise smtplib.SMTPResponseException(code, reply)

    @staticmethod
    def _reset(connection: smtplib.SMTP) -> None:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.rset()

    def _tls_error(self, exc: ssl.SSLError) -> DeliveryError:
        return DeliveryError(
            f"TLS with {self.config.host} failed ({exc.reason}); check DIGEST_SMTP_SECURITY "
            "and DIGEST_SMTP_CA_FILE"
        )

    def _cert_error(self, exc: ssl.SSLCertVerificationError) -> DeliveryError:
        return DeliveryError(
            f"the TLS certificate of {self.config.host} could not be verified "
            f"({exc.verify_message}); set DIGEST_SMTP_CA_FILE for a private CA"
        )

    def _refuse_plaintext_password(self) -> None:
        cfg = self.config
        if cfg.username and cfg.security == "none" and not is_loopback(cfg.host):
            raise DeliveryError(
                f"refusing to send the SMTP password to {cfg.host} over an unencrypted "
                "connection; set DIGEST_SMTP_SECURITY=starttls or ssl"
            )

    def _pace(self) -> None:
        if self.config.rate > 0 and self._last_send:
            wait = 1 / self.config.rate - (time.monotonic() - self._last_send)
            if wait > 0:
                self.sleep(wait)

    def _connect(self) -> smtplib.SMTP:
        if self._connection is not None:
            return self._connection
        cfg = self.config
        context = ssl.create_default_context(cafile=str(cfg.ca_file) if cfg.ca_file else None)
        if cfg.security == "ssl":
            try:
                connection: smtplib.SMTP = smtplib.SMTP_SSL(
                    cfg.host, cfg.port, timeout=cfg.timeout, context=context
                )
            except ssl.SSLCertVerificationError as exc:
                raise self._cert_error(exc) from exc
        else:
            connection = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
        try:
            connection.ehlo()
            if cfg.security == "starttls":
                connection.starttls(context=context)
                connection.ehlo()
            if cfg.username:
                secret = cfg.password.get_secret_value() if cfg.password else ""
                connection.login(cfg.username, secret)
        except smtplib.SMTPAuthenticationError as exc:
            connection.close()
            raise DeliveryError(
                f"SMTP login refused by {cfg.host} ({exc.smtp_code}); check DIGEST_SMTP_USERNAME "
                "and DIGEST_SMTP_PASSWORD"
            ) from exc
        except smtplib.SMTPNotSupportedError as exc:
            connection.close()
            raise DeliveryError(
                f"{cfg.host} does not support what DIGEST_SMTP_SECURITY asks "
                f"for ({exc}); try another security mode"
            ) from exc
        except ssl.SSLCertVerificationError as exc:
            connection.close()
            raise self._cert_error(exc) from exc
        except BaseException:
            connection.close()
            raise
        self._connection = connection
        return connection

    def _close(self) -> None:
        if self._connection is None:
            return
        try:
            self._connection.quit()
        except (smtplib.SMTPException, OSError):
            self._connection.close()
        self._connection = None


def is_loopback(host: str) -> bool:
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _classify(code: int, reply: bytes | str) -> Exception:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    message = f"{code} {text}".strip()
    return _Transient(message) if 400 <= code < 500 else _Permanent(message)
