from __future__ import annotations

from digest.text.names import NameBook, clean_name, find_mentions, looks_like_person


def test_titles_descriptors_and_possessives_are_stripped() -> None:
    assert clean_name("Rep. Carlos Gimenez") == ("Carlos Gimenez", True)
    assert clean_name("Scientologist John Travolta")[0] == "John Travolta"
    assert clean_name("Ildefonso Guajardo Villarreal")[0] == "Ildefonso Guajardo Villarreal"
    assert clean_name("Mr. Obama's") == ("Obama", True)
    assert clean_name("Mr. Prince") == ("Prince", True)  # a surname that is also a title


def test_a_short_mention_resolves_to_the_full_name() -> None:
    book = NameBook(
        "Ildefonso Guajardo Villarreal met Debbie Wasserman Schultz and Hillary Clinton. "
        "Mr. Guajardo Villarreal and Wasserman Schultz spoke; Hillary left."
    )
    assert book.resolve("Guajardo Villarreal") == "Ildefonso Guajardo Villarreal"
    assert book.resolve("Wasserman Schultz") == "Debbie Wasserman Schultz"
    assert book.resolve("Hillary") == "Hillary Clinton"  # a known first name, one bearer


def test_a_shared_surname() -> None:
    text = (
        "Gary Johnson spoke in Ohio. Jeh Johnson spoke in Washington. "
        "Donald J. Trump and his daughter, Ivanka Trump, toured the plant."
    )
    book = NameBook(text)
    assert book.resolve("Johnson") == "Gary Johnson"  # the first introduced …
    assert book.resolve("Johnson", ["Gary Johnson", "Jeh Johnson"]) == "Jeh Johnson"  # … or latest
    assert book.resolve("Mr. Trump", ["Ivanka Trump"]) == "Donald J. Trump"  # not his daughter
    assert book.resolve("Trump", ["Donald J. Trump", "Ivanka Trump"]) == "Donald J. Trump"
    # a relative named after the name ("Eric Trump, son of …") is not who the surname means
    book = NameBook("Donald Trump tweeted. Eric Trump, son of the front-runner, spoke on Fox.")
    assert book.resolve("Trump", ["Donald Trump", "Eric Trump"]) == "Donald Trump"


def test_a_word_before_a_known_surname_is_not_a_first_name() -> None:
    text = (
        "Mayor Bill de Blasio spoke on Monday. De Blasio said the plan would work.\n\n"
        "Hillary Clinton spoke later. Team Clinton said the team was ready."
    )
    book = NameBook(text)
    assert book.resolve("De Blasio") == "Bill de Blasio"
    assert book.resolve("Team Clinton") == "Hillary Clinton"
    assert "Ban Ki-moon" in NameBook("Ban Ki-moon spoke against the ban.").full  # a lone one


def test_headlines_and_sentence_ends_are_not_names() -> None:
    text = "Carly Fiorina ‘Horrified’ By Donald Trump. McCain spoke in Washington D.C. He left."
    assert "Horrified’ By Donald Trump" not in NameBook(text).full
    assert all(m.name != "Washington D.C. He" for m in find_mentions(text))


def test_places_organisations_and_eras_do_not_look_like_people() -> None:
    for name in ["North Carolina", "Aral Sea", "Stone Age", "State Department", "Fox News"]:
        assert not looks_like_person(name), name
    for name in ["Chris Christie", "Ban Ki-moon", "Federico de Jesús"]:
        assert looks_like_person(name), name
    assert not looks_like_person("Trump Stands Tall On Proposal For Border Wall")  # a headline


def test_a_name_after_an_organisation_is_the_name() -> None:
    assert clean_name("United Nations Samantha Power") == ("Samantha Power", False)
    assert clean_name("House Speaker Paul Ryan") == ("Paul Ryan", True)


def test_an_age_before_a_name_is_not_part_of_it() -> None:
    assert clean_name("Fifteen-year-old Mustafa Ahmed")[0] == "Mustafa Ahmed"
    assert clean_name("76-year-old Morton Blackwell")[0] == "Morton Blackwell"


def test_a_word_opening_a_sentence_is_not_a_first_name() -> None:
    text = (
        "Jared Sexton, a professor, went to the rally. He saw it through Sexton’s eyes.\n\n"
        "(See Sexton’s full timeline of the rally below.)\n\n"
        "“I see it now,” Sexton said."
    )
    book = NameBook(text)
    assert "See Sexton" not in book.full
    assert book.resolve("See Sexton") == "Jared Sexton"
    assert [m.name for m in book.mentions if m.name.endswith("Sexton")][2] == "Sexton"
    # an adverb or a participle opening a sentence is no first name either
    posts = NameBook(
        "A user who goes by the name Lindsey posted a story.\n\nApparently Lindsey’s posts "
        "were read. Facing Trump, the senator left and Trump stayed."
    )
    assert posts.full == []
    assert posts.resolve("Apparently Lindsey") == "Lindsey"
    # a capitalised word the article also writes inside a sentence stays: "New York" is a name
    places = NameBook("New York is big. The New York Times said new things. I saw York.")
    assert places.mentions[0].name == "New York"


def test_a_word_written_only_inside_quotes_is_still_a_word() -> None:
    # the extractor reads names with the quotes masked; "see" is lowercase only in a quote
    masked = (
        "Jared Sexton, a professor, went to the rally. He saw it through Sexton’s eyes.\n\n"
        "(See Sexton’s full timeline of the rally below.)\n\n"
        "“¶” Sexton said."
    )
    whole = masked.replace("¶", "I see it now")
    assert "See Sexton" in NameBook(masked).full  # nothing in the masked text says "see"
    book = NameBook(masked, words=whole)
    assert "See Sexton" not in book.full
    assert book.resolve("See Sexton") == "Jared Sexton"


def test_a_shared_surname_goes_to_the_one_written_in_full_last() -> None:
    book = NameBook("Bill Clinton met Hillary Clinton and Chelsea Clinton in New York.")
    assert book.resolve("Clinton", written=["Chelsea Clinton", "Bill Clinton"]) == "Bill Clinton"
    assert book.resolve("Clinton", written=["Bill Clinton", "Chelsea Clinton"]) == (
        "Chelsea Clinton"
    )
    assert book.resolve("Mrs. Clinton", written=["Chelsea Clinton", "Bill Clinton"]) == (
        "Chelsea Clinton"  # the honorific overrules: never Bill
    )
    assert book.resolve("Clinton") == "Bill Clinton"  # nothing written yet: the first


def test_a_first_name_alone_sends_the_bare_surname_to_the_other() -> None:
    text = "Betsy Ebeling and her husband, Tom Ebeling, knocked on doors. Tom told a neighbor."
    book = NameBook(text)
    written: list[str] = []
    for mention in find_mentions(text):
        book.note(written, mention, text)
    assert written == ["Tom Ebeling", "Betsy Ebeling"]
    assert book.resolve("Ebeling", written=written) == "Betsy Ebeling"
