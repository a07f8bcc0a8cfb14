from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.cli import main
from digest.text.errorpages import error_page
from tests.articles import paragraphs

APOLOGY = "Sorry, you do not have permission to view this page. Return to the home page."


@pytest.mark.parametrize(
    "headline",
    ["403 Forbidden", "Forbidden", "Page not found", "Error 404 - Not Found", "Access Denied",
     "HTTP Error 503 Service Unavailable", "404"],
)  # fmt: skip
def test_a_short_page_headed_by_an_http_error_is_an_error_page(headline: str) -> None:
    assert error_page(headline, APOLOGY) == headline
    assert error_page("", f"{headline}\n\n{APOLOGY}") == headline  # no headline: the first line


@pytest.mark.parametrize("headline", ["Forbidden love", "404 Forbidden Love", "Gone", "Error", ""])
def test_a_headline_that_says_more_than_an_error_is_not_one(headline: str) -> None:
    assert error_page(headline, APOLOGY) is None


def test_a_long_story_about_an_error_keeps_its_text() -> None:
    assert error_page("Page not found", " ".join(paragraphs("storm") * 3)) is None


def test_digest_articles_reports_an_error_page_and_keeps_the_story(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "denied.html").write_text(
        "<html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1>"
        f"<p>{APOLOGY}</p></body></html>",
        encoding="utf-8",
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs("storm"))
    (folder / "storm.html").write_text(
        f"<html><head><title>Storm hits the coast</title></head><body><article>"
        f"<h1>Storm hits the coast</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["articles", "--source", str(folder), "--output", str(out)]) == 0
    assert "2 record(s), 1 ok, 1 not" in capsys.readouterr().out
    rows = {Path(r["source"]).name: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["storm.html"]["status"] == "ok"
    assert rows["denied.html"]["status"].startswith("clean: an error page (“")
