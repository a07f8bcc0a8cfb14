"""Batches in worker processes give what the same batches give in this process."""

from __future__ import annotations

from digest.models import Article
from digest.pipeline.workers import (
    Workers,
    batches,
    clean_batch,
    quote_batch,
    summarize_batch,
)
from tests.articles import TOPICS, paragraphs, title


def articles() -> list[Article]:
    return [
        Article(
            id=f"{topic}{n}",
            title=title(topic),
            text="\n\n".join(paragraphs(topic)[n:] + paragraphs(topic)[:n]),
            source=f"feeds/{topic}{n}.txt",
        )
        for topic in TOPICS
        for n in range(3)
    ] + [Article(id="empty", title="Nothing", text="   ", source="feeds/empty.txt")]


def run(pool: Workers, size: int) -> tuple[object, ...]:
    cleaned, clean_problems = [], []
    for found, failed in [
        f.result() for f in [pool.submit(clean_batch, b) for b in batches(articles(), size)]
    ]:
        cleaned.extend(found)
        clean_problems.extend(failed)
    summaries: dict[str, object] = {}
    quotes: dict[str, object] = {}
    for group in batches(cleaned, size):
        found_summaries, _ = pool.submit(summarize_batch, group, "default", 3, 100).result()
        summaries.update(found_summaries)
        found_quotes, _ = pool.submit(quote_batch, group, found_summaries, 3).result()
        quotes.update(found_quotes)
    return cleaned, clean_problems, summaries, quotes


def test_processes_and_batch_sizes_give_the_same_results() -> None:
    in_place = run(Workers(0), 100)
    with Workers(2) as pool:
        assert pool.processes == 2
        for size in (1, 4):
            assert run(pool, size) == in_place
    cleaned, clean_problems, summaries, quotes = in_place
    assert len(cleaned) == 9 and "no article text" in clean_problems[0].reason  # type: ignore[index]
    assert len(summaries) == 9 and any(quotes.values())  # type: ignore[attr-defined]


def test_a_failure_in_a_worker_comes_back_as_the_exception() -> None:
    with Workers(2) as pool:
        future = pool.submit(int, "not a number")
        try:
            future.result()
        except ValueError as exc:
            assert "not a number" in str(exc)
        else:  # pragma: no cover
            raise AssertionError("the worker's ValueError was lost")
