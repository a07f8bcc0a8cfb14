"""The ``digest`` command (``digest.cli:main``)."""

from digest.cli.jsonl import read_jsonl, write_jsonl
from digest.cli.main import build_parser, main

__all__ = ["build_parser", "main", "read_jsonl", "write_jsonl"]
