from __future__ import annotations

import pytest

from digest.errors import ConfigError
from digest.evaluation.split import is_heldout, subset


def test_fit_and_heldout_part_a_file_by_its_ids() -> None:
    rows = [{"id": f"article-{i}"} for i in range(400)]
    fit, heldout = subset(rows, "fit"), subset(rows, "heldout")
    assert len(fit) + len(heldout) == 400
    assert not {r["id"] for r in fit} & {r["id"] for r in heldout}
    assert 70 <= len(heldout) <= 130  # about a quarter
    # by the id alone: the same record lands in the same part whatever the file's order
    assert subset(list(reversed(rows)), "heldout") == list(reversed(heldout))
    assert all(is_heldout(r["id"]) for r in heldout)


def test_an_unknown_subset_is_one_clear_error() -> None:
    with pytest.raises(ConfigError, match="unknown subset 'train'"):
        subset([{"id": "1"}], "train")
