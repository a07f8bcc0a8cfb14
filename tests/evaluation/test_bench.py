"""The bench's articles: N of them from fewer rows, variations new text, not duplicates."""

from __future__ import annotations

import pytest

from digest.errors import ConfigError
from digest.evaluation.bench import bench_rows, format_report
from digest.pipeline.select import deduplicate
from digest.sources.files import article_from_record
from tests.articles import TOPICS


def rows() -> list[dict[str, str]]:
    return [
        {"id": topic, "text": " ".join(paragraphs)} for topic, (_, paragraphs) in TOPICS.items()
    ]


def test_rows_are_cycled_with_variations_that_are_not_duplicates() -> None:
    records = bench_rows(rows(), 9)
    assert len(records) == 9 and len({r["id"] for r in records}) == 9
    assert len({r["title"] for r in records}) == 9 and len({r["url"] for r in records}) == 9
    articles = [article_from_record(r, r["id"]) for r in records]
    assert all(len(a.paragraphs) >= 2 for a in articles)
    kept, skipped = deduplicate(articles)
    assert len(kept) == 9 and not skipped


def test_no_rows_is_one_clear_error() -> None:
    with pytest.raises(ConfigError, match="no articles"):
        bench_rows([], 5)


def test_report_lists_every_figure() -> None:
    text = format_report({"library_s": 1.5, "send_per_s": 310.0})
    assert text.splitlines() == ["library_s   1.5", "send_per_s  310"]
