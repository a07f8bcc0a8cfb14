"""Delivery: the outbox (atomic files), SMTP (with the send ledger), subscribers, a local sink.

Every delivery takes a rendered digest and the subscribers and returns a
:class:`~digest.delivery.outbox.DeliveryReport`.
"""

from digest.delivery.outbox import DeliveryReport, Envelope, OutboxDelivery
from digest.delivery.smtp import SmtpConfig, SmtpDelivery
from digest.delivery.subscribers import Subscriber, load_subscribers

__all__ = [
    "DeliveryReport",
    "Envelope",
    "OutboxDelivery",
    "SmtpConfig",
    "SmtpDelivery",
    "Subscriber",
    "load_subscribers",
]
