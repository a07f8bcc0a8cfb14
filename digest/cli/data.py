"""Commands over files of articles: ``articles``, ``summarize``, ``quotes``, ``eval``, ``bench``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from digest.cli.jsonl import read_jsonl, write_jsonl


def _article_options(method: str | None = None) -> Any:
    from digest.pipeline.articles import ArticleOptions
    from digest.settings import load_settings

    settings = load_settings()
    return settings, ArticleOptions(
        method=method or settings.summarizer,
        sentences=settings.summary_sentences,
        max_words=settings.summary_max_words,
        max_quotes=settings.max_quotes,
        teaser_words=settings.teaser_words,
        max_feed_entries=settings.max_feed_entries,
        max_article_chars=settings.max_article_chars,
        timezone=settings.timezone,
    )


def cmd_articles(args: argparse.Namespace) -> int:
    from digest.pipeline.articles import article_records
    from digest.pipeline.stages import make_fetcher

    settings, options = _article_options(args.method)
    with make_fetcher(settings, None) as fetcher:
        rows = article_records(args.sources, options, fetcher)
    write_jsonl(args.output, rows)
    ok = sum(row["status"] == "ok" for row in rows)
    print(f"{len(rows)} record(s), {ok} ok, {len(rows) - ok} not -> {args.output}")
    return 0


def cmd_summarize(args: argparse.Namespace) -> int:
    from digest.settings import load_settings
    from digest.summaries.summarizer import ArticleSummarizer

    settings = load_settings()
    summarizer = ArticleSummarizer(
        args.method or settings.summarizer,
        args.sentences or settings.summary_sentences,
        settings.summary_max_words,
    )
    rows = [
        {"id": row["id"], "summary": summarizer.sentences(row["text"], row.get("title") or "")}
        for row in read_jsonl(args.input)
    ]
    write_jsonl(args.output, rows)
    print(f"summarized {len(rows)} article(s) with {summarizer.method} -> {args.output}")
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from digest.quotes.extract import extract_quotes
    from digest.quotes.keyquotes import mark_key_quotes
    from digest.text.clean import repair_text

    rows = []
    for row in read_jsonl(args.input):
        text = repair_text(row["text"])
        rows.append(
            {
                "id": row["id"],
                "quotes": [
                    {
                        "quote": q.text,
                        "speaker": q.speaker,
                        "key": q.key,
                        "role": q.role,
                        "confidence": q.confidence,
                    }
                    for q in mark_key_quotes(extract_quotes(text), article_text=text)
                ],
            }
        )
    write_jsonl(args.output, rows)
    found = sum(len(row["quotes"]) for row in rows)
    print(f"found {found} quote(s) in {len(rows)} article(s) -> {args.output}")
    return 0


def cmd_eval_summaries(args: argparse.Namespace) -> int:
    from digest.evaluation import evaluate_summaries, format_summary_table, subset
    from digest.settings import load_settings

    settings = load_settings()
    rows = subset(read_jsonl(args.input), args.subset)
    methods = [m for value in args.methods for m in value.split(",") if m]  # "lead,digest" too
    if methods == ["all"]:
        from digest.summaries.summarizer import METHODS

        methods = list(METHODS)
    scores = evaluate_summaries(rows, methods, args.sentences, settings.summary_max_words)
    print(format_summary_table(scores))
    return 0


def cmd_eval_quotes(args: argparse.Namespace) -> int:
    from digest.evaluation import evaluate_quotes, subset

    rows = subset(read_jsonl(args.input), args.subset)
    print(f"{len(rows)} articles from {args.input}")
    score = evaluate_quotes(rows)
    print(score)
    if args.show_disagreements > 0:
        import random

        found = score.disagreements
        sample = random.Random(args.seed).sample(found, min(args.show_disagreements, len(found)))
        print(f"\n{len(sample)} of {len(found)} speaker disagreements (seed {args.seed}):")
        for number, item in enumerate(sample, 1):
            print(f"\n{number}. {item}")
    return 0


def cmd_eval_pages(args: argparse.Namespace) -> int:
    from digest.evaluation.pages import evaluate_pages, load_pages

    _, options = _article_options()
    rows = load_pages(args.input, args.subset)
    print(f"{len(rows)} pages from {args.input} (subset {args.subset})")
    for line in evaluate_pages(args.input, rows, options).lines(args.details):
        print(line)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from digest.evaluation.bench import format_report, run_bench

    def progress(line: str) -> None:
        if not args.json:
            print(f"bench: {line}", file=sys.stderr, flush=True)

    figures = run_bench(args.input, args.articles, args.subscribers, progress)
    print(json.dumps(figures) if args.json else format_report(figures))
    return 0
