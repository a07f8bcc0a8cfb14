from __future__ import annotations

from digest.quotes.extract import extract_detailed, extract_quotes


def speakers_by_quote(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_quotes(text)}


def test_sentence_ending_quote_does_not_take_the_next_sentence_subject() -> None:
    text = (
        "Mayor Jennifer Roberts said she thinks the video should be released but said "
        "“the question is the timing.” Gov. Pat McCrory said it would be improper to speak."
    )
    assert speakers_by_quote(text) == {"the question is the timing.": "Jennifer Roberts"}


def test_a_participle_after_a_quote_does_not_name_its_speaker() -> None:
    text = (
        "Donald Trump delivered a defense of “New York values,” saying the city embodied "
        "the “bravery, heart and soul of America.”"
    )
    assert "the city" not in speakers_by_quote(text).values()


def test_the_subject_of_the_sentence_when_no_speech_verb_names_anyone() -> None:
    text = (
        "Senator Harry Reid spoke on Monday.\n\n"
        "In recent weeks, Reid has gone after Trump as a “human leech who will bleed the country.”"
        "\n\nNothing really changed in the debate about “comprehensive immigration reform.”"
    )
    speakers = speakers_by_quote(text)
    assert speakers["human leech who will bleed the country."] == "Harry Reid"
    # "Nothing" is nobody: the rules leave the quote open (the ranker, refitted in issue 16,
    # may give it to the person just quoted, Reid, whose share is just over its ``min_new``)
    assert speakers.get("comprehensive immigration reform.") in (None, "Harry Reid")
    rules = {q.text: q.speaker for q, _, _ in extract_detailed(text, rank=False)}
    assert rules.get("comprehensive immigration reform.") is None


def test_the_subject_comes_after_the_opening_place_and_time() -> None:
    text = (
        "Hillary Clinton spoke in Iowa.\n\n"
        "At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton tried to expand on her "
        "statement, saying that the country should ''be rallying our partners and allies.''"
    )
    assert speakers_by_quote(text) == {"be rallying our partners and allies.": "Hillary Clinton"}


def test_a_place_before_a_colon_is_not_the_speaker() -> None:
    text = (
        "Among the highlights, as caught on tape and uploaded to LiveLeak: “I'm on television "
        "and you're in a trailer, honey.” More from Jeffrey Jones: “The partisanship of the "
        "state matters a lot.”"
    )
    speakers = speakers_by_quote(text)
    assert speakers["I'm on television and you're in a trailer, honey."] is None
    assert speakers["The partisanship of the state matters a lot."] == "Jeffrey Jones"


def test_a_quote_paragraph_alone_takes_the_subject_of_the_narration_before_it() -> None:
    text = (
        "Richard Viguerie is upbeat about Cruz’s chances, in part because he sees him as a "
        "uniter.\n\n“Not only can Ted Cruz win in November, he’s the one with the best chance.”"
    )
    quotes = {q.text: q for q in extract_quotes(text)}
    first = quotes["Not only can Ted Cruz win in November, he’s the one with the best chance."]
    assert (first.speaker, first.how) == ("Richard Viguerie", "subject")  # weak: not shown


def test_a_subject_is_a_whole_name_never_its_first_word() -> None:
    # "Ms" must not be read as the subject with "Rusoff-Hoen, " as the words before the verb
    text = (
        "Ms Rusoff-Hoen, said: 'Some of it comes from, “Who the heck are these people?”'\n\n"
        "'We are not going anywhere,' she added."
    )
    [(quote, speaker), _] = speakers_by_quote(text).items()
    assert quote == "Some of it comes from, “Who the heck are these people?”"  # a quote inside
    assert speaker == "Rusoff-Hoen"


def test_a_participle_describing_a_thing_far_from_the_quote_does_not_name_its_speaker() -> None:
    text = (
        "Christie said Trump's tweet saying African-Americans will vote for him because of the "
        "slaying in Chicago on Friday of the cousin of NBA star Dwyane Wade meant that “If people "
        "want safer streets, they should vote for Donald Trump.”"
    )
    quote = "If people want safer streets, they should vote for Donald Trump."
    assert speakers_by_quote(text)[quote] == "Christie"


def test_the_attribution_closing_the_sentence_before_covers_the_next_quote() -> None:
    text = (
        "Nikki Haley is an “articulate conservative” who has won two gubernatorial elections in "
        "the state, the editorial board writes. “It's a sign of the GOP’s distemper that some "
        "conservatives denounced her.”"
    )
    quotes = {q.text: q for q in extract_quotes(text)}
    quote = quotes["It's a sign of the GOP’s distemper that some conservatives denounced her."]
    assert (quote.speaker, quote.how) == ("the editorial board", "previous sentence")
    # and the quote inside that sentence is the board's too, named at the sentence's end
    assert quotes["articulate conservative"].speaker == "the editorial board"


def test_a_quote_that_closes_a_sentence_ends_it_for_the_next_quote() -> None:
    # the period of “… terrorism.” is masked away with the quote; the next sentence still starts
    text = (
        "Donald Trump spoke on Sunday.\n\n"
        'He took credit for "being right on radical Islamic terrorism." And then Trump went fully '
        'on the attack, saying, "Is President Obama going to finally mention the words?"'
    )
    speakers = speakers_by_quote(text)
    assert speakers["Is President Obama going to finally mention the words?"] == "Donald Trump"


def test_claiming_that_is_speech_claiming_a_prize_is_not() -> None:
    text = (
        "Donald Trump spoke in Michigan.\n\n"
        "He’s claiming that voting fraud is “a big, big problem in this country.”\n\n"
        "Gordon Humphrey said he hopes John Kasich ends up claiming the nomination. “The first "
        "thing is to stop Trump on the first ballot,” he said."
    )
    speakers = speakers_by_quote(text)
    assert speakers["a big, big problem in this country."] == "Donald Trump"
    assert speakers["The first thing is to stop Trump on the first ballot,"] == "Gordon Humphrey"


def test_they_after_a_group_speaks_is_the_group() -> None:
    text = (
        "“Clark’s comments further the anti-Muslim mob mentality,” the groups say. They argue that "
        "Clinton should “lead by example and condemn the remarks.”"
    )
    assert speakers_by_quote(text)["lead by example and condemn the remarks."] == "the groups"


def test_after_said_the_speaker_is_the_name_closing_the_phrase() -> None:
    text = (
        "Hillary Clinton campaigned in Ohio on Monday.\n\n"
        "“David is a longtime friend of mine,” said Clinton ally James Carville.\n\n"
        "“Republicans are frustrated with the decision,” said Oversight ranking Democrat "
        "Elijah Cummings (D-Md.).\n\n"
        "“I was hoping we would see something else,” said Air Force 1st Lt. Tyler Livingston.\n\n"
        "“We will carry this state in November,” said Hillary Clinton on Monday."
    )
    assert speakers_by_quote(text) == {
        "David is a longtime friend of mine,": "James Carville",
        "Republicans are frustrated with the decision,": "Elijah Cummings",
        "I was hoping we would see something else,": "Tyler Livingston",
        "We will carry this state in November,": "Hillary Clinton",
    }


def test_verbs_of_saying_after_a_quote() -> None:
    text = (
        "Donald Trump said France had lost its identity.\n\n"
        "“France will always be France,” an angry Francois Hollande retaliated.\n\n"
        "Senator Pat Toomey spoke on Tuesday.\n\n"
        "“They would have gone to the bill with support,” Toomey fumed."
    )
    assert speakers_by_quote(text) == {
        "France will always be France,": "Francois Hollande",
        "They would have gone to the bill with support,": "Pat Toomey",
    }
