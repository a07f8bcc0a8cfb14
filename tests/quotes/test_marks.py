from __future__ import annotations

import pytest

from digest.quotes.extract import extract_quotes
from digest.quotes.marks import find_quote_spans, uses_single_marks


def texts(paragraph: str, single: bool = True) -> list[str]:
    return [span.text for span in find_quote_spans(paragraph, 0, single)]


def test_british_single_marks_are_quotes_and_apostrophes_are_not() -> None:
    assert texts(
        "‘We don’t know what happened in the ’90s,’ she said. ‘It is the Joneses’ house.’"
    ) == [
        "We don’t know what happened in the ’90s,",
        "It is the Joneses’ house.",
    ]
    assert texts("'I can't believe it,' Mr Smith said. 'It's the kids' fault, really.'") == [
        "I can't believe it,",
        "It's the kids' fault, really.",
    ]
    assert texts("He said the Jones’ dog barked and rock ’n’ roll played in the '90s.") == []


def test_quotes_inside_quotes_stay_in_their_quote() -> None:
    assert texts("“She told me ‘no way’ and left,” he said.", single=False) == [
        "She told me ‘no way’ and left,"
    ]
    assert texts("‘She told me “no way” and left,’ he said.") == ["She told me “no way” and left,"]


def test_a_quote_inside_a_quote_opened_with_a_closing_mark_stays_in_it() -> None:
    # the inner quote opens with ” (after a space, before a word): the outer quote goes on
    assert texts(
        "She wrote: “The time for ”little steps in the right direction” is gone. Act now.” "
        "Then she left.",
        single=False,
    ) == ["The time for ”little steps in the right direction” is gone. Act now."]
    # outside a quote it opens none; a closing mark after a word still closes
    assert texts("He called it ”a farce” and left. “Enough,” he said.", single=False) == ["Enough,"]


def test_an_article_quoting_with_double_marks_never_reads_single_ones() -> None:
    american = [
        "Trump Was ‘Mocking’ Clinton Camp",
        "“We will win,” Trump said.",
        "“We will win big,” he said.",
    ]
    assert not uses_single_marks(american)
    british = ["‘We will win,’ Mr Smith said.", "‘We will win big,’ he told MailOnline."]
    assert uses_single_marks(british)


def test_a_daily_mail_story_gets_its_quotes_and_speakers() -> None:
    text = (
        "Gary Locke, the Kilmarnock manager, wants the job full time.\n\n"
        "‘I’d be over the moon to get it as it’s something I’ve worked hard towards,’ "
        "said Locke.\n\n"
        "'The players' attitude has been first class,' he added. 'I can't fault them.'"
    )
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["Gary Locke"] * 3
    assert quotes[1].text == "The players' attitude has been first class,"


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


def test_german_marks_and_guillemets_pair_as_their_languages_write_them() -> None:
    german = "„Die Ökobilanz ist besser als gedacht“, sagte Jan Hanisch in Berlin."
    assert texts(german, single=False) == ["Die Ökobilanz ist besser als gedacht"]
    assert texts("«Estamos preparados», dijo el ministro.", single=False) == ["Estamos preparados"]
    assert texts("»Das ist gut«, sagte sie.", single=False) == ["Das ist gut"]
    # English marks are read as before
    assert texts("“We are ready,” said John Smith.", single=False) == ["We are ready,"]
