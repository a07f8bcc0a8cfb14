from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.evaluation.split import subset
from digest.summaries.fit import main, oracle
from digest.summaries.ranker import COEFFICIENTS
from tests.articles import TOPICS


def test_the_oracle_takes_the_sentences_that_match_the_highlights() -> None:
    sentences = [
        "The council met on Tuesday evening in the town hall.",
        "The bridge will cost about $120 million and open in 2029.",
        "Weather was mild and the parking lot was nearly empty.",
    ]
    picked = oracle(sentences, [0, 1, 2], "Bridge will cost $120 million, open in 2029.", 3, 100)
    assert picked == [1]  # adding either other sentence lowers F1
    assert oracle(sentences, [0, 2], "Bridge will cost $120 million.", 3, 5) == []  # budget


def _rows() -> list[dict[str, object]]:
    rows = []
    for n in range(30):
        topic, (headline, body) = list(TOPICS.items())[n % len(TOPICS)]
        # the highlights repeat the second sentence: the fit should learn a place, not a word
        rows.append(
            {
                "id": f"{topic}-{n}",
                "title": headline,
                "text": "\n\n".join(body),
                "reference": body[1],
            }
        )
    return rows


def test_fit_reads_the_even_half_only_and_prints_every_coefficient(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _rows()
    odd = {r["id"] for r in subset(rows, "odd")}
    # an odd article that would fail if it were read (no text)
    broken = [{**r, "text": None} if r["id"] in odd else r for r in rows]
    data = tmp_path / "summaries.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in broken), encoding="utf-8")
    assert main(["--input", str(data), "--c", "1"]) == 0
    first = capsys.readouterr().out
    assert f"# {len(rows) - len(odd)} articles" in first
    for name in COEFFICIENTS:
        assert f'"{name}": ' in first
    namespace: dict[str, object] = {}
    exec(first, namespace)  # the printed block is Python to paste into ranker.py
    coefficients = namespace["COEFFICIENTS"]
    assert isinstance(coefficients, dict)
    assert coefficients["is_second"] > 0  # the highlights are always the second sentence
    assert main(["--input", str(data), "--c", "1"]) == 0
    assert capsys.readouterr().out == first  # deterministic


def test_without_c_the_regularisation_is_chosen_by_cross_validation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "summaries.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in _rows()), encoding="utf-8")
    assert main(["--input", str(data)]) == 0
    out = capsys.readouterr().out
    tried = [line for line in out.splitlines() if "cross-validated" in line]
    assert len(tried) == 6
    chosen = next(line for line in out.splitlines() if line.startswith("# C=") and ":" not in line)
    assert any(line.startswith(chosen + ":") for line in tried)
