from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from digest.errors import StateError
from digest.state import SentRecord, StateStore


def test_sent_record_survives_reopening(tmp_path: Path) -> None:
    StateStore(tmp_path).record_sent(
        [SentRecord("https://x.test/a", date(2026, 11, 28), "d1", "A", "https://x.test/a")]
    )
    store = StateStore(tmp_path)  # a new run
    assert store.sent_keys() == {"https://x.test/a"}
    assert store.sent_keys(except_date=date(2026, 11, 28)) == set()  # a re-run of that day


def test_unusable_state_dir_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StateError, match="DIGEST_STATE_DIR"):
        StateStore(blocker / "state")
