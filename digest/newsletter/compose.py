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


_NO_SUMMARY = (
    "no sentence of it reads as a summary or fits the word budget (a page of teasers or dates?); "
    "check the page, or raise DIGEST_SUMMARY_MAX_WORDS"
)


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
        Problem(item.article.source, "compose", _NO_SUMMARY)
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


SUBJECT_LIMIT = 70  # what most inboxes show on a phone before cutting
PREHEADER_LIMIT = 110


def subject_line(digest: Digest, newsletter_name: str) -> str:
    """The lead story's headline, under :data:`SUBJECT_LIMIT` characters. The newsletter's
    name is already the sender's name and the date the message's, so neither is repeated."""
    lead = digest.lead
    if lead is None:
        return one_line(f"{newsletter_name}: {digest.date:%b} {digest.date.day}")
    return one_line(lead.article.title, limit=SUBJECT_LIMIT)


def preheader_text(digest: Digest) -> str:
    """The inbox preview after the subject: the next stories' headlines (the subject already
    names the lead); the lead's first sentence when it is the only story."""
    if digest.lead is None:
        return "No stories today."
    rest = [one_line(item.article.title, limit=48) for item in digest.items[1:4]]
    if not rest:
        return one_line(digest.lead.summary.sentences[0], limit=PREHEADER_LIMIT)

    def teaser(titles: list[str]) -> str:
        more = len(digest.items) - 1 - len(titles)
        return "Also: " + " · ".join(titles) + (f" + {more} more" if more > 0 else "")

    shown = [rest[0]]
    for title in rest[1:]:
        if len(teaser([*shown, title])) > PREHEADER_LIMIT:
            break
        shown.append(title)
    return one_line(teaser(shown), limit=PREHEADER_LIMIT)
