"""The quicker English stemmer gives nltk's stems (issue 15)."""

from __future__ import annotations

import inspect
import random

import pytest
from nltk.stem.snowball import EnglishStemmer

from digest.text import stemming

WORDS = """
    running runs ran generously generalization communication arsenal skies dying news
    hopping hoped hopeful happiness conditional rationalization relational sensibility
    electricity formalize argument arguing agreed agreeing feed bleed yelling played
    saying yearly boy's boys' cats' o'clock ’tis rock’n’roll lying early only innings
    controllable triplicate hopefulness callousness decisiveness fluently analogies
    """.split()
SUFFIXES = "ization ational fulness ousness iveness tional biliti lessli entli ation alism aliti"
SUFFIXES += " ousli iviti fulli enci anci abli izer ator alli bli ogi li alize icate iciti ative"
SUFFIXES += " ical ness ful ement ance ence able ible ment ant ent ism ate iti ous ive ize ion al"
SUFFIXES += " er ic eedly ingly edly eed ing ed sses ied ies us ss s 's y e l"


def _words() -> list[str]:
    rng = random.Random(15)
    letters = "aeiouyybcdlmnrstgz'’"
    made = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    built = [
        stem + suffix
        for stem in ("gener", "commun", "arsen", "yo", "by", "ab", "str", "ay", "hop", "fi")
        for suffix in SUFFIXES.split()
    ]
    return WORDS + made + built + [w + "s" for w in built]


def test_the_stems_are_nltks() -> None:
    nltk_stem = EnglishStemmer().stem
    quick = stemming.english_stemmer()
    assert [quick(w) for w in _words()] == [nltk_stem(w) for w in _words()]


def test_the_quicker_stemmer_is_used_with_the_nltk_it_was_checked_on() -> None:
    quick = stemming.english_stemmer()
    assert type(getattr(quick, "__self__", None)).__module__ == stemming.__name__


def test_a_source_without_the_expected_loops_is_not_changed() -> None:
    source = inspect.getsource(EnglishStemmer.stem)
    assert stemming.quick_stem_source(source) is not None
    assert stemming.quick_stem_source(source.replace("__step2_suffixes:", "__other:")) is None
    assert stemming.quick_stem_source("def stem(self, word):\n    return word\n") is None


def test_another_nltk_gets_nltks_own_stemmer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stemming.nltk, "__version__", "9.9")
    stemming._quick_class.cache_clear()
    try:
        plain = stemming.english_stemmer()
        assert type(getattr(plain, "__self__", None)) is EnglishStemmer
        assert plain("generously") == "generous"
    finally:
        stemming._quick_class.cache_clear()
