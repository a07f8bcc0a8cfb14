from __future__ import annotations

import pytest

from digest.summaries.clauses import has_verb, is_verbless
from digest.summaries.document import split_run_ins
from digest.summaries.readable import is_furniture, reads_alone
from digest.summaries.summarizer import ArticleSummarizer, introduce_people


@pytest.mark.parametrize(
    "fragment",
    [
        "Ahhh, at last, Memorial Day weekend.",
        "Great as a side with pasta recipes to soak up the juices.",
        "The story of Nazi Germany, as experience by a fictional group of its citizens.",
        "Slate The Spot Slate's soccer blog.",
        "No better time, then, for the club's fabulous multi-day birthday party in Gstaad.",
        "Personally Identifiable Information in accordance with our website.",
    ],
)
def test_an_english_sentence_without_a_verb_is_a_fragment(fragment: str) -> None:
    assert is_verbless(fragment)
    assert not reads_alone(fragment)


@pytest.mark.parametrize(
    "sentence",
    [
        "BlackBerry denies Samsung buyout rumors.",  # a verb in -s before a name
        "Many fans follow Tebow because of his beliefs.",  # a plural subject and its verb
        "AP McCoy celebrates after winning the race at Aintree on Friday.",
        "The season ends at Sandown on Saturday.",
        "Liverpool lose their semi-final against Aston Villa.",
        "In 2011, the man responsible for the trip died, aged 87.",
        "The abuelo also teaches his grandson the Spanish words for important ideas.",
        "Hedge funds typically charge 2 percent of assets.",
        "I'm quite comfortable with myself.",
        "Zombies are something of an open-source pop-culture phenomenon.",
    ],
)
def test_a_sentence_with_a_verb_is_not_verbless(sentence: str) -> None:
    assert has_verb(sentence)
    assert not is_verbless(sentence)


def test_only_english_is_judged() -> None:
    # German has no English verb cue, but it is not judged by them
    assert not is_verbless("Die Hüllen gibt es in vier Farben und mit Glitzer.")
    assert not is_verbless("Oh, RiRi.")  # under four words: another rule's business


def test_an_infinitive_is_not_a_finite_verb() -> None:
    assert not has_verb("Treats to make your Monday marvellous.")


def test_a_caption_or_heading_run_into_a_sentence_is_cut_off() -> None:
    assert split_run_ins(
        ["Sister Ann was found in her bedroom, with a towel on her face An 86-year-old nun died."]
    ) == [
        "Sister Ann was found in her bedroom, with a towel on her face",
        "An 86-year-old nun died.",
    ]
    assert split_run_ins(["Net Tension This setting sets the shape of the net."]) == [
        "Net Tension",
        "This setting sets the shape of the net.",
    ]
    # names and letters inside a sentence are not openings
    for sentence in [
        "Those brands chose brand A over brand B.",
        "The year Don't Push It won, we stayed home.",
        "He plays in the Serie A standings now.",
        "We saw The Dark Knight twice.",
    ]:
        assert split_run_ins([sentence]) == [sentence]


def test_the_caption_is_left_out_and_its_sentence_kept() -> None:
    text = (
        "Terry Martin, 48, pictured in this 2012 mugshot, shot his girlfriend after a row "
        "A man who won $500 on a lottery ticket shot his girlfriend and then himself."
    )
    summary = ArticleSummarizer(sentences=1, max_words=100).sentences(text, "Lottery row")
    assert summary == [
        "A man who won $500 on a lottery ticket shot his girlfriend and then himself."
    ]


@pytest.mark.parametrize(
    "note",
    [
        "This article originally appeared in The Conversation.",
        "Our journalism depends on readers like you.",
        "The Associated Press contributed to this report.",
        "This story has been updated to correct the mayor's title.",
        "Get the most popular articles and slideshows of the week every Saturday.",
        "Get our best stories delivered to your inbox.",
        "Original article on Live Science.",
        "Learn more at the company's site.",
        "Figure 1 illustrates how our example plot looks.",
        "Some content in this article is derived from the game's guide.",
        "Spoilers will be present within the article.",
        "For the latest stories download the Nationnews apps for iOS and Android.",
        "Scroll down for corny jokes and silly jokes sent in by readers.",
    ],
)
def test_notes_about_the_article_and_appeals_are_furniture(note: str) -> None:
    assert is_furniture(note)


def test_the_paper_first_appeared_is_news() -> None:
    assert not is_furniture("The paper first appeared in Nature in 2019.")


@pytest.mark.parametrize(
    "fragment",
    [
        "Whereas the production orientation focuses on the technical aspects of the job.",
        "'Gstaad'd from the bottom now we here.'",
    ],
)
def test_a_subordinate_clause_or_bare_quotation_does_not_read_alone(fragment: str) -> None:
    assert not reads_alone(fragment)
    assert reads_alone("Because of the rain, the match was called off on Sunday.")


@pytest.mark.parametrize(
    "dangling",
    [
        "So many thoughts were racing through her head on the way to the council.",
        "But, maybe she was also in danger when the river rose.",
        "That's why in 2019, the council asked the state for money.",
        "Linda Park asks as she drives across the old bridge.",
        "Because of that, it seems odd that the council waited so long to decide.",
        "As a result, the state will pay most of the cost of the new bridge.",
        "It doesn’t stop there – the council also wants a second bridge by 2035.",
    ],
)
def test_a_pronoun_before_any_name_points_back(dangling: str) -> None:
    sentences = [
        "The city council voted on Tuesday to approve a new bridge across the Elm River.",
        "Linda Park has written about bridges.",
        dangling,
        "Construction crews will start preparing the site in the spring of next year.",
    ]
    document = ArticleSummarizer().document("\n\n".join(sentences), "Bridge approved")
    chosen = introduce_people(document, [2, 0, 3, 1], [0, 2], 2, 200)
    assert 2 not in chosen and len(chosen) == 2


def test_a_named_subject_with_her_pronoun_is_not_dangling() -> None:
    sentences = [
        "Kaycee shared her kitchen remodel with the magazine earlier this year.",
        "A mother of two lost her job after the plant closed in March.",
    ]
    document = ArticleSummarizer().document("\n\n".join(sentences), "Kitchen")
    assert introduce_people(document, [1, 0], [1], 1, 200) == [1]
    assert introduce_people(document, [0, 1], [0], 1, 200) == [0]


def test_a_caption_cut_off_the_lead_takes_no_place_in_the_order() -> None:
    from digest.summaries.document import Document
    from digest.text.sentences import NewsTokenizer

    text = (
        "Sister Ann was found in her bedroom, with a towel on her face An 86-year-old nun died "
        "on Sunday at the mission.\n\nPolice are looking for two men seen near the gate."
    )
    document = Document.from_text(text, NewsTokenizer("english"))
    assert document.sentences[0].startswith("Sister Ann")
    assert document.run_ins == frozenset({0})
    # the lead sentence keeps the first place, the next sentence the second
    assert document.positions() == [0, 0, 1]
    assert document.first() == 1
