from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import SecretStr

from digest.delivery.tokens import Links, Signer, new_id, signer_for
from digest.errors import ConfigError


def test_tokens_verify_only_for_their_purpose_and_key() -> None:
    signer = Signer(SecretStr("a-long-enough-secret"))
    sid = new_id()
    token = signer.sign("unsubscribe", sid)
    assert signer.verify("unsubscribe", token) == sid
    assert signer.verify("preferences", token) is None
    assert Signer(SecretStr("another-long-secret")).verify("unsubscribe", token) is None
    other = new_id()
    assert signer.verify("unsubscribe", other + token[len(sid) :]) is None  # id swapped
    for broken in ("", sid, token + "x", token[:-1], "a.b", "../../etc.passwd", sid + ".é"):
        assert signer.verify("unsubscribe", broken) is None


def test_the_key_is_never_shown() -> None:
    signer = Signer(SecretStr("super-secret-value-123"))
    links = Links("https://news.example", signer)
    assert "super-secret" not in repr(signer) + repr(links) + str(links)
    assert links.unsubscribe("abcdefghijkl").startswith("https://news.example/unsubscribe/abc")


def test_without_a_key_one_is_kept_in_the_state_dir(tmp_path: Path) -> None:
    first = signer_for(None, tmp_path)
    token = first.sign("confirm", "abcdefghijkl")
    assert signer_for(None, tmp_path).verify("confirm", token) == "abcdefghijkl"
    assert os.stat(tmp_path / "secret-key").st_mode & 0o077 == 0
    with pytest.raises(ConfigError, match="at least 16"):
        signer_for(SecretStr("short"), tmp_path)


def test_settings_never_show_the_secret_key() -> None:
    from digest.settings import load_settings

    settings = load_settings(env_file=None, secret_key="the-signing-secret-xyz")
    assert "the-signing-secret" not in repr(settings) + str(settings.model_dump())
