"""Select: which of the ingested articles go into today's digest, and in what order.

Pure functions (the sent record is read by the caller and passed in):

1. De-duplicate: the same canonical URL, the same headline, or near-duplicate text (Jaccard
   similarity of word 5-gram shingles >= ``DUPLICATE_JACCARD``) is one story; the richer copy
   (more words, then more metadata) is kept.
2. Drop what is older than the time window (articles without a publication time are kept) and
   what went into an earlier digest.
3. Group coverage of the same story from different sources into one item (tf-idf cosine of
   headline + lead >= ``CLUSTER_COSINE``); articles of one source are never grouped.
4. Rank: stories covered by more sources first, then the newest, then ingest order. Apply the
   per-source limit and the ``max_items`` cap.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from digest.models import Article, Problem, stable_id
from digest.pipeline.similarity import ShinglePrefixIndex, TermIndex

DUPLICATE_JACCARD = 0.5
CLUSTER_COSINE = 0.35
SHINGLE = 5
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$", re.I)
_STOP = frozenset(
    """
    the a an and or of to in on for with at by from as is are was were be been it its that
    this after over new says said will has have had not but who what
    """.split()
)


@dataclass(frozen=True)
class Story:
    lead: Article
    related: tuple[Article, ...] = ()

    @property
    def coverage(self) -> int:
        return 1 + len(self.related)


@dataclass
class Selection:
    stories: list[Story] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)


def normalize_url(url: str) -> str:
    """Scheme/host lower-cased, tracking parameters, fragment and trailing slash removed."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def article_key(article: Article) -> str:
    """The identity recorded in the sent record: the canonical URL, else the content."""
    if article.url:
        return normalize_url(article.url)
    return "text:" + stable_id(" ".join(article.title.split()).lower(), article.text[:2000])


def source_of(article: Article) -> str:
    if article.source_name:
        return article.source_name
    if article.url:
        return urlsplit(article.url).netloc.lower()
    return str(Path(article.source).parent)


def richness(article: Article) -> tuple[int, int]:
    metadata = sum(x is not None for x in (article.url, article.published, article.author))
    return (article.words, metadata)


def shingles(text: str) -> set[int]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE:
        return {hash(" ".join(words))} if words else set()
    return {hash(" ".join(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def deduplicate(articles: Sequence[Article]) -> tuple[list[Article], list[Problem]]:
    """Each article is a duplicate of the first kept article with the same canonical URL, the
    same headline or near-duplicate text; candidates come from indexes (URL and headline dicts,
    a shingle prefix index) and are verified by the exact rule, so the decisions are those of
    comparing every pair, in time that grows with the number of articles."""
    sets = [shingles(article.text) for article in articles]
    near = ShinglePrefixIndex(DUPLICATE_JACCARD, sets)
    by_url: defaultdict[str, set[int]] = defaultdict(set)
    by_title: defaultdict[str, set[int]] = defaultdict(set)
    kept: list[_Kept] = []
    skipped: list[Problem] = []
    for article, sh in zip(articles, sets, strict=True):
        entry = _Kept(article, sh)
        candidates = near.candidates(sh) | by_title.get(entry.title, set())
        if entry.url:
            candidates |= by_url.get(entry.url, set())
        match = next((k for k in sorted(candidates) if entry.duplicates(kept[k])), None)
        if match is None:
            slot = len(kept)
            kept.append(entry)
        else:
            slot, other = match, kept[match]
            if richness(article) <= richness(other.article):
                skipped.append(Problem(article.source, "select", f"duplicate of {other.source}"))
                continue
            skipped.append(Problem(other.source, "select", f"duplicate of {article.source}"))
            near.remove(slot, other.shingles)
            by_title[other.title].discard(slot)
            if other.url:
                by_url[other.url].discard(slot)
            kept[slot] = entry
        near.add(slot, sh)
        by_title[entry.title].add(slot)
        if entry.url:
            by_url[entry.url].add(slot)
    return [entry.article for entry in kept], skipped


class _Kept:
    """A kept article with what the duplicate rule compares, computed once."""

    __slots__ = ("article", "shingles", "source", "title", "url")

    def __init__(self, article: Article, shingle_set: set[int]) -> None:
        self.article = article
        self.shingles = shingle_set
        self.source = article.source
        self.title = _norm_title(article.title)
        self.url = normalize_url(article.url) if article.url else ""

    def duplicates(self, other: _Kept) -> bool:
        same_url = bool(self.url) and self.url == other.url
        same_title = self.title == other.title
        return same_url or same_title or jaccard(self.shingles, other.shingles) >= DUPLICATE_JACCARD


def select_stories(
    articles: Sequence[Article],
    now: datetime,
    window_hours: float = 24,
    sent_keys: set[str] | frozenset[str] = frozenset(),
    max_items: int = 20,
    max_per_source: int = 0,
) -> Selection:
    selection = Selection()
    fresh: list[Article] = []
    for article in articles:
        if article_key(article) in sent_keys:
            selection.skipped.append(
                Problem(article.source, "select", "already in an earlier digest (use --force)")
            )
        elif (
            window_hours > 0
            and article.published is not None
            and article.published < now - timedelta(hours=window_hours)
        ):
            selection.skipped.append(
                Problem(
                    article.source,
                    "select",
                    f"older than {window_hours:g} hours "
                    f"(published {article.published:%Y-%m-%d %H:%M})",
                )
            )
        else:
            fresh.append(article)
    unique, duplicates = deduplicate(fresh)
    selection.skipped.extend(duplicates)
    order = {id(a): i for i, a in enumerate(unique)}
    stories = cluster(unique)
    stories.sort(
        key=lambda s: (
            -s.coverage,
            -(s.lead.published or now).timestamp(),
            order[id(s.lead)],
        )
    )
    per_source: Counter[str] = Counter()
    for story in stories:
        source = source_of(story.lead)
        if max_per_source and per_source[source] >= max_per_source:
            selection.skipped.append(
                Problem(
                    story.lead.source, "select", f"over the limit of {max_per_source} from {source}"
                )
            )
        elif len(selection.stories) >= max_items:
            selection.skipped.append(
                Problem(story.lead.source, "select", f"over the limit of {max_items} items")
            )
        else:
            per_source[source] += 1
            selection.stories.append(story)
    return selection


def cluster(articles: Sequence[Article]) -> list[Story]:
    """Group articles about the same story from different sources; the richest article of a
    group leads it. Two articles of one feed or file, or of one site, are never grouped: a
    source's posts on one topic are separate stories.

    An article joins the first group (in the order groups were started) that holds an article
    whose tf-idf cosine with it reaches ``CLUSTER_COSINE`` and none of its own origin; the
    candidates come from a term index and are verified by the exact cosine, as if every pair
    were compared."""
    vectors = _tfidf_vectors(articles)
    origins = [(a.source, source_of(a)) for a in articles]
    index = TermIndex(CLUSTER_COSINE, vectors)
    group_of: list[int] = []
    groups: list[list[int]] = []
    for i in range(len(articles)):
        joined: int | None = None
        passed: set[int] = set()
        for j in sorted(index.candidates(i), key=lambda j: (group_of[j], j)):
            candidate = group_of[j]
            if candidate in passed or _cosine(vectors[i], vectors[j]) < CLUSTER_COSINE:
                continue
            passed.add(candidate)
            if not any(_same_origin(origins[i], origins[k]) for k in groups[candidate]):
                joined = candidate
                break
        if joined is None:
            joined = len(groups)
            groups.append([])
        groups[joined].append(i)
        group_of.append(joined)
        index.add(i)
    stories: list[Story] = []
    for group in groups:
        members = sorted((articles[i] for i in group), key=richness, reverse=True)
        stories.append(Story(members[0], tuple(members[1:])))
    return stories


def _same_origin(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] == b[0] or a[1] == b[1]


def _norm_title(title: str) -> str:
    return " ".join(_WORD.findall(title.lower()))


def _tfidf_vectors(articles: Sequence[Article]) -> list[dict[str, float]]:
    docs = []
    for article in articles:
        lead = article.paragraphs[0] if article.paragraphs else ""
        words = [w.lower() for w in _WORD.findall(f"{article.title} {article.title} {lead}")]
        docs.append(Counter(w for w in words if w not in _STOP and len(w) > 2))
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    return [{t: tf * math.log((n + 1) / df[t]) for t, tf in doc.items()} for doc in docs]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0
