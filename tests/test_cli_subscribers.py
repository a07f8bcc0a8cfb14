"""``digest subscribers import | list | export | remove`` on a real state directory."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from digest.cli import main


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DIGEST_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "state"


def test_import_list_export_remove(
    state: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "email,name,city\nann@example.com,Ann,=HYPERLINK(1)\nnot-an-email,X,\nbo@example.com,,\n",
        encoding="utf-8",
    )
    assert main(["subscribers", "import", str(people)]) == 0
    out, err = capsys.readouterr()
    assert "2 added" in out and "people.csv:3" in err
    assert main(["subscribers", "remove", "ann@example.com", "zed@example.com"]) == 1
    out, err = capsys.readouterr()
    assert "unsubscribed 1" in out and "zed@example.com" in err
    assert main(["subscribers", "import", str(people)]) == 0
    assert "kept out ann@example.com" in capsys.readouterr().out
    assert main(["subscribers", "list", "--status", "active"]) == 0
    listed = capsys.readouterr().out
    assert "bo@example.com\tactive" in listed and "ann@" not in listed
    export = tmp_path / "out.csv"
    assert main(["subscribers", "export", "--output", str(export)]) == 0
    rows = list(csv.DictReader(io.StringIO(export.read_text(encoding="utf-8"))))
    assert [(r["email"], r["status"]) for r in rows] == [
        ("ann@example.com", "unsubscribed"),
        ("bo@example.com", "active"),
    ]
    assert rows[0]["city"] == "'=HYPERLINK(1)" and "sid" not in rows[0]


def test_a_missing_file_is_one_line(state: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["subscribers", "import", "nope.csv"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("digest: error: cannot read subscribers file nope.csv")
