from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from digest.models import Article
from digest.pipeline.select import (
    article_key,
    deduplicate,
    normalize_url,
    select_stories,
)
from tests.articles import paragraphs, title

NOW = datetime(2026, 11, 29, 7, 0, tzinfo=UTC)


def make(topic: str, n: int = 0, **changes: object) -> Article:
    article = Article(
        id=f"{topic}{n}",
        title=title(topic),
        text="\n\n".join(paragraphs(topic)),
        source=f"feeds/{topic}{n}.txt",
        url=f"https://news{n}.example/{topic}",
        published=NOW - timedelta(hours=2),
        source_name=f"News {n}",
    )
    return replace(article, **changes)  # type: ignore[arg-type]


def test_normalize_url_drops_tracking_and_fragments() -> None:
    assert normalize_url("HTTPS://News.Example/a/?utm_source=x&id=3#top") == (
        "https://news.example/a?id=3"
    )


def test_same_url_is_one_story_richer_copy_kept() -> None:
    short = make("bridge", 1, text=paragraphs("bridge")[0])
    full = make("bridge", 1, url="https://news1.example/bridge?utm_medium=rss", id="other")
    kept, skipped = deduplicate([short, full])
    assert kept == [full]
    assert "duplicate of" in skipped[0].reason


def test_near_duplicate_text_from_another_feed() -> None:
    original = make("storm", 1)
    lightly_edited = make(
        "storm",
        2,
        title="Storm buries the plains in snow",
        text=original.text.replace("Monday", "Monday night").replace("thousands", "many thousands"),
    )
    kept, skipped = deduplicate([original, lightly_edited])
    assert len(kept) == 1 and len(skipped) == 1


def test_different_stories_are_kept() -> None:
    kept, skipped = deduplicate([make("storm"), make("chips"), make("bridge")])
    assert len(kept) == 3 and not skipped


def test_window_and_sent_record() -> None:
    old = make("storm", published=NOW - timedelta(hours=30))
    undated = make("chips", published=None)
    sent = make("bridge")
    selection = select_stories(
        [old, undated, sent], now=NOW, window_hours=24, sent_keys={article_key(sent)}
    )
    assert [s.lead.id for s in selection.stories] == [undated.id]
    reasons = " | ".join(p.reason for p in selection.skipped)
    assert "older than 24 hours" in reasons and "already in an earlier digest" in reasons
    assert len(select_stories([old], now=NOW, window_hours=0).stories) == 1  # 0 = no window


def test_same_story_from_two_sources_is_grouped_and_ranked_first() -> None:
    lone = make("chips", 1, published=NOW - timedelta(minutes=5))
    storm_a = make("storm", 1)
    storm_b = make(
        "storm",
        2,
        title="Winter storm brings heavy snow to northern plains, closing roads",
        text="A powerful winter storm brought heavy snow across the northern plains on Monday, "
        "closing highways as forecasters warned of more.\n\nOfficials urged people to stay home.",
    )
    selection = select_stories([lone, storm_a, storm_b], now=NOW)
    first = selection.stories[0]
    assert first.lead.id == storm_a.id and [a.id for a in first.related] == [storm_b.id]
    assert selection.stories[1].lead.id == lone.id


def test_newest_first_then_caps() -> None:
    articles = [
        make("bridge", 1, published=NOW - timedelta(hours=5)),
        make("storm", 1, published=NOW - timedelta(hours=1)),
        make("chips", 2, published=NOW - timedelta(hours=3)),
    ]
    selection = select_stories(articles, now=NOW)
    assert [s.lead.id for s in selection.stories] == ["storm1", "chips2", "bridge1"]
    capped = select_stories(articles, now=NOW, max_items=2)
    assert len(capped.stories) == 2 and "limit of 2 items" in capped.skipped[0].reason
    per_source = select_stories(articles, now=NOW, max_per_source=1)
    assert [s.lead.id for s in per_source.stories] == ["storm1", "chips2"]
    assert "from News 1" in per_source.skipped[0].reason


def test_article_key_without_url_uses_content() -> None:
    a = make("bridge", url=None)
    b = make("bridge", url=None, source="elsewhere.txt")
    assert article_key(a) == article_key(b) != article_key(make("storm", url=None))


def test_two_posts_of_one_source_are_never_grouped() -> None:
    storm_a = make("storm", 1)
    storm_b = make(
        "storm",
        2,
        title="Winter storm brings heavy snow to northern plains, closing roads",
        text="A powerful winter storm brought heavy snow across the northern plains on Monday, "
        "closing highways as forecasters warned of more.\n\nOfficials urged people to stay home.",
        source=storm_a.source,
        source_name=storm_a.source_name,
    )
    selection = select_stories([storm_a, storm_b], now=NOW)
    assert all(not s.related for s in selection.stories)
    assert len(selection.stories) == 2
