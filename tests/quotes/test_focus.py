from __future__ import annotations

from digest.quotes.extract import extract_quotes
from digest.quotes.focus import Context, people, resolve, subjects
from digest.quotes.roles import RoleBook
from digest.text.names import NameBook

TEXT = (
    "Indiana Gov. Mike Pence met Senator Maria Lopez and Mr. John Reed on Monday. "
    "Lopez said the plan was sound. Reed, a lawyer, argued against it."
)


def context() -> Context:
    book = NameBook(TEXT)
    return Context(book, RoleBook(TEXT, book))


def test_subjects_and_people_in_narration() -> None:
    book = NameBook(TEXT)
    assert subjects(TEXT, book) == ["Mike Pence", "Maria Lopez", "John Reed"]
    named = ["Mike Pence", "Maria Lopez", "John Reed", "Maria Lopez", "John Reed"]
    assert people(TEXT, book) == named  # every mention, in order


def test_pronouns_follow_focus_and_gender() -> None:
    ctx = context()
    for name in people(TEXT, ctx.book):
        ctx.mention(name)
    for name in subjects(TEXT, ctx.book):
        ctx.push(name)
    assert resolve("he", ctx) == "John Reed"
    assert resolve("she", ctx) == "Maria Lopez"  # the focus is a man: the latest woman named
    assert resolve("they", ctx) is None


def test_names_descriptions_and_outlets() -> None:
    ctx = context()
    assert resolve("Gov. Pence", ctx) == "Mike Pence"
    assert resolve("the Indiana governor", ctx) == "Mike Pence"
    assert resolve("a senior official", ctx) == "a senior official"  # kept as written
    assert resolve("Reuters", ctx) == "Reuters"
    assert resolve("CONGRESS HAS INVESTIGATED HIM", ctx) is None  # a heading, not a name


def speakers_by_quote(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_quotes(text)}


def test_pronoun_and_title_resolve_to_full_name() -> None:
    text = (
        "Secretary of State Antony Blinken met officials on Monday.\n\n"
        "“It was a robust conversation,” Secretary Blinken said.\n\n"
        "“We are moving forward,” he added."
    )
    assert set(speakers_by_quote(text).values()) == {"Antony Blinken"}


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


def test_inverted_attribution_puts_the_speaker_in_focus() -> None:
    text = (
        "Debates rarely change the race, noted NBC’s Dante Chinni.\n\n"
        "Spokesman Sean Spicer disagreed on Monday.\n\n"
        "“Voters’ images of the candidates are usually well-formed,” Chinni added.\n\n"
        "“By the time they hit the stage most voters have seen them,” he said."
    )
    assert set(speakers_by_quote(text).values()) == {"Dante Chinni"}


def test_a_shared_surname_means_the_one_not_called_by_first_name() -> None:
    text = (
        "Betsy Ebeling and her husband, Tom Ebeling, knocked on doors in Des Moines.\n\n"
        "“This is one of Hillary’s friends from sixth grade,” Tom told a neighbor.\n\n"
        "“We live in Chicago,” Ebeling said."
    )
    assert speakers_by_quote(text)["We live in Chicago,"] == "Betsy Ebeling"


def test_a_name_ends_before_the_next_sentence_pronoun() -> None:
    text = (
        "Sen. John McCain spoke at a breakfast in Washington D.C. He recalled the Tea Party.\n\n"
        "“Some of this appeals to the bad angels of our nature,” he concluded."
    )
    assert set(speakers_by_quote(text).values()) == {"John McCain"}


def test_a_headline_in_title_case_is_not_a_person_in_focus() -> None:
    text = (
        "Trump Stands Tall On Proposal For Border Wall With Mexico\n\n"
        "During an interview that aired Wednesday night, Donald Trump discussed the wall.\n\n"
        "When he first described the wall in December, he said, “We’re going to do a wall.”"
    )
    assert speakers_by_quote(text) == {"We’re going to do a wall.": "Donald Trump"}


def test_a_place_is_never_the_person_a_pronoun_means() -> None:
    text = (
        "Dexter Wakefield, a minister with the church in North Carolina, told a reporter that "
        "she was a regular. He said her family asked for privacy. “She’s a very pleasant "
        "woman,” he added.\n\nSouth Korea accused the North’s leader, Kim Jong Un, of “fanatic "
        "recklessness and a disregard for the lives of his own people.”"
    )
    speakers = speakers_by_quote(text)
    assert speakers["She’s a very pleasant woman,"] == "Dexter Wakefield"
    # a country that speaks is kept as written, not matched to a person by its last word
    quote = "fanatic recklessness and a disregard for the lives of his own people."
    assert speakers[quote] == "South Korea"


def test_a_name_used_as_a_modifier_is_not_the_subject() -> None:
    text = (
        "76-year-old Morton Blackwell, founder of the Leadership Institute, YAF member in the "
        "1960s and long time Republican National Committeeman from Virginia, endorsed Cruz "
        "last week, saying he "
        "“has consistently demonstrated his deep commitment to conservative principles.”"
    )
    quote = "has consistently demonstrated his deep commitment to conservative principles."
    assert speakers_by_quote(text)[quote] != "YAF"


def test_an_organisation_is_not_the_person_a_pronoun_means() -> None:
    text = (
        "America Rising PAC, an outside Republican group, is attacking Hillary Clinton's record."
        "\n\nA super PAC ran ads using her comments before a House committee that “I was "
        "responsible for quite a bit of our foreign policy.”"
    )
    quote = "I was responsible for quite a bit of our foreign policy."
    assert speakers_by_quote(text)[quote] == "Hillary Clinton"


def test_a_person_set_off_by_dashes_before_a_speech_verb_comes_into_focus() -> None:
    text = (
        "The losses would outstrip the gains, said Lily Batchelder. It’s become a major issue, "
        "with Hillary Clinton — who’s called for big tax hikes on the rich — lambasting Trump’s "
        "plan. “The kind of plan that Donald has put forth would be trickle-down economics,” she "
        "said in the first debate."
    )
    quote = "The kind of plan that Donald has put forth would be trickle-down economics,"
    assert speakers_by_quote(text)[quote] == "Hillary Clinton"


def test_a_name_after_an_opening_phrase_comes_into_focus() -> None:
    text = (
        "“It is the right thing to do,” Obama said.\n\n"
        "In response to international pressure, Aung San Suu Kyi recently presided over a summit."
        "\n\n“Unity also means prosperity, because people fight over limited resources,” she said."
    )
    quote = "Unity also means prosperity, because people fight over limited resources,"
    assert speakers_by_quote(text)[quote] == "Aung San Suu Kyi"


def test_a_shared_surname_means_the_relative_named_in_full_last() -> None:
    text = (
        "Ted Cruz spoke to voters in Iowa on Monday.\n\n"
        "His wife, Heidi Cruz, spoke after him at the same rally.\n\n"
        "“Ted will be a great president for this country,” Cruz said."
    )
    assert speakers_by_quote(text)["Ted will be a great president for this country,"] == (
        "Heidi Cruz"
    )


def test_a_first_name_alone_does_not_bar_a_later_full_name() -> None:
    text = (
        "Bill Clinton and Hillary Clinton arrived in Des Moines on Monday.\n\n"
        "Supporters chanted for Hillary as the couple walked in.\n\n"
        "Later, Hillary Clinton took the stage alone.\n\n"
        "“We are going to win Iowa this time,” Clinton said."
    )
    assert speakers_by_quote(text)["We are going to win Iowa this time,"] == "Hillary Clinton"
