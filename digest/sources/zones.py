"""A page time's zone written as an abbreviation ("2014-12-29 07:21:15 EST", "7:21 a.m. PDT").

htmldate reads such times with dateutil, which does not know the abbreviations and returns the
wall time with no zone; read as UTC, "07:21 EST" would be five hours early. Here the page is
searched for the time as htmldate returned it, followed by an abbreviation whose offset is not
ambiguous; the wall time then gets that offset ("ET", "PT" …: the local time of that US zone,
daylight saving time included). ("IST", "CST" in China, "BST" in Bangladesh are
read as their common English-language news meanings only where listed below.)
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

# Abbreviations with one meaning in English-language news, as hours east of UTC.
OFFSETS = {
    "UTC": 0, "GMT": 0, "Z": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "AST": -4, "ADT": -3, "NST": -3.5, "NDT": -2.5,
    "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "EET": 2, "EEST": 3,
    "MSK": 3, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AWST": 8, "ACST": 9.5, "ACDT": 10.5,
    "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}  # fmt: skip
# The US zones written without standard or daylight time ("10 a.m. ET"): the local time there.
REGIONS = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}  # fmt: skip
_ZONE = "|".join(sorted([*OFFSETS, *REGIONS], key=len, reverse=True))
SEARCHED = 2_000_000  # characters of a page searched (pages are capped when fetched)


def zone_in_page(html: bytes | str, wall: datetime) -> tzinfo | None:
    """The zone written after ``wall``'s time of day in the page, when one is and it is known."""
    text = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    hour12 = wall.hour % 12 or 12
    hours = {f"{wall.hour:02d}", str(wall.hour), str(hour12), f"{hour12:02d}"}
    pattern = re.compile(
        rf"(?<![\d:])(?:{'|'.join(sorted(hours))}):{wall.minute:02d}(?::\d\d)?"
        rf"(?:\s?[AaPp]\.?[Mm]\.?)?\s?\(?({_ZONE})(?![A-Za-z])"
    )
    match = pattern.search(text, 0, SEARCHED)
    if match is None:
        return None
    name = match.group(1)
    if name in REGIONS:
        return ZoneInfo(REGIONS[name])
    return timezone(timedelta(hours=OFFSETS[name]), name)
