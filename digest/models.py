"""Typed records passed between the stages."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime


def stable_id(*parts: str) -> str:
    """A short, stable identifier derived from the given strings."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass(frozen=True)
class Article:
    """One news article, as ingested (and later cleaned).

    ``text`` holds the body only (no headline): paragraphs separated by one blank line.
    """

    id: str
    title: str
    text: str
    source: str
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    source_name: str | None = None
    image_url: str | None = None
    published_date_only: bool = False  # the source gave a day, no time: show the date only

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]


@dataclass(frozen=True)
class Problem:
    """Something that was skipped, with the reason, for the end-of-run report."""

    source: str
    stage: str
    reason: str
    kept: bool = False  # a note: the article went on (a teaser used when its page failed)

    def __str__(self) -> str:
        return f"{self.source} ({self.stage}): {self.reason}"


@dataclass
class LoadResult:
    """What loading sources gave: articles, and problems for what was skipped."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def extend(self, other: LoadResult) -> None:
        self.articles.extend(other.articles)
        self.problems.extend(other.problems)


@dataclass(frozen=True)
class Summary:
    article_id: str
    sentences: tuple[str, ...]
    method: str

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True)
class Quote:
    """A direct quote: the words inside the quote marks and who said them (None if unknown)."""

    text: str
    speaker: str | None
    start: int = 0  # where the quote's first piece starts and ends in the article text
    end: int = 0
    role: str | None = None
    cue: str | None = None
    how: str | None = None  # how the speaker was found: after, before, inherited, ...
    confidence: float | None = None  # how likely the speaker is right (None: no speaker)
    key: bool = False  # the digest would show it (see digest.quotes.keyquotes)
    mention: str | None = None  # how the attribution names the speaker: name, pronoun, ...

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class DigestItem:
    article: Article
    summary: Summary
    quotes: tuple[Quote, ...] = ()
    related: tuple[Article, ...] = ()  # other coverage of the same story

    @property
    def anchor(self) -> str:
        return f"story-{self.article.id}"


@dataclass(frozen=True)
class Digest:
    """Everything one day's email says, before it is rendered."""

    id: str
    date: date
    title: str
    items: tuple[DigestItem, ...]
    problems: tuple[Problem, ...] = field(default=())

    @property
    def lead(self) -> DigestItem | None:
        return self.items[0] if self.items else None


# Placeholders left in the rendered bodies for what differs per recipient; rendering and CSS
# inlining happen once per digest, personalising is a string replacement.
NAME_TOKEN = "digest-recipient-name-token"
EMAIL_TOKEN = "digest-recipient-email-token"
UNSUBSCRIBE_TOKEN = "digest-unsubscribe-url-token"
PREFERENCES_TOKEN = "digest-preferences-url-token"
FIELD_TOKEN = re.compile(r"digest-field-([a-z0-9_]+)-token")
TOKENS = (NAME_TOKEN, EMAIL_TOKEN, UNSUBSCRIBE_TOKEN, PREFERENCES_TOKEN)


@dataclass(frozen=True)
class RenderedDigest:
    """The digest as email bodies: rendered once, then addressed to each recipient."""

    digest: Digest
    subject: str
    html: str
    text: str
    preheader: str
    unsubscribe_url: str = ""
    preferences_url: str = ""

    def personal(
        self,
        name: str | None = None,
        email: str | None = None,
        unsubscribe_url: str | None = None,
        fields: dict[str, str] | None = None,
        preferences_url: str | None = None,
    ) -> Personal:
        """What :meth:`personalize` fills in for one reader (bidi-filtered, not yet escaped)."""
        from digest.text.safety import strip_bidi  # here: digest.text imports this module

        url = unsubscribe_url or self.unsubscribe_url
        values = (
            (NAME_TOKEN, f", {strip_bidi(name)}" if name else ""),
            (EMAIL_TOKEN, f" as {email}" if email else ""),
            (UNSUBSCRIBE_TOKEN, url),
            (PREFERENCES_TOKEN, preferences_url or self.preferences_url),
        )
        extra = {key: strip_bidi(value) for key, value in (fields or {}).items()}
        return Personal(values, extra, url)

    def personalize(
        self,
        name: str | None = None,
        email: str | None = None,
        unsubscribe_url: str | None = None,
        fields: dict[str, str] | None = None,
        preferences_url: str | None = None,
    ) -> RenderedDigest:
        """A copy addressed to one reader: greeting name, address, unsubscribe link and the
        subscriber's extra fields (``{{ field("x") }}`` in a template); escaped for HTML."""
        from html import escape

        values = self.personal(name, email, unsubscribe_url, fields, preferences_url)
        return replace(
            self,
            html=values.fill(self.html, escape),
            text=values.fill(self.text, str),
            unsubscribe_url=values.unsubscribe_url,
        )


@dataclass(frozen=True)
class Personal:
    """One reader's values for the placeholders of a rendered digest."""

    values: tuple[tuple[str, str], ...]  # (token, value), replaced in this order
    extra: dict[str, str]  # subscriber fields, for FIELD_TOKEN
    unsubscribe_url: str

    def fill(self, body: str, quote: Callable[[str], str]) -> str:
        for token, value in self.values:
            body = body.replace(token, quote(value))
        return FIELD_TOKEN.sub(lambda m: quote(self.extra.get(m.group(1), "")), body)


def has_placeholder(text: str) -> bool:
    """Whether ``text`` holds anything :meth:`Personal.fill` replaces."""
    return "digest-" in text and (
        any(token in text for token in TOKENS) or FIELD_TOKEN.search(text) is not None
    )
