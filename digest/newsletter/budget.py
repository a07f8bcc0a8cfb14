"""The HTML byte budget: what Gmail would clip is never sent.

Gmail clips a message whose HTML part is over about 102 KB (as sent: after quoted-printable or
base64 encoding) and hides the rest, the unsubscribe link and postal address included. The
digest is rendered so that its encoded HTML part, with the longest recipient-specific fields
filled in, stays under ``DIGEST_HTML_BUDGET_BYTES``. When all items in full do not fit, the
lowest-ranked items are shortened first (one summary sentence, no quotes, image or related
links), then moved to a "More stories" list of headline links, then (only for a very long
list) counted in one line; the lead story and the footer are always kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from digest.models import FIELD_TOKEN, RenderedDigest
from digest.newsletter.message import html_part_size

log = logging.getLogger("digest.newsletter")

# The longest a recipient's fields can make the HTML: names are cut at 100 characters on
# load, addresses are at most 254; both two-byte characters (six bytes once quoted-printable).
# The unsubscribe link gets the address URL-quoted (three bytes a character) and room for a
# signed token; the preferences link may be a signed web-app link too.
WORST_NAME = "é" * 100
WORST_EMAIL = "e" * 64 + "@" + "d" * 185 + ".test"
WORST_FIELD = "é" * 100
UNSUBSCRIBE_RESERVE = "%40" * 254 + "t" * 256
PREFERENCES_RESERVE = "t" * 512  # a signed web-app link: its own URL, an id and a MAC


@dataclass(frozen=True)
class Layout:
    """Items ``[0:full]`` in full, ``[full:shown]`` shortened, ``[shown:listed]`` as links."""

    full: int
    shown: int
    listed: int


def worst_case_size(rendered: RenderedDigest) -> int:
    """Encoded size of the HTML part of the largest personalised copy of ``rendered``."""
    separator = "&" if "?" in rendered.unsubscribe_url else "?"
    fields = {key: WORST_FIELD for key in FIELD_TOKEN.findall(rendered.html)}
    copy = rendered.personalize(
        name=WORST_NAME,
        email=WORST_EMAIL,
        unsubscribe_url=f"{rendered.unsubscribe_url}{separator}u={UNSUBSCRIBE_RESERVE}",
        fields=fields,
        preferences_url=f"{rendered.preferences_url}/{PREFERENCES_RESERVE}",
    )
    return html_part_size(copy.html)


def _largest(low: int, high: int, fits: Callable[[int], bool]) -> int:
    """The largest ``k`` in ``[low, high]`` with ``fits(k)``, given ``fits(low)`` and that
    ``fits`` is monotone (true up to some point)."""
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def fit_layout(
    count: int, render: Callable[[Layout], RenderedDigest], budget: int
) -> RenderedDigest:
    """The richest layout of ``count`` ranked items whose encoded HTML fits ``budget``."""
    cache: dict[Layout, tuple[RenderedDigest, int]] = {}

    def attempt(layout: Layout) -> tuple[RenderedDigest, int]:
        if layout not in cache:
            rendered = render(layout)
            cache[layout] = (rendered, worst_case_size(rendered))
        return cache[layout]

    def fits(layout: Layout) -> bool:
        return attempt(layout)[1] <= budget

    everything = Layout(count, count, count)
    if budget <= 0 or count <= 1 or fits(everything):
        return attempt(everything)[0]
    lead = min(count, 1)
    if fits(Layout(lead, count, count)):  # shorten the lowest-ranked items
        full = _largest(lead, count, lambda k: fits(Layout(k, count, count)))
        layout = Layout(full, count, count)
    elif fits(Layout(lead, lead, count)):  # then list them as More stories
        shown = _largest(lead, count, lambda k: fits(Layout(lead, k, count)))
        layout = Layout(lead, shown, count)
    else:  # a very long list: only as many links as fit
        listed = _largest(lead, count, lambda k: fits(Layout(lead, lead, k)))
        layout = Layout(lead, lead, listed)
    rendered, size = attempt(layout)
    log.info(
        "HTML budget %d bytes: %d item(s) in full, %d shortened, %d listed, %d counted "
        "(encoded HTML %d bytes)",
        budget,
        layout.full,
        layout.shown - layout.full,
        max(layout.listed - layout.shown, 0),
        count - max(layout.listed, layout.shown),
        size,
    )
    return rendered
