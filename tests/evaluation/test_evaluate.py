from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.cli import main
from digest.evaluation.quotes import gold_slip, same_person, span_overlap, words_of
from digest.evaluation.split import subset


def eval_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: dict[str, object], *options: str
) -> str:
    """What `digest eval quotes` prints for a JSONL file holding ``row``."""
    data = tmp_path / "q.jsonl"
    data.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert main(["eval", "quotes", "--input", str(data), *options]) == 0
    return capsys.readouterr().out


def test_eval_summaries_prints_a_table_beside_lead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "The council approved a new bridge on Tuesday after a decade of debate. "
        "The bridge will cost $120 million and open in 2029. "
        "Opponents said they would go to court over wetlands. "
        "The weather was mild. Lunch was served at noon. Everyone went home."
    )
    rows = [
        {
            "id": str(i),
            "text": text,
            "reference": "Council approves $120 million bridge.\nOpponents plan a court fight.",
        }
        for i in range(4)
    ]
    data = tmp_path / "s.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["eval", "summaries", "--input", str(data), "--methods", "default", "luhn"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:4] == ["method", "R-1", "R-2", "R-Lsum"]
    assert [line.split()[0] for line in out[1:4]] == ["lead", "digest", "luhn"]
    lead_r1 = float(out[1].split()[1])
    assert 0 < lead_r1 < 100


def test_eval_quotes_scores_spans_and_speakers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = {
        "id": "q1",
        "text": "“We will build it,” Mayor Linda Park said.\n\n“It is a mistake,” said Tom Reyes.",
        "quotes": [
            {"quote": "We will build it,", "speaker": "Linda Park", "speaker_type": "name"},
            {"quote": "It is a mistake,", "speaker": "the mayor", "speaker_type": "nominal"},
            {"quote": "A quote we do not find at all", "speaker": None},
        ],
    }
    out = eval_quotes(tmp_path, capsys, row)
    assert "P 100.0  R 66.7  F1 80.0" in out
    assert "accuracy 50.0% (1 of 2 matched" in out
    by_kind = {line.split()[0]: line.split()[1] for line in out.splitlines() if "% (" in line}
    assert by_kind["name"] == "100.0%"  # by kind of gold speaker
    assert by_kind["nominal"] == "0.0%"


def test_scoring_helpers() -> None:
    assert span_overlap(words_of("We will win it"), words_of("we will win")) == 0.75
    assert same_person("Donald Trump", "Donald J. Trump")
    assert same_person("Hillary Clinton", "Clinton")
    assert not same_person("Bill Clinton", "Hillary Clinton")
    assert not same_person("Donald Trump", None)
    assert same_person("The president", "the president")  # a description, as written
    assert same_person("Brent Bozell III, founder of the Media Research Center,", "Brent Bozell")
    assert same_person("retired Air Force general Lloyd Newton", "Lloyd Newton")
    assert not same_person("Donald Trump’s campaign manager", "Donald Trump")
    assert same_person("Wasserman Schultz", "Debbie Wasserman Schultz")  # a two-word surname
    assert not same_person("the president", "the senator")
    rows = [{"id": str(i)} for i in range(50)]
    even, odd = subset(rows, "even"), subset(rows, "odd")
    assert len(even) + len(odd) == 50 and not {r["id"] for r in even} & {r["id"] for r in odd}


def test_eval_quotes_shows_disagreements_to_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = {
        "id": "q2",
        "text": "Mayor Linda Park spoke first.\n\n“We will build it,” Tom Reyes said.",
        "quotes": [
            {"quote": "We will build it,", "speaker": "Linda Park", "speaker_type": "name"},
        ],
    }
    out = eval_quotes(tmp_path, capsys, row, "--show-disagreements", "5", "--seed", "1")
    assert "1 of 1 speaker disagreements (seed 1)" in out
    assert "q2: gold 'Linda Park' (name), predicted 'Tom Reyes' (after)" in out
    assert "[[We will build it,]]" in out  # the quote in its context


def test_eval_quotes_scores_the_key_quotes_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Both quotes are matched; only the long one is a key quote the digest would show, and its
    # speaker is wrong, so the key-quote figure differs from the overall one.
    row = {
        "id": "q3",
        "text": (
            "“We will build the new bridge before the winter comes to town,” Tom Reyes said."
            "\n\n“Too late,” said Linda Park."
        ),
        "quotes": [
            {
                "quote": "We will build the new bridge before the winter comes to town,",
                "speaker": "Linda Park",
                "speaker_type": "name",
            },
            {"quote": "Too late,", "speaker": "Linda Park", "speaker_type": "name"},
        ],
    }
    out = eval_quotes(tmp_path, capsys, row)
    assert "accuracy 50.0% (1 of 2 matched" in out
    assert "key quotes (key: true, up to 3 an article): speaker agreement 0.0% (0 of 1" in out
    assert "key-quote coverage: 100.0% (1 of 1 articles" in out


def test_eval_quotes_scores_the_fit_and_heldout_parts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = {"id": "q1", "text": "“We will build it,” Linda Park said.", "quotes": []}
    parts = [eval_quotes(tmp_path, capsys, row, "--subset", part) for part in ("fit", "heldout")]
    assert sorted(p.splitlines()[0][:1] for p in parts) == ["0", "1"]  # in exactly one part


def test_eval_quotes_reads_the_text_as_the_clean_stage_repairs_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garbled = "“We will not pay for the wall,” said Enrique Peña Nieto.".encode().decode("latin-1")
    row = {
        "id": "q4",
        "text": garbled,
        "quotes": [
            {
                "quote": "We will not pay for the wall,",
                "speaker": "Enrique Peña Nieto",
                "speaker_type": "name",
            }
        ],
    }
    assert "accuracy 100.0% (1 of 1 matched" in eval_quotes(tmp_path, capsys, row)


def test_same_person_reads_titles_and_family_names_first() -> None:
    assert same_person("Admiral Harris", "Harry B. Harris")  # a title, not a first name
    assert same_person("Ban", "Ban Ki-moon")  # the family name written first
    assert same_person("Shen", "Shen Xincheng")
    assert not same_person("Shen", "Li Shen Xincheng Wu")
    assert not same_person("Heidi Cruz", "Ted Cruz")


def test_eval_quotes_sets_gold_slips_apart_in_the_key_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = {
        "id": "q4",
        "text": "“We will build the new bridge before the winter comes to town,” said Tom Reyes.",
        "quotes": [
            {
                "quote": "We will build the new bridge before the winter comes to town,",
                "speaker": "said",
                "speaker_type": "nominal",
            },
        ],
    }
    out = eval_quotes(tmp_path, capsys, row)
    assert "speaker agreement 0.0% (0 of 1 matched" in out
    assert "without gold slips     0.0% (0 of 0; 1 gold speakers such as 'said' left out)" in out
    assert gold_slip("said") and gold_slip("o") and not gold_slip("another")
