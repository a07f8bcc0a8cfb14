"""JSON lines in and out, with one-line errors naming the file and line."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from digest.errors import ConfigError
from digest.jsonlines import iter_jsonl


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Objects with ``id`` and ``text``, one per line; a bad line is an error naming it."""
    return iter_jsonl(path, {"id": (str, int), "text": str})


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    from digest.delivery.outbox import atomic_write

    data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    try:
        atomic_write(path, data.encode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot write {path} ({exc.strerror}); check --output") from exc
