"""A digest is a pure function of its inputs and settings: many batches on the thread runner
give the same email as one batch (issue 14: a shared pysbd segmenter mixed articles up)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from prefect.testing.utilities import prefect_test_harness

from flows.daily_digest import daily_digest
from tests.articles import paragraphs, synthetic, title

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def prefect_server() -> Iterator[None]:
    with prefect_test_harness(server_startup_timeout=120):
        yield


def write_articles(folder: Path, count: int) -> None:
    folder.mkdir()
    topics = ["bridge", "storm", "chips"]
    for n in range(count):
        extra = (
            f"Sen. A. B. Smith of the U.S. said on Monday it cost ${n}.5 million. "
            f"“It is {n} days late,” he said. Mr. Jones disagreed."
        )
        body = "\n\n".join(paragraphs(topics[n % 3]))
        headline, rest = synthetic(n).split("\n\n", 1)
        text = f"{headline} {title(topics[n % 3])}\n\n{extra}\n\n{rest}\n\n{body}\n"
        (folder / f"article-{n:02d}.txt").write_text(text, encoding="utf-8")


def test_many_batches_on_threads_give_the_same_email_as_one_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = tmp_path / "in"
    write_articles(sources, 24)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIGEST_MAX_ITEMS", "30")
    monkeypatch.setenv("DIGEST_TASK_RUNNER", "thread")
    previews = []
    for size in ("2", "100"):
        monkeypatch.setenv("DIGEST_BATCH_SIZE", size)
        monkeypatch.setenv("DIGEST_STATE_DIR", str(tmp_path / f"state-{size}"))
        outbox = tmp_path / f"outbox-{size}"
        daily_digest(sources=[str(sources)], outbox=str(outbox), date=date(2026, 11, 29))
        previews.append((outbox / "digest-2026-11-29.html").read_text(encoding="utf-8"))
    assert previews[0].count('class="story-headline"') >= 3
    assert previews[0] == previews[1]
