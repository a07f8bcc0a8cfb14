"""How long one very long page takes to summarize (issue 15: a 50,000-word page in under 1 s).

    python -m digest.evaluation.bench_long [--input FILE.jsonl] [--words 50000]

The page is the texts of FILE.jsonl (default ../shared/data/summaries-dev.jsonl) joined into
paragraphs until it holds ``--words`` words. What is timed, in this order, in one process:

- ``warm-up``: one summary of a short text, which builds what a process builds once, whatever
  the page: the tokenizer, and the first-name data behind the surname check (gender-guesser's
  48,000-line list, ~0.5 s). Imports and building the summarizer come before and are not timed.
- ``summary``: the whole summary (splitting + ranking + choice) of the page, the first long page
  this process sees: every cache (stems, sentence forms, pysbd's patterns) is cold for it.
- ``again``: the same page summarized a second time, with warm caches (as later pages of a run).
- ``split``: sentence splitting alone, after the above.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from digest.summaries.summarizer import ArticleSummarizer
from digest.text.sentences import split_sentences

# Builds the tokenizer and, through the surname check, loads the first-name data once.
_WARM_UP = "Mary Jones opened the bridge on Monday. Jones said it took a year to build."


def long_page(path: Path, words: int) -> str:
    paragraphs: list[str] = []
    count = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text") or ""
            kept = text.split()[: words - count]
            paragraphs.append(" ".join(kept))
            count += len(kept)
            if count >= words:
                break
    return "\n\n".join(p for p in paragraphs if p)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=Path("../shared/data/summaries-dev.jsonl"))
    parser.add_argument("--words", type=int, default=50_000)
    args = parser.parse_args(argv)
    page = long_page(args.input, args.words)
    summarizer = ArticleSummarizer()
    start = time.perf_counter()
    summarizer.sentences(_WARM_UP)
    warm_s = time.perf_counter() - start
    start = time.perf_counter()
    summary = summarizer.sentences(page)
    total_s = time.perf_counter() - start
    start = time.perf_counter()
    summarizer.sentences(page)
    again_s = time.perf_counter() - start
    start = time.perf_counter()
    sentences = split_sentences(page, summarizer.tokenizer)
    split_s = time.perf_counter() - start
    print(f"words {len(page.split())}  sentences {len(sentences)}")
    print(
        f"summary (split + rank, first page) {total_s:.2f} s  again (warm caches) {again_s:.2f} s"
        f"  split {split_s:.2f} s  warm-up {warm_s:.2f} s"
    )
    print(f"summary: {len(summary)} sentences")


if __name__ == "__main__":
    main()
