"""Measure what a Prefect task run costs next to the per-article work, to choose batch sizes.

    python -m flows.bench [--articles 200] [--batch-sizes 1 5 25 100]

Runs the summarize stage on N copies of the seed article (each slightly different) as tasks of
each batch size, in one flow run on the thread runner (ephemeral mode unless PREFECT_API_URL is
set), and prints wall time per batch size beside the same work without Prefect. Median of
``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from digest.models import Article
from digest.pipeline.stages import summarize_all
from digest.sources.files import read_text_article
from digest.summaries.summarizer import ArticleSummarizer
from digest.text.clean import clean_article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@task(cache_policy=NO_CACHE)
def summarize_chunk(articles: list[Article]) -> int:
    summaries, _ = summarize_all(articles, ArticleSummarizer())
    return len(summaries)


@flow(name="bench-batches")
def bench_flow(count: int, batch_sizes: list[int], repeat: int) -> dict[int, float]:
    articles = make_articles(count)  # built here: flow parameters are kept small
    timings: dict[int, float] = {}
    for size in batch_sizes:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
            done = sum(f.result() for f in [summarize_chunk.submit(c) for c in chunks])
            runs.append(time.perf_counter() - start)
            assert done == len(articles)
        timings[size] = statistics.median(runs)
    return timings


def make_articles(count: int) -> list[Article]:
    seed = clean_article(read_text_article(next(SEEDS.glob("*.txt"))))[0]
    paragraphs = seed.paragraphs
    return [
        replace(seed, id=f"bench{n}", text="\n\n".join(paragraphs[n % 5 :] + paragraphs[: n % 5]))
        for n in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[1, 5, 25, 100])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles = make_articles(args.articles)
    plain = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        summarize_all(articles, ArticleSummarizer())
        plain.append(time.perf_counter() - start)
    timings = bench_flow(args.articles, args.batch_sizes, args.repeat)
    base = statistics.median(plain)
    print(f"\n{args.articles} articles, summarize stage, median of {args.repeat} runs")
    print(f"{'batch size':>10} {'task runs':>9} {'seconds':>8} {'ms/article':>10} {'vs plain':>8}")
    print(f"{'no Prefect':>10} {0:>9} {base:8.2f} {1000 * base / args.articles:10.1f} {1:8.2f}")
    for size, seconds in timings.items():
        runs = -(-args.articles // size)
        print(
            f"{size:>10} {runs:>9} {seconds:8.2f} {1000 * seconds / args.articles:10.1f} "
            f"{seconds / base:8.2f}"
        )


if __name__ == "__main__":
    main()
