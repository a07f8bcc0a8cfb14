from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.cli import main
from tests.articles import paragraphs, text_file, title


def test_digest_articles_writes_one_record_per_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "storm.txt").write_text(
        "---\npublished: 2001-01-01\n---\n" + text_file("storm"), encoding="utf-8"
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["articles", "--source", str(folder), "--output", str(out)]) == 0
    assert "2 record(s), 1 ok, 1 not" in capsys.readouterr().out
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ok = next(r for r in rows if r["status"] == "ok")
    assert set(ok) == {
        "source", "title", "url", "published", "author", "text", "summary", "quotes", "status"
    }  # fmt: skip
    assert ok["title"] == title("storm") and ok["text"].split("\n\n") == paragraphs("storm")
    assert ok["published"] == "2001-01-01"  # no time window applies; a date stays a date
    assert len(ok["summary"]) == 3
    assert isinstance(ok["quotes"], list)
    assert all(set(q) == {"quote", "speaker", "role"} for q in ok["quotes"])
    bad = next(r for r in rows if r["status"] != "ok")
    assert bad["source"].endswith("empty.txt") and bad["status"].startswith("ingest: ")
