from __future__ import annotations

from datetime import date

from digest.models import Article, LoadResult, Problem
from digest.pipeline.stages import clean_all, report_lines, summarize_all
from digest.summaries.summarizer import ArticleSummarizer
from tests.helpers import make_digest


def article(n: int, text: str) -> Article:
    return Article(id=f"a{n}", title=f"Title {n}", text=text, source=f"a{n}.txt")


def test_article_with_no_body_after_cleaning_is_skipped() -> None:
    good = article(1, "A real sentence about the news of the day.")
    boilerplate = article(2, "NTD Photo\n\nFrom The Epoch Times\n\nSign up for NTD Daily")
    kept, problems = clean_all([good, boilerplate])
    assert kept == [good]
    assert problems == [Problem("a2.txt", "clean", "no article text left after cleaning")]


def test_an_error_page_is_reported_and_skipped() -> None:
    good = article(1, "A real sentence about the news of the day.")
    denied = Article("a2", "403 Forbidden", "You do not have access to this page.", "a2.html")
    kept, [problem] = clean_all([good, denied])
    assert kept == [good]
    assert (problem.source, problem.stage) == ("a2.html", "clean")
    assert "an error page (“403 Forbidden”)" in problem.reason


def test_one_failing_article_does_not_stop_the_others() -> None:
    class Fussy(ArticleSummarizer):
        def summarize(self, item: Article):  # type: ignore[no-untyped-def]
            if item.id == "a2":
                raise RuntimeError("tokenizer exploded")
            return super().summarize(item)

    summaries, problems = summarize_all(
        [article(1, "First story text here."), article(2, "x"), article(3, "Third story.")],
        Fussy(),
    )
    assert sorted(summaries) == ["a1", "a3"]
    assert problems[0].source == "a2.txt" and "tokenizer exploded" in problems[0].reason


def test_report_lines_say_what_was_skipped_and_why() -> None:
    loaded = LoadResult([article(1, "x")], [Problem("bad.txt", "ingest", "is empty")])
    digest = make_digest(1)
    lines = report_lines(loaded, [*loaded.problems], digest)
    assert lines[0] == "ingested 1 article(s); 1 in the digest; 1 skipped"
    assert lines[1] == "  skipped bad.txt (ingest): is empty"
    assert digest.date == date(2026, 11, 29)


def test_report_lines_give_grouped_articles_a_line_and_notes_are_no_skips() -> None:
    from dataclasses import replace as copy

    digest = make_digest(1)
    item = digest.items[0]
    other = copy(item.article, id="other", source="other.txt")
    digest = copy(digest, items=(copy(item, related=(other,)),))
    note = Problem("feed.xml", "ingest", "HTTP 404; used the feed's teaser instead", kept=True)
    loaded = LoadResult([item.article, other], [note])
    lines = report_lines(loaded, [note], digest)
    assert lines[0] == "ingested 2 article(s); 1 in the digest (+1 grouped); 0 skipped"
    assert lines[1] == f"  grouped other.txt: under {item.article.title}"
    assert lines[2].startswith("  note feed.xml (ingest): HTTP 404")
