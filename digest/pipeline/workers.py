"""Per-article work on every core: batches of articles run in worker processes.

Summaries, quotes and cleaning are pure Python, so threads take turns on one core (the GIL). A
:class:`Workers` pool runs whole batches in processes instead: one pickled batch of articles
goes out and one dict of results comes back, which costs a few milliseconds next to the
hundreds a batch takes. The functions here are what a worker runs; they build their summarizer
once per process. ``Workers(0)`` (or one core) runs everything in the calling process, and the
results are the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from functools import lru_cache
from typing import Any, TypeVar

from digest.models import Article, Problem, Quote, Summary
from digest.pipeline.stages import clean_all, quote_all, summarize_all
from digest.summaries.summarizer import ArticleSummarizer

T = TypeVar("T")
# Imported once in the fork server, so each worker starts with them loaded.
_PRELOAD = ["digest.pipeline.workers"]


def default_workers() -> int:
    """One process per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class Workers:
    """A process pool for article batches, or the calling process when ``processes < 2``.

    Worker processes come from a fork server (a clean process that has imported the pipeline),
    never forked from the caller, whose threads (Prefect's, the event loop's) may hold locks."""

    def __init__(self, processes: int | None = None) -> None:
        self.processes = default_workers() if processes is None else processes
        self._pool: Executor | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        if self.processes < 2:
            future: Future[T] = Future()
            try:
                future.set_result(fn(*args))
            except BaseException as exc:
                future.set_exception(exc)
            return future
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_PRELOAD)
            self._pool = ProcessPoolExecutor(self.processes, mp_context=context)
        return self._pool.submit(fn, *args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


@lru_cache(maxsize=8)
def _summarizer(method: str, sentences: int, max_words: int) -> ArticleSummarizer:
    return ArticleSummarizer(method, sentences, max_words)


def summarize_batch(
    articles: Sequence[Article], method: str, sentences: int, max_words: int
) -> tuple[dict[str, Summary], list[Problem]]:
    return summarize_all(articles, _summarizer(method, sentences, max_words))


def quote_batch(
    articles: Sequence[Article], summaries: dict[str, Summary], max_quotes: int
) -> tuple[dict[str, tuple[Quote, ...]], list[Problem]]:
    return quote_all(articles, summaries, max_quotes)


def clean_batch(articles: Sequence[Article]) -> tuple[list[Article], list[Problem]]:
    return clean_all(articles)


def batches(articles: Sequence[Article], size: int) -> list[list[Article]]:
    return [list(articles[i : i + size]) for i in range(0, len(articles), size)]
