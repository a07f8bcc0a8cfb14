from __future__ import annotations

from pathlib import Path

import pytest

from digest.delivery.subscribers import load_subscribers, validate_email
from digest.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "subscribers.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_rows_load_bad_rows_reported_by_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "email,name,plan\n"
        "ann@example.com,Ann Lee,pro\n"
        "not-an-address,Bad,free\n"
        "bo@Example.ORG,,free\n"
        "ann@example.com,Ann Again,pro\n"
        '"eve@example.com","Eve\nBcc: x@y.z",free\n',
    )
    subscribers, problems = load_subscribers(path)
    assert [s.email for s in subscribers] == [
        "ann@example.com",
        "bo@example.org",
        "eve@example.com",
    ]
    assert subscribers[0].name == "Ann Lee" and subscribers[0].fields == {"plan": "pro"}
    assert subscribers[1].name is None
    assert subscribers[2].name == "Eve Bcc: x@y.z"  # one line: no header injection
    assert [p.source.rsplit(":", 1)[1] for p in problems] == ["3", "5"]
    assert "invalid email 'not-an-address'" in problems[0].reason
    assert "listed twice" in problems[1].reason


@pytest.mark.parametrize("text", ["name\nAnn\n", ""])
def test_missing_email_column(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError, match="'email'"):
        load_subscribers(write(tmp_path, text))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="DIGEST_SUBSCRIBERS"):
        load_subscribers(tmp_path / "nope.csv")


@pytest.mark.parametrize(
    "bad",
    ["a@b", "a b@c.com", "@c.com", "a@@c.com", "a..b@c.com", "x@-y.com", "a@b.c\r\nBcc: z@z.z"],
)
def test_invalid_addresses(bad: str) -> None:
    with pytest.raises(ValueError):
        validate_email(bad)


def test_a_row_that_is_not_utf8_is_skipped_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "subscribers.csv"
    path.write_bytes(
        "email,name\nann@example.com,Zoë\n".encode()
        + b"bo@example.com,Bj\xf6rn\n"  # Latin-1, not UTF-8
        + b"cy@example.com,Cy\n"
    )
    subscribers, problems = load_subscribers(path)
    assert [(s.email, s.name) for s in subscribers] == [
        ("ann@example.com", "Zoë"),
        ("cy@example.com", "Cy"),
    ]
    [problem] = problems
    assert problem.source == f"{path}:3" and "not valid UTF-8" in problem.reason
