from __future__ import annotations

import re
import sys

import pysbd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.text import pysbd_fast, sentences
from digest.text.sentences import NewsTokenizer, split_sentences

PLAIN = pysbd.Segmenter(language="en", clean=False)

TRICKY = [
    "Mr. Smith met Mrs. Jones at No. 5 Downing St. on Monday. They talked.",
    "The U.S. economy grew 3.5% in Q2. The U.K. did not. Neither did the E.U. in 2019.",
    "He said: “I am not going. No. Never.” Then he left. no one followed.",
    '"Is it over?" she asked. "Not yet!" he said. It was 10 p.m. in Washington D.C. now.',
    "Steps: 1. Open the box. 2. Take the lid off. 3. Eat. a) first b) second.",
    "Dr. A. B. Carter, Ph.D., earned $1.2 million (approx.) in 2021, i.e. more than Sen. Li.",
    "Call ext. 123 or see pp. 4-5 and art. 9. Nos. 3 and 4 were sold. It is no. 1.",
    "Prices rose... Then fell. Why? Nobody knows! Gov. Brown (D-Calif.) and Lt. Gov. Ray spoke.",
    "He lives at 12 Main St. Jane lives at 3 Oak Ave. They are neighbours, i.e. close.",
    "Mt. Everest is 8,848 m high. Capt. Kirk and Col. Mustard were there vs. the Smiths Inc.",
    "it's a lowercase start. not a capital. no. and also is. It ends.",
    "Jan. 5 was cold. Feb. was colder. The Ky. team won, and so did the Mass. one.",
    "Quotes ‘nested “deep.” here’ stay. Then a sentence. And (a bracket. inside) one.",
    "Email a.b@example.com or visit www.example.com/x.html today. Done.",
    # pysbd's patterns match "ſ" (long s) to "s": "st" is in "first", "ſt." must be seen
    "The first stop is Main \u017ft. in town. He is 5.",
    "Drive to \u212ay. and on. It was late. Kind people.",
    "Call M\u0131ss. Smith today. Kids are out. \u0130s it Mr. \u0130smail? Yes.",
    # list items the list steps act on, or only seem to
    "Pick one: (i) the red. (ii) the blue. (iii) none. Then iv) and v) came. x. y. z.",
    "a. Apples are red. b. Pears are green. c. Plums. The list ends (abc) here (d).",
    "Rules 1) read 2) write 3) stop. Also 1.) first 2.) second. See 4.5 and 12. Then.",
    "The marks ♨ and ☝ are in this text. 1♨ 2♨ stay. It ends with 7) items.",
    "In 2012. She left (pictured) in May. The room was 3 by 4. He said (A) and (b).",
]


def _plain_tokenizer(monkeypatch: pytest.MonkeyPatch) -> NewsTokenizer:
    monkeypatch.setattr(sentences, "_segmenter", lambda language: PLAIN)
    return NewsTokenizer()


@pytest.mark.parametrize("text", TRICKY)
def test_same_segments_as_plain_pysbd(text: str) -> None:
    fast = pysbd_fast.segmenter("en")
    assert type(fast) is not pysbd.Segmenter  # the quicker one is in use
    assert fast.segment(text) == PLAIN.segment(text)


def test_same_sentences_through_the_tokenizer(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(TRICKY)
    fast = split_sentences(text, NewsTokenizer())
    assert len(fast) > 2 * len(TRICKY)  # the texts really are split
    assert fast == split_sentences(text, _plain_tokenizer(monkeypatch))


def test_the_abbreviation_check_needs_its_case_folding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the characters that fold to ASCII, the skip would change a sentence."""
    text = "The first stop is Main \u017ft. in town. He is 5."
    assert pysbd_fast.segmenter("en").segment(text) == PLAIN.segment(text)
    monkeypatch.setattr(pysbd_fast, "FOLDS_TO_ASCII", "")
    assert pysbd_fast.segmenter("en").segment(text) != PLAIN.segment(text)


def test_folds_to_ascii_is_complete() -> None:
    ascii_word = re.compile("[a-z0-9]", re.IGNORECASE)
    found = [chr(c) for c in range(128, sys.maxunicode + 1) if ascii_word.fullmatch(chr(c))]
    assert "".join(found) == pysbd_fast.FOLDS_TO_ASCII


def test_repeated_sentences_get_their_own_places() -> None:
    text = "Yes. No. Yes. No. Mr. Yes. No.  Yes.   No."
    assert pysbd_fast.segmenter("en").segment(text) == PLAIN.segment(text)


def test_other_versions_and_languages_use_plain_pysbd() -> None:
    assert pysbd_fast.fast_path("en", pysbd_fast.PYSBD_VERSION)
    assert not pysbd_fast.fast_path("en", "0.3.5")
    assert not pysbd_fast.fast_path("de", pysbd_fast.PYSBD_VERSION)
    assert type(pysbd_fast.segmenter("de")) is pysbd.Segmenter


_PARTS = st.sampled_from(
    [
        "Mr.", "Mrs.", "No.", "no", "not", "U.S.", "u.s.", "St.", "st", "3.5", "$1.2m", "5.",
        "p.m.", "i.e.", "Inc.", "vs.", "“Yes.”", '"No!"', "(see p. 4)", "1.", "a)", "...",
        "?", "!", "Smith", "the", "Is", "is.", "Ky.", "Mass.", "\u017ft.", "\u212a.", "and",
        "(iv)", "ii)", "(b)", "c.", "x.", "2)", "3.)", "12.", "(abc)", "♨", "☝", "\n",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_PARTS, min_size=1, max_size=30))
def test_random_texts_split_as_plain_pysbd(parts: list[str]) -> None:
    text = " ".join(parts)
    assert pysbd_fast.segmenter("en").segment(text) == PLAIN.segment(text)
