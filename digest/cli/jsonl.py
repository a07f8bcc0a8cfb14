"""JSON lines in and out, with one-line errors naming the file and line."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from digest.errors import ConfigError


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Objects with ``id`` and ``text``, one per line; a bad line is an error naming it."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path} ({exc.strerror}); check --input") from exc
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("text"), str):
                raise ConfigError(f"{path}:{number}: each line needs an 'id' and a 'text' string")
            yield row


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    from digest.delivery.outbox import atomic_write

    data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    try:
        atomic_write(path, data.encode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot write {path} ({exc.strerror}); check --output") from exc
