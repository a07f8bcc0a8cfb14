"""digest.jsonlines: every bad line is one error naming the file and line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.errors import ConfigError
from digest.jsonlines import iter_jsonl


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    return path


def test_reads_objects_and_skips_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, b'{"id": "a", "text": "x"}\n\n{"id": 2, "text": "y"}\n')
    rows = list(iter_jsonl(path, {"id": (str, int), "text": str}))
    assert [row["id"] for row in rows] == ["a", 2]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"id": "a", "text": "x"}\n{oops\n', "in.jsonl:2: not valid JSON"),
        (b'{"id": "a"}\n', "in.jsonl:1: each line needs an 'id' and a 'text'"),
        (b'["id", "text"]\n', "in.jsonl:1: each line needs"),
        (b'{"id": "a", "text": 3}\n', "in.jsonl:1: each line needs"),
        (b'{"id": "a", "text": "\xff\xfe"}\n', "not UTF-8 text"),
    ],
)
def test_bad_lines_name_the_file_and_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, data)
    with pytest.raises(ConfigError, match=message):
        list(iter_jsonl(path, {"id": (str, int), "text": str}))


def test_missing_file_names_the_option(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="check --source"):
        list(iter_jsonl(tmp_path / "none.jsonl", {"file": str}, option="--source"))
