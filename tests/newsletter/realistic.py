"""Digest items with the length and texture of real news (written for the tests): headlines of
60-100 characters, three-sentence summaries of about 90 words, two or three quotes with
speaker and role, long CDN image and article URLs with tracking parameters, related coverage,
curly quotes, dashes and accented names. Built from tests/articles.py and sentence frames."""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta

from digest.models import Article, Digest, DigestItem, Quote, Summary
from digest.newsletter.compose import compose_digest
from tests.articles import TOPICS

PLACES = [
    "Springfield",
    "the northern plains",
    "São Paulo",
    "Montréal",
    "the Gulf Coast",
    "Kraków",
    "the Elm River valley",
    "Zürich",
    "the Pacific Northwest",
    "Reykjavík",
    "Nairobi",
    "Busan",
]
ACTORS = [
    ("Mayor Linda Park", "mayor of Springfield"),
    ("Priya Raman", "chief executive"),
    ("Governor Mark Ellison", "governor"),
    ("Dr. Amélie Durand", "epidemiologist"),
    ("José Martínez", "union president"),
    ("Sen. Rachel Okafor", "committee chair"),
    ("Tomás Novák", "transport minister"),
    ("Hannah Weiß", "economist at Nordbank"),
    ("Chief Daniel Reyes", "fire chief"),
    ("Keiko Tanaka", "head of research"),
]
SUBJECTS = [
    "a $120 million bridge",
    "the state’s new climate plan",
    "a record quarterly profit",
    "emergency housing funds",
    "the hospital merger",
    "a four-day school week",
    "the regional rail expansion",
    "new rules for short-term rentals",
    "a wildfire recovery fund",
    "the central bank’s rate decision",
    "a water-rights settlement",
    "the stadium referendum",
]
VERBS = ["approves", "rejects", "delays", "unveils", "backs", "questions", "expands", "halts"]
BODIES = ["City council", "Regulators", "Lawmakers", "Voters", "The board", "Federal judge"]
FRAMES = [
    "{body} in {place} {verb} {subject} after months of debate, a decision that officials said "
    "would shape the region’s budget — and its politics — for the rest of the decade.",
    "The measure passed {a}-{b} on {day}, with supporters arguing it would create about "
    "{jobs:,} jobs while opponents warned that costs could rise by {pct} percent by {year}.",
    "{who}, the {role}, said the plan still faced legal challenges and that a final vote on "
    "funding was expected in {month}, when detailed figures are due to be published.",
    "Residents packed a public hearing that ran past midnight; several dozen spoke against the "
    "proposal, citing traffic, noise and the loss of {acres} acres of wetlands near the river.",
]
QUOTES = [
    "This is the most important decision we have made in a generation, and we intend to get "
    "the details right before a single shovel goes into the ground",
    "Nobody should pretend this is free; families will feel it in their monthly bills, and we "
    "owe them a clear account of where every dollar goes",
    "We listened to the people who came out tonight, and the plan that passed is better "
    "because of what they told us",
    "The numbers simply do not add up, and I expect the courts will have something to say "
    "about how this was rushed through",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "June", "September"]
SOURCES = ["The Springfield Ledger", "Northern Plains Public Radio", "Wire Service", "Daily Post"]


def _summary(rng: random.Random, n: int) -> tuple[str, ...]:
    actor, role = ACTORS[n % len(ACTORS)]
    values = {
        "body": rng.choice(BODIES),
        "place": PLACES[n % len(PLACES)],
        "verb": rng.choice(VERBS),
        "subject": SUBJECTS[(n * 7) % len(SUBJECTS)],
        "a": rng.randint(5, 9),
        "b": rng.randint(1, 4),
        "day": rng.choice(DAYS),
        "jobs": rng.randint(300, 9000),
        "pct": rng.randint(4, 40),
        "year": rng.randint(2027, 2031),
        "who": actor,
        "role": role,
        "month": rng.choice(MONTHS),
        "acres": rng.randint(12, 400),
    }
    topic = list(TOPICS.values())[n % len(TOPICS)][1]
    frames = [FRAMES[0], rng.choice(FRAMES[1:]), topic[n % len(topic)]]
    return tuple(frame.format(**values) for frame in frames)


def real_item(n: int) -> DigestItem:
    rng = random.Random(n)
    place, subject = PLACES[n % len(PLACES)], SUBJECTS[(n * 7) % len(SUBJECTS)]
    title = f"{rng.choice(BODIES)} in {place} {rng.choice(VERBS)} {subject}, story {n}"
    title = title[0].upper() + title[1:]
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = "-".join(re.sub(r"[^a-z0-9 ]", "", ascii_title.lower()).split())[:80]
    source = SOURCES[n % len(SOURCES)]
    url = (
        f"https://www.{source.lower().replace(' ', '')[:14]}.example/news/2026/12/01/{slug}"
        f"?utm_source=rss&utm_medium=feed&utm_campaign=morning-{n}"
    )
    image = (
        f"https://cdn.images.example/assets/photos/2026/12/01/{n:05d}/"
        f"{slug[:40]}-AP26335123456789.jpg?width=1600&height=900&fit=crop&auto=webp"
    )
    article = Article(
        id=f"real{n:04d}",
        title=title,
        text="Body.",
        source=f"feed:{source}",
        url=url,
        author=f"By {ACTORS[(n + 3) % len(ACTORS)][0].split()[-1]} Staff",
        published=datetime(2026, 12, 1, 14, 5, tzinfo=UTC) - timedelta(minutes=13 * n),
        source_name=source,
        image_url=image,
    )
    quotes = tuple(
        Quote(
            QUOTES[(n + k) % len(QUOTES)],
            ACTORS[(n + k) % len(ACTORS)][0],
            role=ACTORS[(n + k) % len(ACTORS)][1],
        )
        for k in range(2 + n % 2)
    )
    related = tuple(
        Article(
            id=f"rel{n:04d}{k}",
            title=f"{title} (other coverage {k})",
            text="Body.",
            source="feed:other",
            url=f"{url}&ref=related-{k}",
            source_name=SOURCES[k],
        )
        for k in range(n % 3)
    )
    return DigestItem(article, Summary(article.id, _summary(rng, n), "lead"), quotes, related)


def real_digest(count: int) -> Digest:
    items = [real_item(n) for n in range(1, count + 1)]
    return compose_digest(items, date(2026, 12, 1), "The Morning Digest", max_items=200)


def size_table(counts: tuple[int, ...] = (20, 100), budget: int = 90_000) -> str:
    """Encoded HTML sizes with and without the budget (``python -m tests.newsletter.realistic``)."""
    from digest.newsletter.budget import worst_case_size
    from digest.newsletter.message import html_part_size
    from digest.newsletter.render import render_digest
    from digest.pipeline.stages import brand_from
    from digest.settings import load_settings

    lines = [
        "| items | budget | raw HTML | encoded part (one reader) | encoded, longest fields |",
        "|---|---|---|---|---|",
    ]
    for count in counts:
        for limit in (0, budget):
            settings = load_settings(env_file=None, html_budget_bytes=limit)
            rendered = render_digest(
                real_digest(count), brand_from(settings), settings.templates_dir
            )
            copy = rendered.personalize(name="Ann Lee", email="ann@example.com")
            lines.append(
                f"| {count} | {limit or 'off'} | {len(copy.html.encode()):,} | "
                f"{html_part_size(copy.html):,} | {worst_case_size(rendered):,} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    print(size_table())
