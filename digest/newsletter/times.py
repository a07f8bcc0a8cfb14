"""Story times in the newsletter's time zone, written news style (AP).

``Dec. 1, 8:05 p.m. EST`` for a timestamp (converted to ``DIGEST_TIMEZONE``), ``Dec. 1`` when
the source gave only a date (never shifted across midnight by a conversion), and the year
after the day when it is not the digest's year: ``Dec. 31, 2025``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from digest.models import Article

# AP style: March to July in full, the other months abbreviated (September as "Sept.").
_MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)


def is_date_only(article: Article) -> bool:
    """The source gave a day without a time of day (set when the article is read)."""
    return article.published is not None and article.published_date_only


def news_day(day: date, today: date) -> str:
    text = f"{_MONTHS[day.month - 1]} {day.day}"
    return text if day.year == today.year else f"{text}, {day.year}"


def news_clock(moment: datetime) -> str:
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    if moment.hour == 12 and moment.minute == 0:
        return "noon"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def story_time(article: Article, today: date, timezone: str) -> str | None:
    """When the story was published, for the story's meta line (None when unknown)."""
    when = article.published
    if when is None:
        return None
    if is_date_only(article):
        return news_day(when.date(), today)
    aware = when if when.tzinfo else when.replace(tzinfo=UTC)
    local = aware.astimezone(ZoneInfo(timezone))
    zone = local.tzname() or ""
    label = zone if zone and not zone.startswith(("+", "-")) else ""
    return f"{news_day(local.date(), today)}, {news_clock(local)} {label}".strip()
