from __future__ import annotations

import json
from pathlib import Path

from digest.evaluation.split import is_heldout
from digest.quotes.fit import choose_threshold, main


def _row(n: int, right: bool) -> dict[str, object]:
    speaker = "Linda Park" if right else "Tom Reyes"
    text = (
        f"Linda Park and Tom Reyes spoke on day {n}.\n\n"
        f"“We waited ten years for this bridge number {n} to open,” Linda Park said.\n\n"
        f"“It will carry cars, bikes and buses across the river,” he said."
    )
    return {
        "id": f"a{n}",
        "text": text,
        "quotes": [
            {
                "quote": f"We waited ten years for this bridge number {n} to open,",
                "speaker": "Linda Park",
                "speaker_type": "name",
            },
            {
                "quote": "It will carry cars, bikes and buses across the river,",
                "speaker": speaker,
                "speaker_type": "name",
            },
        ],
    }


def test_fit_writes_deterministic_weights_from_the_fit_part_only(tmp_path: Path) -> None:
    rows = [_row(n, right=n % 3 != 0) for n in range(40)]
    # a held-out article whose text would fail if it were read
    held = next(f"h{n}" for n in range(100) if is_heldout(f"h{n}"))
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows[:-1]), encoding="utf-8")
    with data.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": held, "text": "", "quotes": "not a list"}) + "\n")
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    ranker_one, ranker_two = tmp_path / "r1.json", tmp_path / "r2.json"
    assert (
        main(["--input", str(data), "--output", str(first), "--ranker-output", str(ranker_one)])
        == 0
    )
    assert (
        main(["--input", str(data), "--output", str(second), "--ranker-output", str(ranker_two)])
        == 0
    )
    assert first.read_bytes() == second.read_bytes()
    assert ranker_one.read_bytes() == ranker_two.read_bytes()
    ranker = json.loads(ranker_one.read_text(encoding="utf-8"))
    assert ranker["quotes"] <= 2 * fitted_articles()
    assert "pick=True" in ranker["weights"]
    model = json.loads(first.read_text(encoding="utf-8"))
    assert model["examples"] <= 2 * fitted_articles()
    assert "how=after" in model["weights"]


def fitted_articles() -> int:
    return sum(not is_heldout(f"a{n}") for n in range(40))


def test_threshold_is_a_coverage_budget() -> None:
    scores = [0.99, 0.95, 0.9, 0.8, 0.5]
    assert choose_threshold(scores, [10] * 5, 0.6) == 0.9
    assert choose_threshold(scores, [10, 10, 10, 10, 3], 1.0) == 0.8  # short quotes not counted


def test_descriptions_the_gold_keeps_are_labels_too(tmp_path: Path) -> None:
    # the gold keeps "the memo" where the extractor would name a person: a wrong attribution
    rows = [_row(n, right=n % 3 != 0) for n in range(40)]
    for row in rows[::2]:
        row["quotes"][1].update(speaker="the memo", speaker_type="nominal")  # type: ignore[index]
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "model.json"
    gate = ["--input", str(data), "--output", str(out), "--no-ranker"]
    assert main(gate) == 0
    with_nominal = json.loads(out.read_text(encoding="utf-8"))
    assert main([*gate, "--labels", "name"]) == 0
    names_only = json.loads(out.read_text(encoding="utf-8"))
    assert with_nominal["label_types"] == ["name", "nominal"]
    assert with_nominal["examples"] > names_only["examples"]
    assert with_nominal["right"] == names_only["right"]  # the nominal ones are all wrong
