"""JSON lines from outside files, with one-line errors naming the file, the line and the fix."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from digest.errors import ConfigError


def iter_jsonl(
    path: Path, required: Mapping[str, type | tuple[type, ...]], *, option: str = "--input"
) -> Iterator[dict[str, Any]]:
    """The objects of ``path``, one per non-blank line, each with the ``required`` fields of the
    given types; a bad line raises :class:`ConfigError` naming ``path:line``."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path} ({exc.strerror}); check {option}") from exc
    need = " and ".join(f"{'an' if name[0] in 'aeiou' else 'a'} '{name}'" for name in required)
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ConfigError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
                if not isinstance(row, dict) or any(
                    not isinstance(row.get(name), kind) for name, kind in required.items()
                ):
                    raise ConfigError(f"{path}:{number}: each line needs {need}")
                yield row
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from exc
