"""The ledger writes of one SMTP delivery, kept off the time a message takes to send.

A send used to cost two commits of its own (the claim, then the mark), each waiting for the
disk. Now the claims of a batch of recipients (:data:`CLAIM_BATCH`) are one transaction that
also writes the marks of the sends before it, made while the server takes in the previous
message (the next message is built then too, :class:`Lookahead`), so the sender rarely waits
for the disk or the build:

- a message is still claimed (committed, ``BEGIN IMMEDIATE``) before it is handed to the
  server, so two processes never both send it;
- ``sent`` is still recorded only after the server's 250; it reaches the disk with the next
  batch's claims (or at the end of the delivery), so a process killed in between leaves those
  recipients ``sending``, which the ledger already reads as "maybe delivered": reported, never
  resent by itself (at most the batch under way, sent or not, and the next one claimed);
- when the delivery stops on an error (the server down, a refused header, Ctrl-C), the marks
  are written and a claim whose message never went out is undone (:meth:`Ledger.release`), so
  the next run sends it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Generic, TypeVar

from digest.delivery.ledger import Claim, Ledger, Mark

T = TypeVar("T")

# Recipients claimed in one transaction: one wait for the disk per batch, not per message.
# A process killed mid-delivery leaves up to this many (and the next batch) "maybe delivered".
CLAIM_BATCH = 32


class SendBook:
    """Claims and marks of one delivery (one newsletter, day and digest)."""

    def __init__(
        self, ledger: Ledger, newsletter: str, day: date, digest_id: str, force: bool
    ) -> None:
        self.ledger = ledger
        self.newsletter, self.day, self.digest_id, self.force = newsletter, day, digest_id, force
        self._marks: dict[str, tuple[str, str | None]] = {}  # recipient: (state, detail)
        self._unsent: dict[str, Claim] = {}  # claimed, not handed to a server yet

    def claim(self, recipient: str) -> Claim:
        """Claim the recipient (committed), writing the marks waiting, in one transaction."""
        claim = self.ledger.claim(
            self.newsletter, self.day, recipient, self.digest_id, self.force, self._take()
        )
        if claim.claimed:
            self._unsent[recipient] = claim
        return claim

    def claim_batch(self, recipients: list[str]) -> list[Claim]:
        """Claim several recipients (committed together), writing the marks waiting."""
        claims = self.ledger.claim_many(
            self.newsletter, self.day, recipients, self.digest_id, self.force, self._take()
        )
        for recipient, claim in zip(recipients, claims, strict=True):
            if claim.claimed:
                self._unsent[recipient] = claim
        return claims

    def handing_over(self, recipient: str) -> None:
        """The recipient's message is about to go to the server: no longer released on stop."""
        self._unsent.pop(recipient, None)

    def mark(self, recipient: str, state: str, detail: str | None = None) -> None:
        """Record an outcome; written with the next claim or :meth:`flush`."""
        self._marks[recipient] = (state, detail)

    def flush(self) -> None:
        marks = self._take()
        if marks:
            self.ledger.mark_many(marks)

    def close(self) -> None:
        """The end of the delivery, normal or not: write the marks, undo the unused claims."""
        self.flush()
        unsent, self._unsent = self._unsent, {}
        for recipient, claim in unsent.items():
            self.ledger.release(self.newsletter, self.day, recipient, claim)

    def _take(self) -> list[Mark]:
        marks = [
            (self.newsletter, self.day, recipient, state, detail)
            for recipient, (state, detail) in self._marks.items()
        ]
        self._marks.clear()
        return marks


class Lookahead(Generic[T]):
    """Items of an iterator, one made ahead when :meth:`fill` is called (while waiting for
    something else). An error while making it is raised by the :meth:`take` that wants it."""

    def __init__(self, items: Iterator[T]) -> None:
        self._items = items
        self._ready: list[T] = []
        self._error: Exception | None = None
        self._done = False

    def fill(self) -> None:
        if self._ready or self._done or self._error is not None:
            return
        try:
            self._ready.append(next(self._items))
        except StopIteration:
            self._done = True
        except Exception as exc:  # raised again by take()
            self._error = exc

    def take(self) -> T | None:
        self.fill()
        if self._ready:
            return self._ready.pop()
        if self._error is not None:
            raise self._error
        return None
