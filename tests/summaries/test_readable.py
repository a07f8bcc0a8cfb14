from __future__ import annotations

import pytest

from digest.summaries.document import join_day_cuts
from digest.summaries.readable import is_citation, reads_alone, unreadable
from digest.summaries.summarizer import ArticleSummarizer, introduce_people, tidy_sentence

STORY = [
    "The city council voted on Tuesday to approve a new bridge across the Elm River.",
    "Mayor Linda Park said the bridge would cut downtown traffic by a third.",
    "Construction crews will start preparing the site in the spring of next year.",
    "The state has promised to pay for half of the $120 million project.",
]


@pytest.mark.parametrize(
    "sentence",
    [
        "Working with a small space for your baby's room?",  # a listicle's question
        "No need to get out of your pajamas!",  # an exclamation
        "Share this with all of your friends by clicking the Share button below.",
        "Follow us to stay up to date on industry trends.",
        "Read on for the full list of links to our coverage.",
        "The pictures below capture the event as it transpires.",
        "Here's the full statement:",
        "Figure 2: Changing Font Size of All Text Elements.",
        "Photo by Jane Roe/Getty Images Police take up positions outside the station.",
        "Grooming by Martin-Christopher Harper at Platform using Aveda.",
        "RIVERSIDE COUNTY SHERIFF'S DEPT.",
        "1. Celebrity nude photo leaks.",
        "Best Costumes | 2020 Costumes For Adults by Emily Co Cheap and easy costumes win.",
        "Changing Font Size of All Text Elements.",
        "Smith, J. A., and Lee, K. (2010). Bridges and traffic. Journal of Roads, 12(3), 45-67.",
    ],
)
def test_sentences_that_are_not_statements_of_a_story_do_not_read_alone(sentence: str) -> None:
    assert not reads_alone(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        *STORY,
        "He said: 'There is a candidate in this constituency who can win the seat.'",
        "Hit by a car on Monday, the cyclist was taken to hospital with minor injuries.",
        "In the U.S., sales rose 3% in 2014 (the best year since 2010), the group said.",
        "Manchester United beat Arsenal 2-1 at Old Trafford on Sunday afternoon.",
    ],
)
def test_news_sentences_read_alone(sentence: str) -> None:
    assert reads_alone(sentence)


def test_a_citation_needs_two_of_its_marks() -> None:
    assert is_citation("Doe, J. (2019). Sleep and work. Sleep Med, 4(2), 101-109.")
    assert not is_citation("The film (2019) was a hit in Paris.")


def test_a_question_or_a_call_to_share_is_left_out_of_a_summary() -> None:
    text = "\n\n".join(
        [
            "Are you tired of traffic jams every single morning?",
            *STORY,
            "Share this with your friends by clicking the Share button below.",
        ]
    )
    summary = ArticleSummarizer(sentences=3, max_words=200).sentences(text, "Bridge approved")
    assert summary and all(s in STORY for s in summary)


def test_a_page_of_teasers_gets_one_sentence_not_three() -> None:
    text = "\n\n".join(
        [
            "Left-arm bowler says he will play if the captain fails to recover",
            "28 December 2014",
            "Is there nothing this all-rounder can't do?",
        ]
    )
    [summary] = ArticleSummarizer(sentences=3).sentences(text, "Cricket")
    assert summary != "28 December 2014"  # the best teaser, never the date line


def test_a_page_of_date_lines_gets_no_summary() -> None:
    text = "\n\n".join(["28 December 2014", "Updated: Mon, Dec 29 at 3:20 p.m. GMT"])
    assert ArticleSummarizer(sentences=3).sentences(text, "Cricket") == []


def test_the_headline_inside_a_sentence_marks_a_page_header() -> None:
    title = "Bridge Approved After Decade Of Debate"
    header = f"Local News | 2014 {title} by Jane Roe 12 The council voted on Tuesday night."
    assert unreadable([header, *STORY], title) == {0}


def test_a_date_cut_at_its_days_number_is_joined_again() -> None:
    pieces = ["Die Ausstellung ist vom 9.", "bis 23.", "Februar 2017 im Palais zu sehen.", "Ja."]
    assert join_day_cuts(pieces) == [
        "Die Ausstellung ist vom 9. bis 23. Februar 2017 im Palais zu sehen.",
        "Ja.",
    ]
    # a month with no year after the day ("vom 31." | "Januar bis zum 05." | "Februar …")
    pieces = ["Das Wochenende vom 31.", "Januar bis zum 05.", "Februar war gut besucht."]
    assert join_day_cuts(pieces) == [
        "Das Wochenende vom 31. Januar bis zum 05. Februar war gut besucht."
    ]
    # a month's name English shares opens an English sentence after a number
    assert join_day_cuts(["The team won 3.", "April was good."]) == [
        "The team won 3.",
        "April was good.",
    ]
    # an age at the end of a sentence is not a day
    assert join_day_cuts(["She was 13.", "Her father took her to a rally."]) == [
        "She was 13.",
        "Her father took her to a rally.",
    ]


def test_reference_marks_and_labels_are_taken_off_summary_sentences() -> None:
    assert tidy_sentence("Skinfolds have been measured for over 50 years (1).") == (
        "Skinfolds have been measured for over 50 years."
    )
    assert (
        tidy_sentence("The Spell[2] (Aguamenti) was a charm.")
        == "The Spell (Aguamenti) was a charm."
    )
    assert tidy_sentence("Editor's Tip: Choose a vase color that does not compete.") == (
        "Choose a vase color that does not compete."
    )
    # a quotation's introduction keeps its speaker
    assert tidy_sentence("He added: 'True compassion is a chance.'").startswith("He added")


@pytest.mark.parametrize(
    "dangling",
    [
        "According to them, the council should have waited for the state's money.",
        "Lovers of his classic tale will find the new edition just as charming.",
        "This exquisitely illustrated biography recounts the life of a bridge builder.",
        "The man had warned the council about the river's floods for years.",
    ],
)
def test_a_sentence_pointing_back_comes_with_its_antecedent_or_not_at_all(dangling: str) -> None:
    sentences = [STORY[0], "Linda Park has written about bridges.", dangling, *STORY[2:]]
    summarizer = ArticleSummarizer(sentences=2, max_words=200)
    document = summarizer.document("\n\n".join(sentences), "Bridge approved")
    ranked = [2, 0, 3, 4, 1]  # the dangling sentence ranked first, its antecedent last
    chosen = introduce_people(document, ranked, [0, 2], 2, 200)
    assert 2 not in chosen and len(chosen) == 2
    assert introduce_people(document, ranked, [1, 2], 2, 200) == [1, 2]  # introduced: kept


def test_a_time_word_after_this_does_not_point_back() -> None:
    sentences = [STORY[0], STORY[1], "This year the council also approved a new library.", STORY[3]]
    summarizer = ArticleSummarizer(sentences=2, max_words=200)
    document = summarizer.document("\n\n".join(sentences), "Bridge approved")
    assert introduce_people(document, [2, 0, 1, 3], [0, 2], 2, 200) == [0, 2]


def test_a_footnote_star_after_a_name_is_left_out_of_a_summary_sentence() -> None:
    assert tidy_sentence("Director Chas Burns* organized a show.") == (
        "Director Chas Burns organized a show."
    )
    assert tidy_sentence("Das Label Achiy* steht im Vordergrund.") == (
        "Das Label Achiy steht im Vordergrund."
    )
    # a pattern in technical text keeps its stars
    assert tidy_sentence("RCS*,v* files became history.") == "RCS*,v* files became history."
