"""The indexed selection makes the decisions of comparing every pair.

The pairwise versions below are the reference (the rule as first written, slow on purpose);
the synthetic feed mixes exact copies, tracking-parameter URLs, re-used headlines, lightly
edited text, shared topics and unrelated stories, so that every rule fires often.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from digest.models import Article, Problem
from digest.pipeline.select import (
    CLUSTER_COSINE,
    DUPLICATE_JACCARD,
    Story,
    _cosine,
    _norm_title,
    _same_origin,
    _tfidf_vectors,
    cluster,
    deduplicate,
    jaccard,
    normalize_url,
    richness,
    shingles,
    source_of,
)
from digest.pipeline.similarity import ShinglePrefixIndex, TermIndex
from tests.articles import TOPICS

NOW = datetime(2026, 11, 29, 7, 0, tzinfo=UTC)
WORDS = (
    "council river market storm vote budget court school power trade fire water health "
    "energy rail police farm bank city state union tax port oil film art game team"
).split()


def pairwise_deduplicate(articles: Sequence[Article]) -> tuple[list[Article], list[Problem]]:
    kept: list[Article] = []
    kept_shingles: list[set[int]] = []
    skipped: list[Problem] = []
    for article in articles:
        sh = shingles(article.text)
        match = None
        for k, other in enumerate(kept):
            same_url = (
                article.url and other.url and normalize_url(article.url) == normalize_url(other.url)
            )
            same_title = _norm_title(article.title) == _norm_title(other.title)
            if same_url or same_title or jaccard(sh, kept_shingles[k]) >= DUPLICATE_JACCARD:
                match = k
                break
        if match is None:
            kept.append(article)
            kept_shingles.append(sh)
            continue
        other = kept[match]
        if richness(article) > richness(other):
            kept[match], kept_shingles[match] = article, sh
            article, other = other, article
        skipped.append(Problem(article.source, "select", f"duplicate of {other.source}"))
    return kept, skipped


def pairwise_cluster(articles: Sequence[Article]) -> list[Story]:
    vectors = _tfidf_vectors(articles)
    origins = [(a.source, source_of(a)) for a in articles]
    groups: list[list[int]] = []
    for i in range(len(articles)):
        for group in groups:
            if any(_same_origin(origins[i], origins[j]) for j in group):
                continue
            if any(_cosine(vectors[i], vectors[j]) >= CLUSTER_COSINE for j in group):
                group.append(i)
                break
        else:
            groups.append([i])
    stories = []
    for group in groups:
        members = sorted((articles[i] for i in group), key=richness, reverse=True)
        stories.append(Story(members[0], tuple(members[1:])))
    return stories


def synthetic_feed(count: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    topics = list(TOPICS.values())
    articles: list[Article] = []
    for n in range(count):
        roll = rng.random()
        if articles and roll < 0.15:  # a copy under another URL, maybe trimmed
            base = rng.choice(articles)
            paras = base.text.split("\n\n")
            text = "\n\n".join(paras[: rng.randint(1, len(paras))])
            article = replace(base, text=text, url=f"https://mirror{n}.example/{n}")
        elif articles and roll < 0.25:  # the same URL with tracking parameters
            base = rng.choice(articles)
            article = replace(base, url=f"{base.url}?utm_source=feed{n}", title=f"Other {n}")
        elif articles and roll < 0.32:  # the same headline, other words
            base = rng.choice(articles)
            article = replace(base, text=" ".join(rng.choices(WORDS, k=60)), url=None)
        elif articles and roll < 0.5:  # lightly edited text
            base = rng.choice(articles)
            words = base.text.split()
            for _ in range(rng.randint(1, max(len(words) // 6, 1))):
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            article = replace(base, text=" ".join(words), title=f"Edited {n}", url=None)
        else:  # a story on a known topic, with its own words mixed in
            headline, paras = rng.choice(topics)
            own = " ".join(rng.choices(WORDS, k=rng.randint(5, 80)))
            picked = rng.sample(paras, rng.randint(1, len(paras)))
            text = "\n\n".join([own, *picked]) if rng.random() < 0.5 else own
            title = headline if rng.random() < 0.3 else f"{rng.choice(WORDS)} {n} {headline[:20]}"
            article = Article(
                id=f"a{n}",
                title=title if rng.random() > 0.05 else "",
                text=text,
                source=f"feeds/{n}.txt",
                url=f"https://news{n % 7}.example/{n}" if rng.random() < 0.8 else None,
                published=NOW - timedelta(minutes=rng.randint(0, 600)),
                author="Writer" if rng.random() < 0.3 else None,
            )
        articles.append(replace(article, id=f"a{n}", source=f"feeds/{n}.txt"))
    return articles


def test_indexed_deduplicate_matches_pairwise() -> None:
    for seed in range(6):
        feed = synthetic_feed(160, seed)
        kept, skipped = deduplicate(feed)
        ref_kept, ref_skipped = pairwise_deduplicate(feed)
        assert [a.id for a in kept] == [a.id for a in ref_kept]
        assert skipped == ref_skipped
        assert skipped  # the feed does contain duplicates


def test_indexed_cluster_matches_pairwise() -> None:
    for seed in range(6):
        feed = synthetic_feed(160, seed)
        stories = cluster(feed)
        reference = pairwise_cluster(feed)
        assert [(s.lead.id, [a.id for a in s.related]) for s in stories] == [
            (s.lead.id, [a.id for a in s.related]) for s in reference
        ]
        assert any(s.related for s in stories)  # some stories are grouped


def test_prefix_index_never_misses_a_near_duplicate() -> None:
    rng = random.Random(7)
    sets = [set(rng.sample(range(60), rng.randint(1, 30))) for _ in range(300)]
    index = ShinglePrefixIndex(0.5, sets)
    for slot, s in enumerate(sets):
        found = index.candidates(s)
        assert all(k in found for k in range(slot) if jaccard(s, sets[k]) >= 0.5)
        index.add(slot, s)


def test_term_index_never_misses_a_similar_vector() -> None:
    rng = random.Random(3)
    vectors = [
        {rng.choice(WORDS): rng.random() * 3 for _ in range(rng.randint(0, 8))} for _ in range(300)
    ]
    index = TermIndex(0.35, vectors)
    for i, vector in enumerate(vectors):
        found = index.candidates(i)
        assert all(j in found for j in range(i) if _cosine(vector, vectors[j]) >= 0.35)
        index.add(i)
