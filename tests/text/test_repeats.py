from __future__ import annotations

from pathlib import Path

from digest.models import Article
from digest.sources.files import FileSource
from digest.sources.ingest import load_sources
from digest.text.repeats import drop_repeated
from tests.articles import paragraphs, title

PROMO = "Get our morning briefing in your inbox every weekday."
BIO = "Dana Reyes covers city hall and transport for the Example Gazette."
STORIES = ("bridge", "storm", "chips")


def article(topic: str, extra: list[str], url_host: str = "news.example") -> Article:
    text = "\n\n".join([*paragraphs(topic)[:2], *extra, *paragraphs(topic)[2:]])
    return Article(
        id=topic, title=title(topic), text=text, source="feed", url=f"https://{url_host}/{topic}"
    )


def test_a_paragraph_every_article_of_a_site_carries_goes_and_only_it() -> None:
    got = drop_repeated([article(t, [PROMO, BIO]) for t in STORIES])
    for topic, cleaned in zip(STORIES, got, strict=True):
        assert cleaned.text.split("\n\n") == paragraphs(topic)


def test_repetition_counts_within_one_site_only() -> None:
    articles = [article(t, [PROMO], url_host=f"{t}.example") for t in STORIES]
    assert drop_repeated(articles) == articles


def test_two_articles_lose_only_a_short_shared_block() -> None:
    long_shared = " ".join(paragraphs("storm"))  # a long background paragraph both quote
    pair = [article("bridge", [PROMO, long_shared]), article("chips", [PROMO, long_shared])]
    got = drop_repeated(pair)
    assert all(PROMO not in a.text and long_shared in a.text for a in got)


def test_an_article_made_only_of_repeats_keeps_its_text() -> None:
    same = [article("bridge", []), article("bridge", []), article("bridge", [])]
    assert [a.text for a in drop_repeated(same)] == [a.text for a in same]


def test_ingest_drops_a_site_furniture_paragraph_from_a_folder(tmp_path: Path) -> None:
    for topic in STORIES:
        body = "\n\n".join([*paragraphs(topic), PROMO])
        (tmp_path / f"{topic}.md").write_text(
            f"---\nurl: https://news.example/{topic}\n---\n{title(topic)}\n\n{body}\n",
            encoding="utf-8",
        )
    loaded = load_sources([FileSource(tmp_path)])
    assert len(loaded.articles) == 3
    assert all(PROMO not in a.text and a.text for a in loaded.articles)
