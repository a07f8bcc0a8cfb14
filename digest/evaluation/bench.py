"""``digest bench``: how fast a run is, at a given size, through the library and the flow.

    digest bench --articles 1000 --subscribers 10000 [--json] [--input FILE.jsonl]

Builds N articles from an evaluation file (rows cycled with variations past its end: the first
half of one article joined to the second half of another, under its own headline and URL, so a
variation is new text, not a duplicate) and M subscribers, in a temporary folder, then measures
in this one process:

- ``library_s``: load, clean, select, summarize, quotes, compose and render through the library
  (the per-article batches on the worker processes), at N; ``scaling_exponent`` compares it
  with the same at N/4 (1 is linear);
- ``flow_s``: the same work as one ``daily-digest`` run (dry run); Prefect's API server is
  started before the clock (``server_start_s``), as a real deployment's server is;
- ``cpu_per_wall``: CPU seconds of this process and its workers over wall seconds, during the
  per-article stages of the library run (2.0 = both cores busy);
- ``send_per_s``: SMTP delivery of the default 20-item digest with the ledger to M
  subscribers, to a local aiosmtpd sink on 127.0.0.1, before the flow run;
  ``smtp_floor_per_s``: a plain smtplib loop sending the same message to the same sink;
  ``outbox_files_per_s``: the outbox writing M files;
- ``render_ms``: rendering a digest of 20 items, the default (median of 5); ``peak_rss_mb``:
  this process's peak.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import resource
import smtplib
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from digest.errors import ConfigError

DAY = date(2026, 11, 29)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def bench_rows(rows: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """``count`` article records from ``rows`` (each with ``id`` and ``text``)."""
    if not rows:
        raise ConfigError("the bench input has no articles; give a JSONL file with 'text'")
    published = datetime.combine(DAY, datetime.min.time(), tzinfo=UTC) + timedelta(hours=6)
    out = []
    for n in range(count):
        row = rows[n % len(rows)]
        cycle = n // len(rows)
        sentences = [s for s in _SENTENCE.split(" ".join(row["text"].split())) if s]
        if cycle:
            other = rows[(n + 7 * cycle) % len(rows)]
            tail = [s for s in _SENTENCE.split(" ".join(other["text"].split())) if s]
            sentences = sentences[: max(len(sentences) // 2, 1)] + tail[len(tail) // 2 :]
        paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
        headline = row.get("title") or " ".join(sentences[0].split()[:12]) if sentences else ""
        out.append(
            {
                "id": f"bench-{n}",
                "title": f"{headline} ({cycle})" if cycle else headline,
                "text": "\n\n".join(paragraphs),
                "url": f"https://news{n % 9}.example/{cycle}/{row['id']}",
                "source": f"News {n % 9}",
                "published": (published - timedelta(minutes=n % 600)).isoformat(),
            }
        )
    return out


def write_subscribers(path: Path, count: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["email", "name"])
        writer.writerows([f"reader{n}@example.com", f"Reader {n}"] for n in range(count))
    return path


@dataclass
class Clock:
    """Wall and CPU seconds (this process and its live worker processes) of a block."""

    wall: float = 0.0
    cpu: float = 0.0
    spans: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def measure(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), process_cpu()
        try:
            yield
        finally:
            self.wall += time.perf_counter() - wall
            self.cpu += process_cpu() - cpu
            self.spans[name] = self.spans.get(name, 0.0) + time.perf_counter() - wall


def process_cpu() -> float:
    """CPU seconds of this process and of every process under it that is still running."""
    import psutil

    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.Error:
            continue
    return total


def run_library(settings: Any, processes: int, stages: Clock) -> Any:
    """The flow's work through the library alone; returns the rendered digest."""
    from digest.models import Article, Problem, Quote, Summary
    from digest.newsletter.compose import compose_digest
    from digest.newsletter.render import render_digest
    from digest.pipeline import workers as work
    from digest.pipeline.select import select_stories
    from digest.pipeline.stages import brand_from, build_items, load_all, reference_time
    from flows.runtime import CLEAN_BATCH_FACTOR, article_workers

    pool = article_workers(processes)
    loaded = load_all(settings)
    articles: list[Article] = []
    problems: list[Problem] = list(loaded.problems)
    with stages.measure("clean"):
        size = settings.batch_size * CLEAN_BATCH_FACTOR
        cleaned = [pool.submit(work.clean_batch, b) for b in work.batches(loaded.articles, size)]
        for future in cleaned:
            found, failed = future.result()
            articles.extend(found)
            problems.extend(failed)
    selection = select_stories(
        articles,
        now=reference_time(DAY, settings.timezone),
        window_hours=settings.window_hours,
        max_items=settings.max_items,
    )
    problems.extend(selection.skipped)
    groups = work.batches([s.lead for s in selection.stories], settings.batch_size)
    summaries: dict[str, Summary] = {}
    quotes: dict[str, tuple[Quote, ...]] = {}
    with stages.measure("summarize+quotes"):
        futures = [
            pool.submit(
                work.summarize_batch,
                group,
                settings.summarizer,
                settings.summary_sentences,
                settings.summary_max_words,
            )
            for group in groups
        ]
        for summary_future in futures:
            found_summaries, failed_summaries = summary_future.result()
            summaries.update(found_summaries)
            problems.extend(failed_summaries)
        quote_futures = [
            pool.submit(
                work.quote_batch,
                g,
                {a.id: summaries[a.id] for a in g if a.id in summaries},
                settings.max_quotes,
            )
            for g in groups
        ]
        for quote_future in quote_futures:
            found_quotes, failed_quotes = quote_future.result()
            quotes.update(found_quotes)
            problems.extend(failed_quotes)
    items = build_items(selection.stories, summaries, quotes)
    digest = compose_digest(items, DAY, settings.newsletter_name, settings.max_items, problems)
    return render_digest(digest, brand_from(settings, DAY), settings.templates_dir)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def run_bench(
    input_path: Path, articles: int, subscribers: int, progress: Callable[[str], None] = print
) -> dict[str, float]:
    from digest.settings import load_settings

    try:
        rows = [json.loads(line) for line in input_path.read_text("utf-8").splitlines() if line]
    except (OSError, json.JSONDecodeError) as exc:
        message = f"cannot read the bench input {input_path} ({exc}); check --input"
        raise ConfigError(message) from exc
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        folder = Path(tmp)
        # On a busy machine Prefect's temporary server may need more than its default 20 s.
        os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "300")
        os.environ.update(
            DIGEST_STATE_DIR=str(folder / "state"),
            DIGEST_WINDOW_HOURS="0",
            DIGEST_MAX_ITEMS=str(min(200, articles)),
        )
        sizes = {"warm-up": min(articles, 8), "quarter": max(articles // 4, 1), "full": articles}
        sources: dict[str, Path] = {}
        for name, count in sizes.items():
            sources[name] = folder / f"articles-{name}.jsonl"
            lines = (json.dumps(r, ensure_ascii=False) for r in bench_rows(rows, count))
            sources[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
        settings = {
            name: load_settings(sources=[str(path)], max_items=min(200, articles))
            for name, path in sources.items()
        }
        from flows.runtime import worker_processes

        processes = worker_processes(settings["full"])
        # The workers are up and have loaded their models before the clock starts.
        run_library(settings["warm-up"], processes, Clock())
        progress(f"library run, {sizes['quarter']} articles")
        quarter_s, _ = timed(lambda: run_library(settings["quarter"], processes, Clock()))
        progress(f"library run, {articles} articles")
        stages = Clock()
        library_s, rendered = timed(lambda: run_library(settings["full"], processes, stages))
        render_ms = render_median(rendered, settings["full"])
        from digest.evaluation.bench_delivery import delivery_rates

        # Delivery before the flow: Prefect's server and services, left running in this
        # process after a flow run, slowed everything measured after it 4-5x.
        progress(f"delivery to {subscribers} subscribers")
        rates = delivery_rates(
            default_size(rendered, settings["full"]), settings["full"], folder, subscribers
        )
        server_s, flow_s = run_flow(settings["full"], sources["full"], folder, progress)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": articles,
        "subscribers": subscribers,
        "processes": processes,
        "library_s": round(library_s, 2),
        "library_quarter_s": round(quarter_s, 2),
        "flow_s": round(flow_s, 2),
        "server_start_s": round(server_s, 2),
        "flow_overhead_ratio": round(flow_s / library_s, 3),
        "cpu_per_wall": round(stages.cpu / stages.wall, 2) if stages.wall else 0.0,
        "scaling_exponent": round(math.log(library_s / quarter_s) / math.log(4), 3),
        **rates,
        "render_ms": round(render_ms, 1),
        "peak_rss_mb": round(peak, 1),
    }


def run_flow(
    settings: Any, source: Path, folder: Path, progress: Callable[[str], None]
) -> tuple[float, float]:
    """Seconds to start Prefect's API server (a tiny flow run), then for the daily run."""
    from prefect import flow

    from flows.serve import run_daily

    @flow(name="bench-warm-up")
    def warm_up() -> int:
        return 1

    progress("starting Prefect")
    server_s, _ = timed(warm_up)
    progress(f"flow run, {settings.max_items} items from the articles")
    flow_s, _ = timed(
        lambda: run_daily(
            settings,
            sources=[str(source)],
            outbox=str(folder / "flow-outbox"),
            date=DAY,
            max_items=settings.max_items,
            dry_run=True,
            force=True,
        )
    )
    return server_s, flow_s


def default_size(rendered: Any, settings: Any) -> Any:
    """The email a reader gets by default: DIGEST_MAX_ITEMS' default of 20 items (the bench's
    200-item digest makes a 300 KB message, which the SMTP and outbox figures would measure)."""
    from digest.newsletter.render import render_digest
    from digest.pipeline.stages import brand_from

    digest = replace(rendered.digest, items=rendered.digest.items[:20])
    return render_digest(digest, brand_from(settings, DAY), settings.templates_dir)


def render_median(rendered: Any, settings: Any) -> float:
    from digest.newsletter.render import render_digest
    from digest.pipeline.stages import brand_from

    # The digest a reader gets by default: DIGEST_MAX_ITEMS' default of 20 items.
    digest = replace(rendered.digest, items=rendered.digest.items[:20])
    runs = []
    for _ in range(5):
        seconds, _ = timed(
            lambda: render_digest(digest, brand_from(settings, DAY), settings.templates_dir)
        )
        runs.append(seconds * 1000)
    return statistics.median(runs)


def send_floor(host: str, port: int, sender: str, data: bytes, count: int) -> float:
    """Messages per second of a plain smtplib loop on one connection."""
    start = time.perf_counter()
    with smtplib.SMTP(host, port, timeout=30) as connection:
        for n in range(count):
            connection.sendmail(sender, [f"reader{n}@example.com"], data)
    return count / (time.perf_counter() - start)


def format_report(figures: dict[str, float]) -> str:
    width = max(len(k) for k in figures)
    return "\n".join(f"{key:<{width}}  {value:g}" for key, value in figures.items())
