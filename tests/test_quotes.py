from __future__ import annotations

import pytest

from digest.models import Article
from digest.quotes import extract_quotes, find_quote_spans


def speakers_by_quote(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_quotes(text)}


def test_seed_speakers(clean_seed: Article) -> None:
    quotes = extract_quotes(clean_seed.text)

    def by_start(prefix: str) -> str | None:
        [speaker] = {q.speaker for q in quotes if q.text.startswith(prefix)}
        return speaker

    assert by_start("I came to Beijing to strengthen") == "Antony Blinken"
    assert by_start("During those meetings, we had a") == "Antony Blinken"  # inherited
    assert by_start("the core of the core interests") == "Qin Gang"
    assert by_start("If its relationship with the Un") == "Li Linyi"
    assert by_start("That’s is what [Xi] doesn’t wan") == "Li Linyi"
    assert by_start("He wants to compete and confron") == "Feng Chongyi"
    assert by_start("The strategy adopted by the Uni") == "Feng Chongyi"  # "he said"
    assert by_start("Secretary Blinken’s apology tou") == "Carlos Gimenez"
    assert by_start("We and many others have deep co") == "Antony Blinken"  # "he told"
    assert len(quotes) >= 25


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("“We will win,” Jane Roe said.", "We will win,", "Jane Roe"),
        ("“We will win,” said Jane Roe.", "We will win,", "Jane Roe"),
        ('"We will win," Jane Roe told reporters.', "We will win,", "Jane Roe"),
        ("Jane Roe said: “We will win.”", "We will win.", "Jane Roe"),
        ("According to Jane Roe, “we will win.”", "we will win.", "Jane Roe"),
        ("“We will win,” Jane Roe wrote on Twitter.", "We will win,", "Jane Roe"),
        (
            "“We will win,” Li Linyi, a commentator at the institute, said.",
            "We will win,",
            "Li Linyi",
        ),
        ("“We will win,” Sen. Jane Roe (D-Md.) said.", "We will win,", "Jane Roe"),
    ],
)
def test_attribution_patterns(text: str, quote: str, speaker: str) -> None:
    assert speakers_by_quote(text) == {quote: speaker}


def test_pronoun_and_title_resolve_to_full_name() -> None:
    text = (
        "Secretary of State Antony Blinken met officials on Monday.\n\n"
        "“It was a robust conversation,” Secretary Blinken said.\n\n"
        "“We are moving forward,” he added."
    )
    assert set(speakers_by_quote(text).values()) == {"Antony Blinken"}


def test_interrupted_quote_both_halves_attributed() -> None:
    text = "“That is what he fears,” Li Linyi said, “especially given the economy.”"
    assert speakers_by_quote(text) == {
        "That is what he fears,": "Li Linyi",
        "especially given the economy.": "Li Linyi",
    }


def test_quote_continued_into_next_paragraph_is_one_quote() -> None:
    text = (
        "Mayor Ann Lee said: “The first part of what I said goes here.\n\n"
        "“And the second part follows in the next paragraph.”"
    )
    quotes = extract_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].text == (
        "The first part of what I said goes here. "
        "And the second part follows in the next paragraph."
    )
    assert quotes[0].speaker == "Ann Lee"


def test_scare_quotes_are_not_quotes() -> None:
    text = "The so-called “peace plan” was announced in the “Daily Show” studio on Monday."
    assert extract_quotes(text) == []


def test_unknown_speaker_stays_none() -> None:
    quotes = extract_quotes("“Nobody knows who said this, and that is the point of it.”")
    assert [q.speaker for q in quotes] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "“This quote never closes, said nobody",
        "Closing only” here and “open here",
        '"Straight open and never closed',
        "”“”“",
        "",
    ],
)
def test_unbalanced_marks_never_crash(text: str) -> None:
    extract_quotes(text)
    find_quote_spans(text)


def test_no_quotes() -> None:
    assert extract_quotes("A plain article.\n\nWith two paragraphs and no quotation at all.") == []


def test_pronoun_follows_gender_and_sentence_subject() -> None:
    text = (
        "Senator Maria Lopez met Governor John Reed on Monday.\n\n"
        "“We disagree on almost everything that matters here,” Lopez said.\n\n"
        "Reed went on to defend the budget plan in a long speech.\n\n"
        "“The numbers add up, and the voters know it,” he said.\n\n"
        "“That is simply not true, and he knows it,” she said."
    )
    speakers = [q.speaker for q in extract_quotes(text)]
    assert speakers == ["Maria Lopez", "John Reed", "Maria Lopez"]
