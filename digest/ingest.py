"""Ingest: turn sources into :class:`Article` records.

A *source* is anything with a ``name`` and a ``load()`` that returns articles and problems; one
broken document becomes a :class:`Problem` and never stops the others. This module holds the
interface and the local-file source (``.txt`` and ``.md``); feeds and web pages plug in beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from digest.errors import SourceError
from digest.models import Article, Problem, stable_id

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
MAX_FILE_BYTES = 5 * 1024 * 1024
_FRONT_MATTER_KEYS = {"url", "source", "author", "published", "title"}


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def extend(self, other: LoadResult) -> None:
        self.articles.extend(other.articles)
        self.problems.extend(other.problems)


class Source(Protocol):
    """What every kind of source offers."""

    @property
    def name(self) -> str: ...

    def load(self) -> LoadResult: ...


@dataclass
class FileSource:
    """A text/Markdown file, or a folder of them (read in name order, not recursively)."""

    path: Path

    @property
    def name(self) -> str:
        return str(self.path)

    def load(self) -> LoadResult:
        result = LoadResult()
        if not self.path.exists():
            result.problems.append(
                Problem(
                    self.name, "ingest", "no such file or folder; check --source / DIGEST_SOURCES"
                )
            )
            return result
        files = sorted(self.path.iterdir()) if self.path.is_dir() else [self.path]
        for file in files:
            if file.name.startswith(".") or not file.is_file():
                continue
            if file.suffix.lower() not in TEXT_SUFFIXES:
                if not self.path.is_dir():
                    result.problems.append(
                        Problem(
                            str(file),
                            "ingest",
                            f"unsupported file type {file.suffix!r}; use .txt or .md",
                        )
                    )
                continue
            try:
                result.articles.append(read_text_article(file))
            except SourceError as exc:
                result.problems.append(Problem(exc.source, "ingest", exc.reason))
        return result


def read_text_article(path: Path) -> Article:
    """Read one ``.txt``/``.md`` article: optional front matter, headline line, paragraphs."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(str(path), f"file is {size} bytes, over the {MAX_FILE_BYTES} limit")
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(str(path), f"cannot read file ({exc.strerror})") from exc
    if b"\x00" in raw:
        raise SourceError(
            str(path), "looks like a binary file, not text; remove it from the sources"
        )
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            str(path), f"is not UTF-8 text (bad byte at offset {exc.start}); re-save it as UTF-8"
        ) from exc
    return parse_text_article(content, source=str(path), default_id=_id_from_name(path))


def parse_text_article(content: str, source: str, default_id: str | None = None) -> Article:
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = _split_front_matter(content)
    lines = body.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise SourceError(source, "is empty; add a headline line and the article text")
    title = _strip_markdown(meta.get("title") or lines.pop(0))
    text = "\n\n".join(_paragraphs(lines))
    if not text:
        raise SourceError(source, "has a headline but no article text below it")
    return Article(
        id=default_id or stable_id(source, title),
        title=title,
        text=text,
        source=source,
        url=meta.get("url"),
        author=meta.get("author"),
        published=_parse_datetime(meta.get("published")),
        source_name=meta.get("source"),
    )


def load_sources(sources: Iterable[Source]) -> LoadResult:
    result = LoadResult()
    for source in sources:
        result.extend(source.load())
    return result


def sources_from_strings(specs: Sequence[str]) -> list[Source]:
    """Map ``--source`` values to sources. Only local paths exist so far; URLs come later."""
    sources: list[Source] = []
    for spec in specs:
        sources.append(FileSource(Path(spec).expanduser()))
    return sources


def _id_from_name(path: Path) -> str:
    match = re.search(r"([0-9a-f]{16})$", path.stem)
    return match.group(1) if match else stable_id(str(path.resolve()))


def _split_front_matter(content: str) -> tuple[dict[str, str], str]:
    if not content.startswith("---\n"):
        return {}, content
    end = content.find("\n---", 4)
    if end == -1:
        return {}, content
    meta: dict[str, str] = {}
    for line in content[4:end].split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in _FRONT_MATTER_KEYS:
            meta[key.strip().lower()] = value.strip().strip("\"'")
    rest = content[end + 4 :]
    return meta, rest.split("\n", 1)[1] if "\n" in rest else ""


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    return paragraphs


def _strip_markdown(line: str) -> str:
    line = re.sub(r"^\s*#+\s*", "", line)
    line = re.sub(r"[*_]{1,2}(\S.*?\S|\S)[*_]{1,2}", r"\1", line)
    return line.strip()


def _parse_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
