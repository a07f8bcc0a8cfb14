from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from digest.text.sentences import NewsTokenizer, split_sentences

tok = NewsTokenizer()


def test_abbreviations_do_not_split() -> None:
    text = (
        "Shortly after the meeting ended, Rep. Carlos Gimenez (R-Fla.) took to Twitter. "
        "The U.S. decision was made by Sen. John A. Smith on Monday. It cost $3.5 million."
    )
    assert tok.to_sentences(text) == (
        "Shortly after the meeting ended, Rep. Carlos Gimenez (R-Fla.) took to Twitter.",
        "The U.S. decision was made by Sen. John A. Smith on Monday.",
        "It cost $3.5 million.",
    )


def test_quote_spanning_sentences_stays_whole() -> None:
    text = "“It was clear. And both sides agreed,” Blinken said. He then left."
    assert tok.to_sentences(text) == (
        "“It was clear. And both sides agreed,” Blinken said.",
        "He then left.",
    )


def test_text_without_paragraph_breaks() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(30))
    assert len(split_sentences(text)) == 30


def test_words_keep_abbreviations_and_contractions() -> None:
    assert tok.to_words("Blinken’s U.S. visit cost $3.5 million — yes") == (
        "Blinken’s",
        "U.S",
        "visit",
        "cost",
        "3.5",
        "million",
        "yes",
    )


def test_works_as_a_sumy_tokenizer_without_nltk_data() -> None:
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    parser = PlaintextParser.from_string("One fact here. Another fact there. A third one.", tok)
    assert len(LexRankSummarizer()(parser.document, 2)) == 2


@given(st.lists(st.from_regex(r"[A-Z][a-z]{2,8}( [a-z]{2,8}){2,6}\.", fullmatch=True), max_size=8))
def test_no_words_lost(sentences: list[str]) -> None:
    text = " ".join(sentences)
    out = tok.to_sentences(text)
    assert " ".join(out).split() == text.split()


def _article(n: int) -> str:
    """A distinct article with abbreviations, decimals and quotes, the cases pysbd works on."""
    from tests.articles import paragraphs, synthetic

    topics = ["bridge", "storm", "chips"]
    body = "\n\n".join(paragraphs(topics[n % 3]))
    extra = f"Sen. A. B. Smith of the U.S. said it cost ${n}.5 million. “It is {n} days,” he said."
    return f"{synthetic(n)}\n\n{extra}\n\n{body}"


def test_splitting_from_many_threads_gives_what_splitting_one_by_one_gives() -> None:
    from concurrent.futures import ThreadPoolExecutor

    articles = [_article(n) for n in range(80)]
    one_by_one = [split_sentences(text) for text in articles]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(split_sentences, articles))
    differ = [n for n, (a, b) in enumerate(zip(one_by_one, threaded, strict=True)) if a != b]
    assert differ == []


def test_a_very_long_paragraph_is_split_in_pieces_without_losing_a_sentence() -> None:
    sentences = [f"Mayor Park said item number {n} was approved today." for n in range(600)]
    text = " ".join(sentences)
    assert len(text) > 25_000
    assert tok.to_sentences(text) == tuple(sentences)


def test_plain_sentence_ends_split_without_pysbd_and_abbreviations_stay_whole() -> None:
    text = (
        "The council met on Monday. It voted to close the road. "
        "Gov. Smith of Calif. disagreed with the U.S. plan. Prices rose 3.5 percent."
    )
    assert split_sentences(text) == [
        "The council met on Monday.",
        "It voted to close the road.",
        "Gov. Smith of Calif. disagreed with the U.S. plan.",
        "Prices rose 3.5 percent.",
    ]


def test_long_paragraph_keeps_every_sentence_once() -> None:
    sentence = "The river rose overnight and the town waited. Dr. Jones said more rain was due."
    text = " ".join([sentence] * 400)
    out = split_sentences(text)
    assert len(out) == 800
    assert out[1] == "Dr. Jones said more rain was due."
