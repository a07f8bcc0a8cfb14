from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.cli import main
from tests.conftest import SEED


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def seed_rows() -> list[dict[str, object]]:
    body = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    return [
        {"id": "seed", "text": body},
        {"id": "short", "text": "One sentence only, with no quote."},
        {"id": "empty", "text": ""},
    ]


def test_summarize_writes_one_line_per_input_in_order(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", seed_rows())
    out = tmp_path / "out.jsonl"
    assert main(["summarize", "--input", str(src), "--output", str(out), "--sentences", "2"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["seed", "short", "empty"]
    assert len(rows[0]["summary"]) == 2
    assert rows[1]["summary"] == ["One sentence only, with no quote."]
    assert rows[2]["summary"] == []


def test_summarize_method_lead(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "First one. Second one. Third."}])
    out = tmp_path / "out.jsonl"
    assert (
        main(
            [
                "summarize",
                "--input",
                str(src),
                "--output",
                str(out),
                "--method",
                "lead",
                "--sentences",
                "1",
            ]
        )
        == 0
    )
    assert json.loads(out.read_text())["summary"] == ["First one."]


def test_quotes_command(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", seed_rows())
    out = tmp_path / "out.jsonl"
    assert main(["quotes", "--input", str(src), "--output", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["seed", "short", "empty"]
    speakers = {q["speaker"] for q in rows[0]["quotes"]}
    assert {"Antony Blinken", "Feng Chongyi", "Carlos Gimenez"} <= speakers
    fields = {"quote", "speaker", "key", "role", "confidence"}
    assert all(set(q) == fields for q in rows[0]["quotes"])
    key = [q for q in rows[0]["quotes"] if q["key"]]
    assert 1 <= len(key) <= 3 and all(q["confidence"] > 0.5 for q in key)
    assert all(q["confidence"] is None for q in rows[0]["quotes"] if q["speaker"] is None)
    assert rows[1]["quotes"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json}\n", "in.jsonl:1: not valid JSON"), ('{"text": "x"}\n', "needs an 'id'")],
)
def test_bad_input_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(content, encoding="utf-8")
    assert main(["summarize", "--input", str(src), "--output", str(tmp_path / "o.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("digest: error: ") and message in err
    assert err.count("\n") == 1
    assert not (tmp_path / "o.jsonl").exists()


def test_missing_input_and_unknown_method(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["quotes", "--input", str(tmp_path / "nope.jsonl"), "--output", "x"]) == 1
    assert "nope.jsonl" in capsys.readouterr().err
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Hi."}])
    assert (
        main(
            ["summarize", "--input", str(src), "--output", str(tmp_path / "o"), "--method", "magic"]
        )
        == 1
    )
    assert "unknown summarizer 'magic'" in capsys.readouterr().err


def test_bad_date_is_rejected(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["run", "--date", "yesterday"])
    assert info.value.code == 2
    assert "not a date like" in capsys.readouterr().err


def test_ledger_list_resend_forget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from digest.delivery.ledger import Ledger
    from digest.state import StateStore

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIGEST_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("DIGEST_NEWSLETTER_NAME", "News")
    ledger = Ledger(StateStore(tmp_path / "state"))
    day = date(2026, 11, 29)
    for who, state in [("ann@example.com", "sent"), ("bo@example.com", "maybe")]:
        ledger.claim("News", day, who, "d1")
        ledger.mark("News", day, who, state, "reply lost" if state == "maybe" else None)
    assert main(["ledger", "list", "--state", "maybe"]) == 0
    out = capsys.readouterr().out
    assert "bo@example.com" in out and "ann@example.com" not in out and "1 row(s)" in out
    assert main(["ledger", "resend", "--date", "2026-11-29"]) == 0
    assert "will resend: bo@example.com (was maybe)" in capsys.readouterr().out
    assert [e.state for e in ledger.entries(recipients=["bo@example.com"])] == ["retry"]
    assert main(["ledger", "forget", "--date", "2026-11-29", "ann@example.com"]) == 0
    assert "forgot 1 row(s)" in capsys.readouterr().out
    assert [e.recipient for e in ledger.entries()] == ["bo@example.com"]
    (tmp_path / "state" / "state.db").write_bytes(b"")
    assert main(["ledger", "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("digest: error: state database") and err.count("\n") == 1
