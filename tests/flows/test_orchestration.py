"""Parameters, caching, artifacts and task runners of the daily-digest flow (real Prefect)."""

from __future__ import annotations

import asyncio
import email
import email.policy
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from prefect.exceptions import ParameterTypeError
from prefect.testing.utilities import prefect_test_harness

from digest.settings import load_settings
from flows.daily_digest import daily_digest
from flows.serve import daily_flow
from tests.articles import TOPICS, text_file

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def prefect_server() -> Iterator[None]:
    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    for topic in TOPICS:
        (folder / f"{topic}.txt").write_text(text_file(topic), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "bad", [{"max_items": 0}, {"delivery": "fax"}, {"summarizer": "magic"}, {"date": "tomorrow"}]
)
def test_bad_parameters_are_refused_before_the_run(sources: Path, bad: dict[str, object]) -> None:
    with pytest.raises(ParameterTypeError):
        daily_digest(sources=[str(sources)], outbox=str(sources.parent / "out"), **bad)
    assert not (sources.parent / "out").exists()


def test_dry_run_delivers_nothing(sources: Path) -> None:
    report = daily_digest(
        sources=[str(sources)],
        outbox=str(sources.parent / "out"),
        dry_run=True,
        date=date(2026, 11, 29),
    )
    assert report.delivered == [] and "dry run" in report.skipped[0][1]
    assert not (sources.parent / "out").exists()


def test_rerun_the_same_day_reuses_cached_article_work(sources: Path) -> None:
    (sources.parent / ".env").write_text("DIGEST_BATCH_SIZE=1\n", encoding="utf-8")
    results = sources.parent / ".digest-state" / "prefect-results"
    out = str(sources.parent / "out")

    def snapshot() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in results.iterdir()}

    daily_digest(sources=[str(sources)], outbox=out, date=date(2026, 11, 29))
    first = snapshot()
    assert len(first) == 2 * len(TOPICS)  # summaries and quotes, one batch per article
    daily_digest(sources=[str(sources)], outbox=out, date=date(2026, 11, 29), force=True)
    assert snapshot() == first  # nothing recomputed, nothing rewritten
    (sources / "storm.txt").write_text(
        text_file("storm", "A new first paragraph.\n\n"), encoding="utf-8"
    )
    daily_digest(sources=[str(sources)], outbox=out, date=date(2026, 11, 29), force=True)
    third = snapshot()
    assert len(third) == len(first) + 2  # only the changed article was redone
    assert all(third[name] == mtime for name, mtime in first.items())


def test_artifacts_preview_and_article_table(sources: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    (sources / "empty.txt").write_text("", encoding="utf-8")
    daily_digest(
        sources=[str(sources)], outbox=str(sources.parent / "out"), date=date(2026, 11, 29)
    )

    async def read(key: str) -> str:
        async with get_client() as client:
            found = await client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
                limit=1,
                sort="CREATED_DESC",
            )
            return str(found[0].data)

    preview = asyncio.run(read("daily-digest-preview"))
    table = asyncio.run(read("daily-digest-articles"))
    assert "What you need to know" in preview and "City Council Approves" in preview
    assert "in digest" in table and "empty.txt" in table and "is empty" in table


def test_dask_runner_gives_the_same_digest(sources: Path, tmp_path: Path) -> None:
    def body(outbox: Path) -> str:
        message = email.message_from_bytes(
            (outbox / "digest-2026-11-29.eml").read_bytes(), policy=email.policy.default
        )
        return message.get_body(("html",)).get_content()  # type: ignore[union-attr]

    thread_settings = load_settings(env_file=None, batch_size=1)
    dask_settings = load_settings(env_file=None, batch_size=1, task_runner="dask")
    daily_flow(thread_settings)(
        sources=[str(sources)], outbox=str(tmp_path / "threads"), date=date(2026, 11, 29)
    )
    daily_flow(dask_settings)(
        sources=[str(sources)], outbox=str(tmp_path / "dask"), date=date(2026, 11, 29), force=True
    )
    assert body(tmp_path / "threads") == body(tmp_path / "dask")
    assert "Arclight" in body(tmp_path / "dask")
