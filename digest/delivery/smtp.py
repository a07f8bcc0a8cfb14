"""SMTP delivery: every subscriber gets the digest exactly once.

- One connection (plain, STARTTLS or implicit TLS, certificates verified, optional private CA
  file) reused for all messages; reconnected when the server drops it.
- Transient failures (4xx replies, dropped connections, timeouts) are retried with exponential
  backoff; permanent ones (5xx for a recipient) are recorded and not retried; one bad recipient
  never stops the others. A send rate limit spaces the messages.
- A send ledger in the state database records each (digest, recipient) as ``sending`` before the
  message is handed to the server and ``sent`` after, so a re-run after a crash skips whoever
  already got it. A recipient left ``sending`` by a crash may or may not have got the message;
  it is reported and not resent, so nobody gets the same digest twice.
- The password is only handed to ``smtplib.login``; it is never logged or written anywhere.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from pathlib import Path

from pydantic import SecretStr

from digest.delivery.outbox import DeliveryReport, Envelope, message_for
from digest.delivery.subscribers import Subscriber
from digest.errors import DeliveryError
from digest.models import RenderedDigest
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

    def __repr__(self) -> str:  # never show the password, even in a traceback
        return f"SmtpConfig(host={self.host!r}, port={self.port}, security={self.security!r})"


class _Transient(Exception):
    pass


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
    _connection: smtplib.SMTP | None = field(default=None, init=False, repr=False)
    _last_send: float = field(default=0.0, init=False, repr=False)

    def deliver(self, rendered: RenderedDigest) -> DeliveryReport:
        report = DeliveryReport(rendered.digest.id)
        recipients = self.subscribers or [
            Subscriber(self.default_recipient.addr_spec, self.default_recipient.display_name)
        ]
        now = datetime.now().astimezone()
        try:
            for subscriber in recipients:
                self._deliver_one(rendered, subscriber, now, report)
        finally:
            self._close()
        return report

    def _deliver_one(
        self,
        rendered: RenderedDigest,
        subscriber: Subscriber,
        now: datetime,
        report: DeliveryReport,
    ) -> None:
        digest_id, email = rendered.digest.id, subscriber.email
        previous = self.store.ledger_state(digest_id, email)
        if previous and previous[0] == "sent":
            report.skipped.append((email, "already sent this digest"))
            return
        if previous and previous[0] == "sending":
            report.skipped.append(
                (
                    email,
                    "an earlier run stopped while sending to this address; "
                    "not resent, to avoid a duplicate",
                )
            )
            return
        if previous and previous[0] == "failed":
            report.skipped.append((email, f"failed permanently before: {previous[1]}"))
            return
        data = message_for(rendered, subscriber, self.envelope, now)
        attempts = self.config.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                self._send(digest_id, email, data)
            except _Permanent as exc:
                self.store.ledger_mark(digest_id, email, "failed", str(exc))
                report.failed.append((email, str(exc)))
                log.warning("not delivered to %s: %s", email, exc)
                return
            except _Transient as exc:
                self.store.ledger_mark(digest_id, email, "retry", str(exc))
                self._close()
                if attempt == attempts:
                    reason = f"gave up after {attempts} attempts: {exc}"
                    report.failed.append((email, reason))
                    log.warning("not delivered to %s: %s", email, reason)
                    return
                delay = self.config.backoff * 2 ** (attempt - 1)
                log.info("temporary failure for %s (%s); retrying in %.1fs", email, exc, delay)
                self.sleep(delay)
            else:
                report.delivered.append(email)
                if self.on_sent:
                    self.on_sent(email)
                return

    def _send(self, digest_id: str, email: str, data: bytes) -> None:
        self._pace()
        try:
            connection = self._connect()
            self.store.ledger_mark(digest_id, email, "sending")
            connection.sendmail(self.envelope.sender.addr_spec, [email], data)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            raise _classify(code, reply) from exc
        except smtplib.SMTPResponseException as exc:  # sender refused, data refused, 4xx/5xx
            if isinstance(exc, smtplib.SMTPAuthenticationError):
                raise DeliveryError(
                    f"SMTP login refused by {self.config.host} ({exc.smtp_code}); check "
                    "DIGEST_SMTP_USERNAME and DIGEST_SMTP_PASSWORD"
                ) from exc
            raise _classify(exc.smtp_code, exc.smtp_error) from exc
        except (
            TimeoutError,
            smtplib.SMTPServerDisconnected,
            smtplib.SMTPConnectError,
            ConnectionError,
        ) as exc:
            raise _Transient(f"connection problem: {type(exc).__name__}: {exc}") from exc
        except ssl.SSLError as exc:
            raise DeliveryError(
                f"TLS with {self.config.host} failed ({exc.reason}); check DIGEST_SMTP_SECURITY "
                "and DIGEST_SMTP_CA_FILE"
            ) from exc
        except OSError as exc:
            raise _Transient(f"network error: {exc}") from exc
        self.store.ledger_mark(digest_id, email, "sent")
        self._last_send = time.monotonic()

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
        try:
            if cfg.security == "ssl":
                connection: smtplib.SMTP = smtplib.SMTP_SSL(
                    cfg.host, cfg.port, timeout=cfg.timeout, context=context
                )
            else:
                connection = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
                connection.ehlo()
                if cfg.security == "starttls":
                    connection.starttls(context=context)
                    connection.ehlo()
            if cfg.username:
                secret = cfg.password.get_secret_value() if cfg.password else ""
                connection.login(cfg.username, secret)
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(
                f"SMTP login refused by {cfg.host} ({exc.smtp_code}); check DIGEST_SMTP_USERNAME "
                "and DIGEST_SMTP_PASSWORD"
            ) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise DeliveryError(
                f"{cfg.host} does not support what DIGEST_SMTP_SECURITY asks "
                f"for ({exc}); try another security mode"
            ) from exc
        except ssl.SSLCertVerificationError as exc:
            raise DeliveryError(
                f"the TLS certificate of {cfg.host} could not be verified ({exc.verify_message}); "
                "set DIGEST_SMTP_CA_FILE for a private CA"
            ) from exc
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


def _classify(code: int, reply: bytes | str) -> Exception:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    message = f"{code} {text}".strip()
    return _Transient(message) if 400 <= code < 500 else _Permanent(message)
