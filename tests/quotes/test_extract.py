from __future__ import annotations

from digest.models import Article
from digest.quotes.extract import extract_quotes


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


def test_interrupted_quote_both_halves_attributed() -> None:
    text = "“That is what he fears,” Li Linyi said, “especially given the economy.”"
    assert speakers_by_quote(text) == {
        "That is what he fears,": "Li Linyi",
        "especially given the economy.": "Li Linyi",
    }


def test_quote_offsets_are_in_the_article_text() -> None:
    text = "A first paragraph.\n\nTom Reyes said: “We will build it.”\n\n“Not now,” said Ann Lee."
    quotes = extract_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["We will build it.", "Not now,"]


def test_scare_quotes_are_not_quotes() -> None:
    text = "The so-called “peace plan” was announced in the “Daily Show” studio on Monday."
    assert extract_quotes(text) == []


def test_unknown_speaker_stays_none() -> None:
    quotes = extract_quotes("“Nobody knows who said this, and that is the point of it.”")
    assert [q.speaker for q in quotes] == [None]


def test_no_quotes() -> None:
    assert extract_quotes("A plain article.\n\nWith two paragraphs and no quotation at all.") == []


def test_titles_of_shows_and_books_are_not_quotes() -> None:
    text = (
        "Sanders told CBS’ “Face the Nation,” on Sunday that he would stay in the race.\n\n"
        "Then “The Art of the Deal Revisited,” a book about the campaign, came out."
    )
    assert extract_quotes(text) == []


def test_a_police_rank_is_not_part_of_the_name() -> None:
    text = (
        "The man was jailed for five years. Speaking after the hearing, Detective Constable "
        "Vanessa Lewis, from West Midlands Police, said: ‘Even when the victim was giving a "
        "statement to us, he kept on calling her phone.’"
    )
    assert set(speakers_by_quote(text).values()) == {"Vanessa Lewis"}
