from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.errors import SourceError
from digest.sources.files import FileSource, parse_text_article, read_text_article
from digest.sources.ingest import load_sources
from tests.conftest import SEED, SEEDS


def test_seed_headline_and_paragraphs() -> None:
    article = read_text_article(SEED)
    assert article.title.startswith("Blinken Had ‘Robust Conversation’ With China’s Xi")
    assert article.id == "d7c81e7a47184d26"
    assert article.paragraphs[0].startswith("U.S. State Secretary Antony Blinken")
    assert len(article.paragraphs) > 20


def test_front_matter_and_markdown_heading() -> None:
    text = (
        "---\nurl: https://news.example/a\nauthor: Jane Roe\npublished: 2026-11-28T07:00:00Z\n"
        "source: Example News\n---\n# A *big* headline\n\nFirst paragraph.\n\nSecond one.\n"
    )
    article = parse_text_article(text, source="a.md")
    assert article.title == "A big headline"
    assert article.url == "https://news.example/a"
    assert article.author == "Jane Roe"
    assert article.source_name == "Example News"
    assert article.published is not None and article.published.year == 2026
    assert article.paragraphs == ["First paragraph.", "Second one."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\n\n   \n", "is empty"),
        (b"Only a headline\n", "no article text"),
        (b"\x00\x01\x02binary", "binary"),
        ("Caf\u00e9 headline\n\nbody".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_files_raise_one_line_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError) as info:
        read_text_article(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_folder_with_broken_files_still_loads_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Good one\n\nA body sentence here.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\xfa not utf8")
    (tmp_path / "c.md").write_text("", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # ignored inside a folder
    result = FileSource(tmp_path).load()
    assert [a.title for a in result.articles] == ["Good one"]
    assert sorted(Path(p.source).name for p in result.problems) == ["b.txt", "c.md"]


def test_missing_source_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    result = load_sources([FileSource(tmp_path / "nope"), FileSource(SEEDS)])
    assert len(result.articles) == 1
    assert "no such file" in result.problems[0].reason


def test_an_address_of_another_scheme_says_which_ones_are_read() -> None:
    from digest.sources.ingest import sources_from_strings
    from digest.sources.urls import UrlSource

    ftp, upper, drive = sources_from_strings(
        ["ftp://example.org/feed", "HTTPS://example.org/", "C:x"]
    )
    assert isinstance(upper, UrlSource)  # a scheme in capitals is still a web address
    assert "only http:// and https://" in ftp.load().problems[0].reason
    assert "no such file" in drive.load().problems[0].reason  # a drive letter is no scheme


def test_html_json_and_jsonl_files(tmp_path: Path) -> None:
    from tests.articles import paragraphs, title
    from tests.web_server import page

    (tmp_path / "a.html").write_bytes(page(title("bridge"), paragraphs("bridge")))
    (tmp_path / "b.json").write_text(
        json.dumps(
            {
                "articles": [
                    {
                        "title": title("storm"),
                        "text": "\n\n".join(paragraphs("storm")),
                        "url": "https://x.test/storm",
                        "published": "2026-11-29T01:00:00Z",
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"title": title("chips"), "text": paragraphs("chips")[0]})
        + "\n"
        + "{broken\n"
        + json.dumps({"title": "No body"})
        + "\n",
        encoding="utf-8",
    )
    result = FileSource(tmp_path).load()
    assert [a.title for a in result.articles] == [title("bridge"), title("storm"), title("chips")]
    assert result.articles[1].url == "https://x.test/storm"
    assert result.articles[1].published is not None
    reasons = sorted(p.reason for p in result.problems)
    assert reasons[0].startswith("has no 'text'") and reasons[1].startswith("not valid JSON")
    assert result.problems[0].source.endswith(("c.jsonl:2", "c.jsonl:3"))
