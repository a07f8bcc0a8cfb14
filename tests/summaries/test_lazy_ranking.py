"""The ranking worked out only as far as it is read gives the full sort's order (issue 15)."""

from __future__ import annotations

import random

import pytest

from digest.summaries import ranker
from digest.summaries.readable import Weights
from digest.summaries.summarizer import ArticleSummarizer, Drawn
from tests.articles import TOPICS, paragraphs, title


def test_best_first_is_a_stable_sort_by_exact_score() -> None:
    rng = random.Random(15)
    for _ in range(200):
        exact = [rng.choice([0.0, 0.5, 1.0, 1.5, rng.random()]) for _ in range(rng.randint(0, 30))]
        bound = [e + rng.choice([0.0, 0.0, 0.5, rng.random()]) for e in exact]
        asked: list[int] = []

        def score(i: int, exact: list[float] = exact, asked: list[int] = asked) -> float:
            asked.append(i)
            return exact[i]

        got = list(ranker._best_first(bound, score))
        assert [i for i, _ in got] == sorted(range(len(exact)), key=lambda i: -exact[i])
        assert [s for _, s in got] == sorted(exact, reverse=True)
        assert sorted(asked) == list(range(len(exact)))  # each asked once


def test_best_first_asks_only_what_could_come_next() -> None:
    bound = [10.0, 9.0, 8.0, 1.0, 0.5]
    asked: list[int] = []
    order = ranker._best_first(bound, lambda i: asked.append(i) or bound[i] - 0.1)
    assert [next(order)[0], next(order)[0]] == [0, 1]
    assert asked == [0, 1]


def _long_text(filler: int = 600) -> str:
    """The topics' paragraphs, then many sentences of made-up words (a long page's tail)."""
    rng = random.Random(7)
    syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "vo", "pel", "dri", "no"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(1, 3)))

    tail = [
        " ".join([word().capitalize(), *(word() for _ in range(rng.randint(8, 20)))]) + "."
        for _ in range(filler)
    ]
    pieces = [p for topic in TOPICS for p in paragraphs(topic)]
    return "\n\n".join([*pieces, *(" ".join(tail[i : i + 5]) for i in range(0, filler, 5))])


@pytest.mark.parametrize("weights", [Weights(), Weights(readability=-0.5, headline=-1.0)])
def test_the_ranking_read_in_part_is_the_whole_ranking(weights: Weights) -> None:
    summarizer = ArticleSummarizer()
    selector = summarizer._selector
    assert isinstance(selector, ranker.DigestSelector)
    selector.weights = weights
    document = summarizer.document(_long_text(), title("storm"))
    whole = selector.rank(document)
    assert sorted(whole) == list(range(len(document.sentences)))
    assert list(selector.ranking(document))[:40] == whole[:40]


def test_a_long_page_asks_few_readability_penalties(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    penalty = ranker.standalone_penalty

    def counted(sentence: str, weights: Weights) -> float:
        asked.append(sentence)
        return penalty(sentence, weights)

    monkeypatch.setattr(ranker, "standalone_penalty", counted)
    summarizer = ArticleSummarizer(sentences=3)
    text = _long_text()
    summary = summarizer.sentences(text, title("storm"))
    assert len(summary) == 3
    assert len(summarizer.document(text).sentences) >= 600
    assert 3 <= len(asked) < 100


def test_drawn_reads_its_source_once_and_as_far_as_asked() -> None:
    pulled: list[int] = []

    def source() -> object:
        for i in range(5):
            pulled.append(i)
            yield i

    drawn: Drawn[int] = Drawn(source())  # type: ignore[arg-type]
    assert drawn.any()
    assert pulled == [0]
    assert list(zip(drawn, range(3), strict=False)) == [(0, 0), (1, 1), (2, 2)]
    assert list(drawn) == [0, 1, 2, 3, 4]
    assert list(drawn) == [0, 1, 2, 3, 4]
    assert pulled == [0, 1, 2, 3, 4]
    assert not Drawn([]).any()
