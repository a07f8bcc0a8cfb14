from __future__ import annotations

from digest.summaries.summarizer import ArticleSummarizer
from tests.articles import TOPICS, paragraphs, title


def test_furniture_captions_and_the_headline_are_not_summary_sentences() -> None:
    body = paragraphs("bridge")
    text = "\n\n".join(
        [
            f"{title('bridge')}.",
            "Partial transcript as follows: the council met on Tuesday evening downtown.",
            "(CROSSTALK) The mayor and the council argued about the bridge for an hour.",
            "FULL TEXT. The council statement on the bridge is printed below in full.",
            "Mayor Linda Park (right) says the bridge will open in 2029 as planned by the city.",
            "Sign up for our newsletter to get the bridge news first every morning.",
            "Council Approves Bridge After Decade Of Debate",
            *body,
        ]
    )
    summary = ArticleSummarizer(sentences=3, max_words=200).sentences(text, title("bridge"))
    furniture = ("CROSSTALK", "as follows", "FULL TEXT", "(right)", "Sign up", "Decade Of")
    assert len(summary) == 3
    assert not [s for s in summary if any(f in s for f in furniture) or s.startswith("City")]


def test_a_dateline_is_not_part_of_a_summary_sentence() -> None:
    body = paragraphs("storm")
    text = "\n\n".join([f"BISMARCK, N.D. (AP) — {body[0]}", *body[1:]])
    summary = ArticleSummarizer(sentences=2).sentences(text, title("storm"))
    assert summary[0].startswith("A powerful winter storm")


def test_a_long_page_gets_a_full_ranking() -> None:
    pieces = [p for topic in TOPICS for p in paragraphs(topic)]
    text = "\n\n".join(f"Part {n}: {p}" for n, p in enumerate(pieces * 80))
    summarizer = ArticleSummarizer(sentences=3)
    document = summarizer.document(text, title("storm"))
    ranked = summarizer._rank(document)
    assert sorted(ranked) == list(range(len(document.sentences)))
    assert len(summarizer.sentences(text, title("storm"))) == 3


def test_a_pronoun_opens_no_sentence_whose_person_is_not_in_the_summary() -> None:
    text = "\n\n".join(
        [
            "The city council voted on Tuesday to approve a new bridge across the Elm River.",
            "Linda Park, the mayor, has pushed for the bridge since she was first elected.",
            "She said the project would cut traffic in the downtown area by a third in 2030.",
            "He added that the bridge budget of $120 million had been approved by the state.",
            "Construction crews will start preparing the site in the spring of next year.",
        ]
    )
    summary = ArticleSummarizer(sentences=2, max_words=200).sentences(text, "Bridge approved")
    for sentence in summary:
        if sentence.startswith(("She", "He")):
            before = text.split("\n\n")[text.split("\n\n").index(sentence) - 1]
            assert before in summary
