"""Dangerous links, bidi overrides and oversized articles from every kind of source."""

from __future__ import annotations

import json
from pathlib import Path

from digest.models import Article
from digest.sources.files import FileSource
from digest.sources.guard import cut_text, guard_article
from digest.sources.ingest import load_sources
from tests.articles import paragraphs, title
from tests.web_server import page, rss

BAD = [
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
    "JaVa\tScRiPt:alert(1)",
]


def test_front_matter_json_feed_and_page_links_are_filtered(tmp_path: Path) -> None:
    body = "\n\n".join(paragraphs("bridge"))
    (tmp_path / "a.md").write_text(f"---\nurl: {BAD[0]}\n---\n# {title('bridge')}\n\n{body}\n")
    (tmp_path / "b.json").write_text(
        json.dumps({"title": title("storm"), "text": body, "url": BAD[1]})
    )
    items = [
        {
            "title": title("chips"),
            "link": BAD[2],
            "content": "".join(f"<p>{p}</p>" for p in paragraphs("chips")),
        }
    ]
    (tmp_path / "c.xml").write_bytes(rss(items))
    (tmp_path / "d.html").write_bytes(
        page(
            title("bridge") + " again",
            paragraphs("bridge"),
            canonical="https://news.example/d",
            image=BAD[0],
        )
    )
    result = load_sources([FileSource(tmp_path)])
    assert len(result.articles) == 4
    for article in result.articles:
        assert article.url in (None, "https://news.example/d")
        assert article.image_url is None
    reasons = [p.reason for p in result.problems]
    assert len(reasons) == 4 and all("only http(s) links" in r for r in reasons)
    assert any("'javascript:alert(1)'" in r and "link" in r for r in reasons)
    assert any("image" in r for r in reasons)


def test_safe_links_are_kept_and_bidi_is_removed() -> None:
    article = Article(
        "x",
        "Budget \u202eelbat\u202c news\r\nBcc: x",
        "Para one \u2066isolated\u2069.\n\nPara two.",
        "s",
        url="https://news.example/a?b=1",
        image_url="http://img.example/i.jpg",
        author="Ann \u202eLee",
    )
    guarded, problems = guard_article(article)
    assert not problems
    assert guarded.title == "Budget elbat news Bcc: x"
    assert guarded.text == "Para one isolated.\n\nPara two."
    assert guarded.author == "Ann Lee"
    assert (guarded.url, guarded.image_url) == (article.url, article.image_url)


def test_an_enormous_article_is_cut_before_splitting_and_reported() -> None:
    text = "\n\n".join(["word " * 40] * 5_000)  # about a million characters
    article = Article("x", "Big", text, "big.txt")
    guarded, [problem] = guard_article(article, max_chars=10_000)
    assert len(guarded.text) <= 10_000 and guarded.text.endswith("word")
    assert "kept the first" in problem.reason and "DIGEST_MAX_ARTICLE_CHARS" in problem.reason
    one_line = "x" * 50_000
    assert cut_text(one_line, 1_000) == "x" * 1_000
