from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.errors import ConfigError
from digest.models import Article
from digest.summaries.ranker import standalone_penalty
from digest.summaries.summarizer import METHODS, ArticleSummarizer, get_selector, tidy_sentence

SENTENCE = st.from_regex(r"[A-Z][a-z]{2,9}( [a-z]{2,9}){3,14}\.", fullmatch=True)


def test_seed_summary_reads_well(clean_seed: Article) -> None:
    summary = ArticleSummarizer().summarize(clean_seed)
    assert 2 <= len(summary.sentences) <= 3
    assert summary.sentences[0].startswith("U.S. State Secretary Antony Blinken")
    for sentence in summary.sentences:
        assert sentence in clean_seed.text
        assert "NTD Photo" not in sentence and "via AP" not in sentence
        assert not sentence.startswith(("“", '"'))
    assert len(summary.text.split()) <= 100


@pytest.mark.parametrize("method", METHODS)
def test_every_method_runs_offline_and_keeps_article_order(
    method: str, clean_seed: Article
) -> None:
    summarizer = ArticleSummarizer(method, sentences=3, max_words=200)
    sentences = summarizer.sentences(clean_seed.text, clean_seed.title)
    assert 1 <= len(sentences) <= 3
    document = summarizer.document(clean_seed.text)
    positions = [document.sentences.index(s) for s in sentences]
    assert positions == sorted(positions)


def test_unknown_method_says_what_exists() -> None:
    with pytest.raises(ConfigError, match="lexrank"):
        get_selector("bogus")


def test_standalone_penalties() -> None:
    assert standalone_penalty("“We are moving forward.”") > standalone_penalty(
        "The talks ended on Monday with no agreement on military contacts."
    )
    assert standalone_penalty("He said it again and again to the crowd of supporters.") > 0


def test_empty_and_single_sentence_inputs() -> None:
    summarizer = ArticleSummarizer()
    assert summarizer.sentences("") == []
    assert summarizer.sentences("Only one sentence is here today.") == [
        "Only one sentence is here today."
    ]


@settings(max_examples=40, deadline=None)
@given(
    sentences=st.lists(SENTENCE, min_size=0, max_size=12, unique=True),
    count=st.integers(1, 5),
    budget=st.integers(10, 120),
    method=st.sampled_from(["default", "lead", "lexrank", "textrank", "luhn"]),
)
def test_summary_properties(sentences: list[str], count: int, budget: int, method: str) -> None:
    text = " ".join(sentences)
    summarizer = ArticleSummarizer(method, sentences=count, max_words=budget)
    out = summarizer.sentences(text)
    assert len(out) <= count
    assert sum(len(s.split()) for s in out) <= budget
    document = summarizer.document(text).sentences
    positions = [document.index(s) for s in out]  # each is an input sentence...
    assert positions == sorted(positions)  # ...in article order


def test_a_headline_run_into_the_first_sentence_is_taken_off() -> None:
    title = "What the Airlines Did Well in 2014"
    fused = f"{title} Not often do the airlines receive praise from their passengers."
    assert (
        tidy_sentence(fused, title)
        == "Not often do the airlines receive praise from their passengers."
    )
    # a sentence that merely starts like the headline keeps its words
    assert tidy_sentence("Markets opened lower.", "Markets opened") == "Markets opened lower."


def test_a_date_written_before_the_first_words_is_taken_off() -> None:
    assert tidy_sentence("December 28, 2014: Markets opened lower on a quiet Monday.") == (
        "Markets opened lower on a quiet Monday."
    )
    assert tidy_sentence("2014-12-28 — stocks slid as oil fell again today.") == (
        "Stocks slid as oil fell again today."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Oh, RiRi.",
        "I LOVE IT.",
        "Narrator: If you eat a strawberry, it probably came from California.",
        "Add your own in the comments.",
        "What we wanted to say: HAHAHAHAHAHA.",
    ],
)
def test_fragments_speaker_labels_and_calls_to_comment_do_not_read_on_their_own(
    sentence: str,
) -> None:
    assert standalone_penalty(sentence) >= 2.0
    assert standalone_penalty("The power outage lasted about two hours.") == 0.0


def test_a_summary_leaves_out_fragments_when_sentences_are_there() -> None:
    text = (
        "Oh, RiRi. When Rihanna walks into a fashion show, editors and other celebrities gasp. "
        "She arrived at the Altuzarra show in Paris on Sunday wearing a sheer dress. "
        "I LOVE IT. The designer said the collection was inspired by old Hollywood films."
    )
    summary = ArticleSummarizer(sentences=3).sentences(text, "Rihanna at the Altuzarra show")
    assert summary and not {"Oh, RiRi.", "I LOVE IT."} & set(summary)


def test_a_bare_surname_is_written_in_full_or_the_sentence_left_out() -> None:
    from digest.summaries.document import Document
    from digest.summaries.summarizer import introduce_people
    from digest.text.sentences import NewsTokenizer

    opening = (
        "The ministry said yesterday children can safely continue to attend classes.\n\n"
        "This was revealed at a press conference by Chief Education Officer Dr Ramona "
        "Archer-Bradshaw and other officials.\n\n"
    )
    rest = (
        "Archer-Bradshaw said consent forms had been sent out to parents recently.\n\n"
        "Schools will also get extra cleaning staff from next month, the ministry added."
    )
    summarizer = ArticleSummarizer(sentences=2, max_words=100)
    # one person has the surname: it is written in full
    summary = summarizer.sentences(opening + rest, "Schools stay open")
    assert "Ramona Archer-Bradshaw said consent forms had been sent out" in " ".join(summary)
    # the headline introduces her: the surname stays as written
    summary = summarizer.sentences(opening + rest, "Ramona Archer-Bradshaw keeps schools open")
    assert not [s for s in summary if "Ramona" in s and "said consent" in s]
    # two people share it: who is meant is unsure, and the sentence is replaced
    family = opening + "Her brother Tom Archer-Bradshaw runs a bus firm in the town.\n\n" + rest
    document = Document.from_text(family, NewsTokenizer("english"))
    said = next(i for i, s in enumerate(document.sentences) if s.startswith("Archer-Bradshaw"))
    ranked = [0, said, said + 1, 1, 2]
    assert introduce_people(document, ranked, [0, said], 2, 100) == [0, said + 1]
    # a place or a team is no person's surname ("One China", "College Brighton")
    sports = ArticleSummarizer(sentences=1).sentences(
        "Fans at College Brighton cheered.\n\nBrighton won the game on Saturday in the rain, "
        "the club's fourth win in a row.",
        "Brighton win",
    )
    assert sports and "College Brighton won" not in sports[0]


def test_an_answer_needs_its_question_in_the_summary() -> None:
    from digest.summaries.document import Document
    from digest.summaries.summarizer import introduce_people
    from digest.text.sentences import NewsTokenizer

    text = (
        "The city opened its new lost-property office on Monday.\n\n"
        "Why is a lost thing always in the last place you look? "
        "Because when you find it, you stop looking.\n\n"
        "The office keeps items for ninety days before they are given to charity."
    )
    document = Document.from_text(text, NewsTokenizer("english"))
    answer = next(i for i, s in enumerate(document.sentences) if s.startswith("Because when"))
    assert introduce_people(document, [0, answer, 3, 1], [0, answer], 2, 100) == [0, 3]
    assert introduce_people(document, [0, 1, answer], [0, 1, answer], 3, 100) == [0, 1, answer]
