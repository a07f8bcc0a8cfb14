"""Blocks repeated across the articles of one site: the site's furniture, not any one story.

A sign-up box, an author bio, a disclaimer or a "More from us" line that a feed's pages all
carry is the same text in article after article; a story's own paragraphs are not. Within the
articles one source gave, grouped by the host of their links (else the source name), a
paragraph is dropped when it appears, as a whole, in at least ``MIN_ARTICLES`` of them, or in
two when it is short (under ``SHORT_WORDS`` words) and the group has two. Only the repeated
paragraph goes, never what is around it, and an article keeps its text if every paragraph of it
repeats (then the copies are the story, e.g. the same post twice).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from digest.models import Article

MIN_ARTICLES = 3
SHORT_WORDS = 40
_SPLIT = re.compile(r"\n\s*\n")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _key(paragraph: str) -> str:
    return " ".join(_WORD.findall(paragraph.casefold()))


def _group(article: Article) -> str:
    host = urlsplit(article.url).hostname if article.url else None
    return (host or "").removeprefix("www.") or article.source_name or article.source


def repeated_paragraphs(articles: Sequence[Article]) -> set[str]:
    """The normalized paragraphs that count as site furniture among ``articles`` (one site)."""
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update({_key(p) for p in _SPLIT.split(article.text) if _key(p)})
    found = set()
    for key, n in counts.items():
        short = len(key.split()) < SHORT_WORDS
        if n >= MIN_ARTICLES or (n >= 2 and short and len(articles) == 2):
            found.add(key)
    return found


def drop_repeated(articles: Sequence[Article]) -> list[Article]:
    """``articles`` (in order) without the paragraphs repeated across their site's articles."""
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        groups[_group(article)].append(article)
    repeated = {name: repeated_paragraphs(group) for name, group in groups.items()}
    out: list[Article] = []
    for article in articles:
        drop = repeated[_group(article)]
        paragraphs = [p for p in _SPLIT.split(article.text) if p.strip()]
        kept = [p for p in paragraphs if _key(p) not in drop]
        if drop and kept and len(kept) < len(paragraphs):
            article = replace(article, text="\n\n".join(kept))
        out.append(article)
    return out
