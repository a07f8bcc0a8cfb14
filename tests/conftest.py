from __future__ import annotations

from pathlib import Path

import pytest

from digest.models import Article
from digest.settings import Settings, load_settings
from digest.sources.files import read_text_article
from digest.text.clean import clean_article

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED = next(SEEDS.glob("*.txt"))
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _no_digest_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's DIGEST_* variables."""
    import os

    for key in list(os.environ):
        if key.startswith("DIGEST_"):
            monkeypatch.delenv(key)


@pytest.fixture
def seed_article() -> Article:
    return read_text_article(SEED)


@pytest.fixture
def clean_seed(seed_article: Article) -> Article:
    return clean_article(seed_article)[0]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(env_file=None, outbox=str(tmp_path / "outbox"), sources=[str(SEEDS)])
