"""Text written right to left in a left-to-right email.

An Arabic, Hebrew, Persian or Urdu story among English ones needs its own direction: without
it a mail client lays its line out left to right, and its closing stop and quote marks land at
the wrong end. The direction is decided here from the text itself (its first letter that has
one, as the Unicode bidirectional algorithm does for a paragraph) and written as ``dir="rtl"``,
which Gmail, Apple Mail and Outlook honour, rather than ``dir="auto"``, which not all do.
"""

from __future__ import annotations

import unicodedata

import markupsafe

_PROBE = 200  # characters looked at for the first letter with a direction


def is_rtl(text: str) -> bool:
    """Whether the first letter of ``text`` that has a direction is right to left."""
    for char in text[:_PROBE]:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def rtl_attribute(text: str) -> markupsafe.Markup:
    """`` dir="rtl"`` for a text written right to left, else nothing (the email's own
    direction holds)."""
    return markupsafe.Markup(' dir="rtl"' if is_rtl(text) else "")
