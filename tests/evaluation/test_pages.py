from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.cli import main
from digest.evaluation.pages import bigram_recall, load_pages, normalize, same_title
from tests.articles import paragraphs, title


def page(topic: str, extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs(topic))
    return (
        f"<html><head><title>{title(topic)} | Daily Example</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
        f"<article><h1>{title(topic)}</h1>{body}{extra}</article>"
        "<footer><p>Sign up for our newsletter</p><p>Copyright Daily Example</p></footer>"
        "</body></html>"
    )


def test_eval_pages_prints_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "storm.html").write_text(page("storm"), encoding="utf-8")
    (tmp_path / "bridge.html").write_text(page("bridge"), encoding="utf-8")
    rows = [
        {
            "file": "storm.html",
            "title": title("storm"),
            "with": [paragraphs("storm")[1][:40], "a sentence that is not on the page"],
            "without": ["Sign up for our newsletter"],
            "text": None,
        },
        {
            "file": "bridge.html",
            "text": "\n\n".join(paragraphs("bridge")),
            "without": [paragraphs("bridge")[-1][:40]],  # a body line: found in the text
        },
    ]
    index = "".join(json.dumps(r) + "\n" for r in rows)
    (tmp_path / "pages.jsonl").write_text(index, encoding="utf-8")
    assert main(["eval", "pages", "--input", str(tmp_path), "--details"]) == 0
    out = capsys.readouterr().out
    assert "pages: 2 (0 gave no article)" in out
    assert "boilerplate snippets in summaries: 0/2 (0.0%) on 0 page(s)" in out
    assert "boilerplate snippets in cleaned text: 1/2 (50.0%) on 1 page(s)" in out
    assert "'with' snippets kept: 1/2 (50.0%)" in out
    assert "median 1.000, minimum 1.000" in out
    assert "titles equal to the real title: 1/1 (100.0%)" in out
    assert "lost: storm.html: 'a sentence that is not on the page'" in out
    halves = {
        f for which in ("even", "odd") for f in (r["file"] for r in load_pages(tmp_path, which))
    }
    assert halves == {"storm.html", "bridge.html"}
    assert not {r["file"] for r in load_pages(tmp_path, "even")} & {
        r["file"] for r in load_pages(tmp_path, "odd")
    }


def test_recall_and_titles() -> None:
    assert bigram_recall("a b c d", "a b c d e") == 1.0
    assert bigram_recall("a b c d", "a b") == pytest.approx(1 / 3)
    assert same_title("Storm Hits | The Daily Example", "Storm hits")
    assert not same_title("Storm Hits Again", "Storm hits")


def test_eval_pages_without_an_index_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "pages", "--input", str(tmp_path)]) == 1
    assert "pages.jsonl" in capsys.readouterr().err


def test_invisible_characters_do_not_count_in_snippets() -> None:
    assert normalize("120g kway teow (flat rice noodles)\u2063") == normalize(
        "120g kway\u00ad teow (flat rice noodles)"
    )
    assert normalize("“Quoted”  Text") == '"quoted" text'
