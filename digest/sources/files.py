"""Local files as sources: text/Markdown, HTML pages, JSON/JSONL records and feed files."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest.errors import SourceError
from digest.models import Article, LoadResult, Problem, stable_id
from digest.sources.guard import DEFAULT_MAX_ENTRIES
from digest.sources.parsing import article_from_html, as_text_bytes, parse_published

if TYPE_CHECKING:
    from digest.sources.fetch import Fetcher

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json", ".jsonl")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + FEED_SUFFIXES
MAX_FILE_BYTES = 5 * 1024 * 1024
_FRONT_MATTER_KEYS = {"url", "source", "author", "published", "title"}


# an address of another scheme ("ftp:", "file:", "javascript:"; a drive letter "C:" is no scheme)
_OTHER_SCHEME = re.compile(r"^[A-Za-z][\w+.-]{1,20}:")


@dataclass
class FileSource:
    """A file, or a folder of files (read in name order, not recursively)."""

    path: Path
    fetcher: Fetcher | None = None
    teaser_words: int = 120
    max_entries: int = DEFAULT_MAX_ENTRIES

    @property
    def name(self) -> str:
        return str(self.path)

    def load(self) -> LoadResult:
        result = LoadResult()
        if not self.path.exists():
            why = "no such file or folder; check --source / DIGEST_SOURCES"
            if _OTHER_SCHEME.match(self.name):  # "ftp://…", "file:///…", "javascript:…"
                why = "only http:// and https:// addresses are read; give a web address or a path"
            result.problems.append(Problem(self.name, "ingest", why))
            return result
        files = sorted(self.path.iterdir()) if self.path.is_dir() else [self.path]
        for file in files:
            if file.name.startswith(".") or not file.is_file():
                continue
            suffix = file.suffix.lower()
            if suffix not in SUPPORTED:
                if not self.path.is_dir():
                    result.problems.append(
                        Problem(
                            str(file),
                            "ingest",
                            f"unsupported file type {file.suffix!r}; "
                            f"use one of {', '.join(SUPPORTED)}",
                        )
                    )
                continue
            try:
                result.extend(self._load_file(file, suffix))
            except SourceError as exc:
                result.problems.append(Problem(exc.source, "ingest", exc.reason))
        return result

    def _load_file(self, file: Path, suffix: str) -> LoadResult:
        if suffix in TEXT_SUFFIXES:
            return LoadResult([read_text_article(file)])
        raw = read_bytes(file)
        if suffix in HTML_SUFFIXES:
            return LoadResult([article_from_html(raw, None, str(file)).article])
        if suffix in JSON_SUFFIXES:
            return read_json_articles(file, raw)
        from digest.sources.urls import load_feed

        return load_feed(raw, str(file), self.fetcher, self.teaser_words, self.max_entries)


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(str(path), f"file is {size} bytes, over the {MAX_FILE_BYTES} limit")
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(str(path), f"cannot read file ({exc.strerror})") from exc
    if not raw.strip():
        raise SourceError(str(path), "is empty; add a headline line and the article text")
    return as_text_bytes(raw, str(path))


def decode_utf8(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            source, f"is not UTF-8 text (bad byte at offset {exc.start}); re-save it as UTF-8"
        ) from exc


def read_text_article(path: Path) -> Article:
    """Read one ``.txt``/``.md`` article: optional front matter, headline line, paragraphs."""
    content = decode_utf8(read_bytes(path), str(path))
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
    published, date_only = parse_published(meta.get("published"))
    return Article(
        id=default_id or stable_id(source, title),
        title=title,
        text=text,
        source=source,
        url=meta.get("url"),
        author=meta.get("author"),
        published=published,
        source_name=meta.get("source"),
        published_date_only=date_only,
    )


def read_json_articles(path: Path, raw: bytes) -> LoadResult:
    """``.jsonl``: one record a line; ``.json``: a record, a list, or ``{"articles": [...]}``."""
    text = decode_utf8(raw, str(path))
    result = LoadResult()
    records: list[tuple[str, Any]] = []
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    records.append((f"{path}:{number}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    result.problems.append(
                        Problem(f"{path}:{number}", "ingest", f"not valid JSON ({exc.msg})")
                    )
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SourceError(
                str(path), f"not valid JSON ({exc.msg} at line {exc.lineno})"
            ) from exc
        items = data.get("articles", [data]) if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise SourceError(str(path), "expected an article object or a list of them")
        records = [(f"{path}[{i}]", item) for i, item in enumerate(items)]
    for where, record in records:
        try:
            result.articles.append(article_from_record(record, where))
        except SourceError as exc:
            result.problems.append(Problem(exc.source, "ingest", exc.reason))
    return result


def article_from_record(record: Any, where: str) -> Article:
    if not isinstance(record, dict):
        raise SourceError(where, "each record must be a JSON object with 'title' and 'text'")
    title = " ".join(str(record.get("title") or record.get("headline") or "").split())
    body = record.get("text") or record.get("body") or record.get("content") or ""
    if not isinstance(body, str) or not body.strip():
        raise SourceError(where, "has no 'text'; give the article body as a string")
    if not title:
        raise SourceError(where, "has no 'title'; give the headline as a string")
    url = record.get("url")
    published, date_only = parse_published(str(record.get("published") or "") or None)
    return Article(
        id=str(record.get("id") or stable_id(url or where, title)),
        title=title,
        text="\n\n".join(p.strip() for p in re.split(r"\n\s*\n", body.strip()) if p.strip()),
        source=where,
        url=url if isinstance(url, str) else None,
        author=record.get("author") if isinstance(record.get("author"), str) else None,
        published=published,
        source_name=record.get("source") if isinstance(record.get("source"), str) else None,
        published_date_only=date_only,
    )


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
