from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from digest.models import Article
from digest.newsletter.render import render_digest
from digest.newsletter.times import is_date_only, story_time
from digest.pipeline.stages import brand_from
from digest.settings import Settings
from tests.helpers import make_digest

DAY = date(2026, 12, 1)
PLUS5 = timezone(timedelta(hours=5))


def article(published: datetime | None) -> Article:
    return Article("a1", "Title", "Body.", "a.txt", published=published)


@pytest.mark.parametrize(
    ("published", "zone", "shown"),
    [
        # a December 1 digest in New York: 01:00 UTC on Dec 2 is 8 p.m. on Dec 1
        (datetime(2026, 12, 2, 1, 0, tzinfo=UTC), "America/New_York", "Dec. 1, 8 p.m. EST"),
        (datetime(2026, 12, 1, 14, 5, tzinfo=UTC), "Europe/Paris", "Dec. 1, 3:05 p.m. CET"),
        (datetime(2026, 7, 1, 12, 0, tzinfo=UTC), "Europe/London", "July 1, 1 p.m. BST"),
        (datetime(2026, 9, 30, 23, 30, tzinfo=UTC), "UTC", "Sept. 30, 11:30 p.m. UTC"),
        (datetime(2026, 3, 3, 12, 0, tzinfo=PLUS5), "UTC", "March 3, 7 a.m. UTC"),
        (datetime(2026, 12, 1, 17, 0, tzinfo=UTC), "America/New_York", "Dec. 1, noon EST"),
        (datetime(2025, 12, 31, 22, 0, tzinfo=UTC), "Asia/Tokyo", "Jan. 1, 7 a.m. JST"),
        (datetime(2025, 12, 31, 10, 0, tzinfo=UTC), "Asia/Tokyo", "Dec. 31, 2025, 7 p.m. JST"),
        (datetime(2026, 12, 1, 10, 0, tzinfo=UTC), "Asia/Kolkata", "Dec. 1, 3:30 p.m. IST"),
    ],
)  # fmt: skip
def test_times_in_the_newsletters_zone_news_style(
    published: datetime, zone: str, shown: str
) -> None:
    assert story_time(article(published), DAY, zone) == shown


def test_a_date_without_a_time_is_never_shifted() -> None:
    # "2026-12-01" from a feed: in New York, midnight UTC would be Nov 30
    dated = replace(article(datetime(2026, 12, 1, tzinfo=UTC)), published_date_only=True)
    assert is_date_only(dated)
    assert story_time(dated, DAY, "America/New_York") == "Dec. 1"
    last_year = replace(article(datetime(2025, 11, 3)), published_date_only=True)
    assert story_time(last_year, DAY, "UTC") == "Nov. 3, 2025"
    # a real midnight is a time like any other
    midnight = article(datetime(2026, 12, 1, 5, 0, tzinfo=UTC))
    assert not is_date_only(midnight)
    assert story_time(midnight, DAY, "America/New_York") == "Dec. 1, midnight EST"
    assert story_time(article(None), DAY, "UTC") is None


def test_a_date_only_article_read_from_a_feed_shows_its_day() -> None:
    from digest.sources.parsing import place_date_only

    dated = replace(article(datetime(2026, 12, 1, tzinfo=UTC)), published_date_only=True)
    placed = place_date_only(dated, "Asia/Tokyo")
    assert story_time(placed, DAY, "Asia/Tokyo") == "Dec. 1"


def test_rendered_meta_uses_the_setting(settings: Settings) -> None:
    digest = make_digest(1)
    item = digest.items[0]
    item = replace(
        item, article=replace(item.article, published=datetime(2026, 11, 30, 1, 0, tzinfo=UTC))
    )
    zoned = settings.model_copy(update={"timezone": "America/Los_Angeles"})
    rendered = render_digest(
        replace(digest, items=(item,)), brand_from(zoned), settings.templates_dir
    )
    assert "Nov. 29, 5 p.m. PST" in rendered.html and "Nov. 29, 5 p.m. PST" in rendered.text
