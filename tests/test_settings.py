from __future__ import annotations

from pathlib import Path

import pytest

from digest.errors import ConfigError
from digest.settings import load_settings


def test_defaults_run_on_seeds_into_outbox() -> None:
    settings = load_settings(env_file=None)
    assert settings.sources == ["seeds"]
    assert settings.outbox == Path("outbox")
    assert (settings.templates_dir / "digest.html.j2").is_file()


def test_env_and_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "DIGEST_SOURCES=a.txt, more/\nDIGEST_MAX_QUOTES=1\nDIGEST_FROM=Me <me@example.com>\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DIGEST_MAX_QUOTES", "2")  # the environment wins over .env
    settings = load_settings(env_file=env_file)
    assert settings.sources == ["a.txt", "more/"]
    assert settings.max_quotes == 2
    assert settings.from_address == "Me <me@example.com>"


def test_overrides_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIGEST_OUTBOX", "env-outbox")
    assert load_settings(env_file=None, outbox="cli-outbox").outbox == Path("cli-outbox")
    assert load_settings(env_file=None, outbox=None).outbox == Path("env-outbox")


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("DIGEST_SUMMARY_SENTENCES", "many", "DIGEST_SUMMARY_SENTENCES"),
        ("DIGEST_TIMEZONE", "Mars/Olympus", "unknown time zone"),
        ("DIGEST_UNSUBSCRIBE_URL", "/relative", "DIGEST_UNSUBSCRIBE_URL"),
    ],
)
def test_bad_values_are_one_line_errors(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        load_settings(env_file=None)
    assert expected in str(info.value)
    assert "\n" not in str(info.value)


def test_env_example_lists_every_setting() -> None:
    from digest.settings import Settings

    example = (Path(__file__).resolve().parent.parent / ".env.example").read_text()
    for name, field in Settings.model_fields.items():
        env_name = field.alias or f"DIGEST_{name.upper()}"
        assert env_name in example, env_name
