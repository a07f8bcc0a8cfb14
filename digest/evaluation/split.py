"""Deterministic halves of an evaluation file, by a hash of each record's id.

The default summarizer's weights were chosen on ``even``; ``odd`` is held out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from digest.errors import ConfigError


def subset(rows: Iterable[dict[str, Any]], which: str) -> list[dict[str, Any]]:
    """``all``, or the ``even``/``odd`` half by a hash of the id (the default summarizer's
    weights were chosen on ``even``; ``odd`` is held out)."""
    rows = list(rows)
    if which == "all":
        return rows
    if which not in ("even", "odd"):
        raise ConfigError(f"unknown subset {which!r}; use all, even or odd")
    parity = 0 if which == "even" else 1
    return [
        r for r in rows if int(hashlib.md5(str(r["id"]).encode()).hexdigest(), 16) % 2 == parity
    ]
