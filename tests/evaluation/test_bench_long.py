from __future__ import annotations

import json
from pathlib import Path

from digest.evaluation.bench_long import long_page


def test_long_page_joins_articles_into_paragraphs_up_to_the_word_count(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    rows = [{"text": "One two three four."}, {"text": "Five six seven."}, {"text": "Eight."}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    page = long_page(path, 6)
    assert len(page.split()) == 6
    assert page.split("\n\n")[0] == "One two three four."
