"""Deterministic parts of an evaluation file, by a hash of each record's id.

- ``even``/``odd``: halves by an MD5 of the id (the default summarizer's weights were chosen on
  ``even``; ``odd`` is held out).
- ``fit``/``heldout``: about 75% / 25% by a SHA-256 of ``"quotes-split:" + id``. The quote
  attribution model (:mod:`digest.quotes.fit`) is fitted on the ``fit`` part of
  ``quotes-train.jsonl`` only; ``heldout`` is kept out of fitting and unread, to report on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from digest.errors import ConfigError

SUBSETS = ("all", "even", "odd", "fit", "heldout")


def is_heldout(record_id: object) -> bool:
    """True for about one id in four: the part of a training file kept out of fitting."""
    digest = hashlib.sha256(f"quotes-split:{record_id}".encode()).hexdigest()
    return int(digest, 16) % 4 == 0


def subset(rows: Iterable[dict[str, Any]], which: str) -> list[dict[str, Any]]:
    """``all``, the ``even``/``odd`` half by a hash of the id, or the ``fit`` (~75%) /
    ``heldout`` (~25%) part by another hash of the id."""
    rows = list(rows)
    if which == "all":
        return rows
    if which in ("fit", "heldout"):
        return [r for r in rows if is_heldout(r["id"]) == (which == "heldout")]
    if which not in ("even", "odd"):
        raise ConfigError(f"unknown subset {which!r}; use one of {', '.join(SUBSETS)}")
    parity = 0 if which == "even" else 1
    return [
        r for r in rows if int(hashlib.md5(str(r["id"]).encode()).hexdigest(), 16) % 2 == parity
    ]
