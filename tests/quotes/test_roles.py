from __future__ import annotations

from digest.quotes.extract import extract_quotes
from digest.quotes.roles import RoleBook
from digest.text.names import NameBook


def roles_of(text: str) -> RoleBook:
    return RoleBook(text, NameBook(text))


def test_titles_and_appositions_give_role_words() -> None:
    book = roles_of("Vermont Sen. Bernie Sanders met Mike Pence, the Indiana governor, on Monday.")
    assert {"vermont", "senator"} <= book.roles["Bernie Sanders"]
    assert {"indiana", "governor"} <= book.roles["Mike Pence"]
    assert book.match("the Vermont senator") == "Bernie Sanders"
    assert book.match("the Indiana governor") == "Mike Pence"


def test_synonyms_and_general_offices() -> None:
    book = roles_of("U.S. Secretary of State Antony Blinken flew to Beijing.")
    assert book.match("the top U.S. diplomat") == "Antony Blinken"


def test_a_contradicting_party_or_state_rules_a_person_out() -> None:
    book = roles_of("Democratic nominee Hillary Clinton and Ohio Gov. John Kasich spoke on Monday.")
    assert book.match("the Democratic nominee") == "Hillary Clinton"
    assert book.match("the Republican nominee") is None
    assert book.match("the Indiana governor") is None


def test_the_president_is_not_the_vice_president() -> None:
    book = roles_of("Vice President Joe Biden and President Barack Obama met.")
    assert book.match("the president") == "Barack Obama"


def test_two_equal_fits_keep_the_description_unless_one_is_in_focus() -> None:
    book = roles_of("Sen. Ted Cruz and Sen. Marco Rubio debated on Monday.")
    assert book.match("the senator") is None
    assert book.match("the senator", focus=["Marco Rubio"]) == "Marco Rubio"


def test_things_are_not_people() -> None:
    book = roles_of("Sen. Ted Cruz released a statement on Monday.")
    assert book.match("the statement") is None


def test_every_role_word_of_a_description_must_fit() -> None:
    book = roles_of("Democratic front-runner Hillary Clinton spoke on Monday.")
    assert book.match("the Democratic front-runner") == "Hillary Clinton"
    assert book.match("the billionaire front-runner") is None  # she is not a billionaire


def test_a_clause_after_a_comma_is_not_an_apposition() -> None:
    book = roles_of(
        "Betsy Ebeling and her husband, Tom Ebeling, were greeted by an organizer at a field "
        "office."
    )
    assert "organizer" not in book.roles.get("Tom Ebeling", set())
    assert book.match("the organizer") is None  # an unnamed organizer: kept as written


def test_a_phrase_opening_with_a_preposition_is_not_an_apposition() -> None:
    book = roles_of(
        "For Donald Trump, according to Ronald Reagan's former education secretary William J. "
        "Bennett, the speech is a test."
    )
    assert "secretary" not in book.roles.get("Donald Trump", set())
    assert book.match("Reagan's former education secretary") == "William J. Bennett"


def test_a_place_gets_no_roles() -> None:
    book = roles_of("After his rally in San Jose, California the GOP candidate went further.")
    assert "San Jose" not in book.roles


def test_a_bare_surname_before_the_full_name_gives_it_no_role() -> None:
    book = roles_of(
        "President Obama is rolling out a new message. Mr. Obama and the first lady, Michelle "
        "Obama, will campaign in Florida."
    )
    assert "president" not in book.roles.get("Michelle Obama", set())
    assert book.match("The president") is None  # kept as written, not Michelle Obama


def speakers_by_quote(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_quotes(text)}


def test_description_resolves_through_the_role_the_article_gives() -> None:
    text = (
        "Indiana Gov. Mike Pence spoke in Fort Wayne, while Sen. Bernie Sanders toured Ohio.\n\n"
        "The Indiana governor said the media are to blame for “he said this, he tweeted that.”"
    )
    assert speakers_by_quote(text) == {"he said this, he tweeted that.": "Mike Pence"}


def test_description_nobody_fits_is_kept_as_written() -> None:
    text = (
        "Mayor Ann Lee opened the session.\n\n"
        "“The numbers do not add up at all,” the Florida senator said."
    )
    # nobody in the article is a Florida senator: the description stays, no name is guessed
    assert speakers_by_quote(text) == {"The numbers do not add up at all,": "the Florida senator"}


def test_source_after_according_to_is_kept() -> None:
    text = "The pope said critics should “look for a psychiatrist,” according to Reuters."
    assert speakers_by_quote(text) == {"look for a psychiatrist,": "Reuters"}
