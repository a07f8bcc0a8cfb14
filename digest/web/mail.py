"""The confirmation email of a sign-up, sent through the configured delivery: a file in
``<outbox>/confirmations/`` or one message over SMTP (same settings as the digest's)."""

from __future__ import annotations

import logging
import smtplib
import ssl
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from digest.delivery.outbox import atomic_write, safe_name
from digest.errors import DeliveryError
from digest.newsletter.message import message_bytes, parse_address, safe_address
from digest.settings import Settings
from digest.text.safety import header_text

log = logging.getLogger("digest.web.mail")


def confirmation_message(settings: Settings, recipient: Address, link: str) -> EmailMessage:
    sender = parse_address(settings.from_address, "DIGEST_FROM")
    name = header_text(settings.newsletter_name)
    hours = f"{settings.confirm_hours:g}"
    message = EmailMessage(policy=SMTP)
    message["Subject"] = f"Confirm your subscription to {name}"
    message["From"] = safe_address(sender)
    message["To"] = safe_address(recipient)  # the name comes from a web form: hostile
    message["Date"] = format_datetime(datetime.now().astimezone())
    message["Message-ID"] = make_msgid("confirm", sender.domain or "localhost")
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(
        f"Someone (we hope you) asked to receive {name} at this address.\n\n"
        f"To confirm, open this link within {hours} hours:\n\n{link}\n\n"
        "If it was not you, ignore this email: nothing will be sent to you.\n",
        charset="utf-8",
    )
    return message


def send_confirmation(settings: Settings, recipient: Address, link: str) -> None:
    """Hand the confirmation to the outbox or the SMTP server; DeliveryError when it fails."""
    message = confirmation_message(settings, recipient, link)
    data = message_bytes(message)  # headers verified: a DeliveryError if they are not as set
    if settings.delivery == "outbox":
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
        path = settings.outbox / "confirmations" / f"{stamp}-{safe_name(recipient.addr_spec)}.eml"
        try:
            atomic_write(path, data)
        except OSError as exc:
            raise DeliveryError(
                f"cannot write {path} ({exc.strerror}); check DIGEST_OUTBOX"
            ) from exc
        return
    try:
        with _connect(settings) as connection:
            sender = parse_address(settings.from_address, "DIGEST_FROM").addr_spec
            connection.sendmail(sender, [recipient.addr_spec], data)
    except (smtplib.SMTPException, OSError) as exc:
        log.warning("confirmation not sent: %s", type(exc).__name__)
        raise DeliveryError(f"the confirmation email could not be sent ({exc})") from exc


def _connect(settings: Settings) -> smtplib.SMTP:
    host, port, timeout = settings.smtp_host, settings.smtp_port_or_default, settings.smtp_timeout
    cafile = str(settings.smtp_ca_file) if settings.smtp_ca_file else None
    context = ssl.create_default_context(cafile=cafile)
    connection: smtplib.SMTP
    if settings.smtp_security == "ssl":
        connection = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        connection = smtplib.SMTP(host, port, timeout=timeout)
        if settings.smtp_security == "starttls":
            connection.starttls(context=context)
    if settings.smtp_username:
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
        connection.login(settings.smtp_username, password)
    return connection
