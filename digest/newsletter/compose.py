"""Compose: assemble the day's items into one :class:`Digest` (pure, no IO)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from digest.models import Digest, DigestItem, Problem, stable_id


def one_line(text: str, limit: int = 140) -> str:
    """Collapse all whitespace (CR/LF included) and cut at a word boundary with an ellipsis."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-—")
    return f"{cut}…"


def compose_digest(
    items: Sequence[DigestItem],
    day: date,
    newsletter_name: str,
    max_items: int = 20,
    problems: Sequence[Problem] = (),
) -> Digest:
    """The digest of ``day``: items with a summary, capped at ``max_items``, order kept."""
    kept = [item for item in items if item.summary.sentences][:max_items]
    dropped = [
        Problem(item.article.source, "compose", "no summary sentence fits the word budget")
        for item in items
        if not item.summary.sentences
    ]
    digest_id = stable_id(day.isoformat(), *(item.article.id for item in kept))
    title = f"{newsletter_name}: {day:%A, %B} {day.day}, {day.year}"
    return Digest(
        id=digest_id,
        date=day,
        title=title,
        items=tuple(kept),
        problems=(*problems, *dropped),
    )


def subject_line(digest: Digest, newsletter_name: str) -> str:
    """A one-line subject: the lead story's headline after the newsletter name."""
    lead = digest.lead
    when = f"{digest.date:%b} {digest.date.day}"
    if lead is None:
        return one_line(f"{newsletter_name} | {when}")
    return one_line(f"{newsletter_name} | {when}: {lead.article.title}", limit=150)
