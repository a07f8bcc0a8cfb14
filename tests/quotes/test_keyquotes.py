from __future__ import annotations

from dataclasses import replace

from digest.models import Article, Quote
from digest.quotes.extract import extract_quotes
from digest.quotes.keyquotes import display_text, find_role, mark_key_quotes, select_key_quotes
from digest.summaries.summarizer import ArticleSummarizer


def test_seed_key_quotes(clean_seed: Article) -> None:
    summary = ArticleSummarizer().summarize(clean_seed)
    chosen = select_key_quotes(extract_quotes(clean_seed.text), summary.text, 3, clean_seed.text)
    assert 2 <= len(chosen) <= 3
    speakers = [q.speaker for q in chosen]
    assert len(set(speakers)) == len(speakers)  # one quote per person
    known = {"Antony Blinken", "Li Linyi", "Feng Chongyi", "Carlos Gimenez", "Qin Gang"}
    assert set(speakers) <= known
    for quote in chosen:
        assert len(quote.text.split()) >= 8
        assert quote.text[0].isupper() or quote.text[0] == "["
        assert not quote.text.endswith(",")


def test_roles_from_the_article(clean_seed: Article) -> None:
    text = clean_seed.text
    assert find_role(text, "Antony Blinken") == "U.S. State Secretary"
    assert find_role(text, "Li Linyi") == "China affairs commentator"
    assert find_role(text, "Feng Chongyi") == (
        "associate professor at the University of Technology Sydney"
    )
    assert find_role(text, "Carlos Gimenez") == "Representative (R-Fla.)"
    assert find_role(text, "Nobody Here") is None


def test_fragments_unattributed_and_repeats_are_left_out() -> None:
    quotes = [
        Quote("robust conversation", "Antony Blinken", confidence=0.99),
        Quote("This whole sentence is said by nobody we can name, sadly.", None),
        Quote("The talks were useful and we will meet again next month.", "Jane Roe", 1, 2),
        Quote("We agreed to keep talking about trade, climate and security.", "Jane Roe", 3, 4),
    ]
    quotes = [replace(q, confidence=0.99) if q.speaker else q for q in quotes]
    summary = "Jane Roe said the talks were useful and we will meet again next month."
    chosen = select_key_quotes(quotes, summary, limit=3)
    assert [q.text for q in chosen] == [
        "We agreed to keep talking about trade, climate and security."
    ]


def test_display_text() -> None:
    assert display_text("We will win,") == "We will win."
    assert display_text("Will we?") == "Will we?"


def test_a_named_speaker_is_preferred_to_a_description() -> None:
    quotes = [
        Quote("The deal is done and the vote will be held next week.", "a senior official"),
        Quote("The deal is done and we will hold the vote next week.", "Jane Roe", 5, 9),
    ]
    quotes = [replace(q, confidence=0.99) for q in quotes]
    [chosen] = select_key_quotes(quotes, limit=1)
    assert chosen.speaker == "Jane Roe"
    assert chosen.key


def test_only_a_near_certain_attribution_is_a_key_quote() -> None:
    words = "The deal is done and we will hold the vote next week."
    sure = Quote(words, "Jane Roe", confidence=0.99)
    assert select_key_quotes([sure], threshold=0.9) != ()
    assert select_key_quotes([replace(sure, confidence=0.6)], threshold=0.9) == ()
    assert select_key_quotes([replace(sure, confidence=None)], threshold=0.0) == ()


def test_places_outlets_and_fragments_are_never_shown_as_speakers() -> None:
    words = "The deal is done and we will hold the vote next week."
    for speaker in ("New Hampshire", "Pyongyang", "the numbers", "Scientists", "CEO", "The Hill"):
        quote = Quote(words, speaker, confidence=0.999)
        assert select_key_quotes([quote], threshold=0.5) == (), speaker
    for speaker in (
        "Without Bloomberg",
        "a skeptical",
        "Massachusetts Joshua Levy",
        "Paintbucket Games",
    ):
        assert select_key_quotes([Quote(words, speaker, confidence=0.999)], threshold=0.5) == ()
    for speaker in ("the State Department", "Jane Roe", "a campaign spokesman", "the report"):
        [shown] = select_key_quotes([Quote(words, speaker, confidence=0.999)], threshold=0.5)
        assert shown.speaker == speaker


def test_mark_key_quotes_keeps_every_quote() -> None:
    quotes = [
        Quote(
            "The deal is done and we will hold the vote next week.",
            "Jane Roe",
            0,
            9,
            confidence=0.99,
        ),
        Quote("too short", "Jane Roe", 20, 29, confidence=0.99),
    ]
    marked = mark_key_quotes(quotes)
    assert [q.key for q in marked] == [True, False]
    assert [q.text for q in marked] == [q.text for q in quotes]


def test_a_quote_only_placed_in_its_subjects_sentence_is_not_shown() -> None:
    text = (
        "Corey Lewandowski, the former campaign manager, ripped the FBI director for acting as "
        "“the judge and the jury in a case that he should have handed over to others.”"
    )
    [quote] = extract_quotes(text)
    assert quote.speaker == "Corey Lewandowski"  # found, for `digest quotes` and the eval
    assert select_key_quotes([quote], limit=3) == ()  # but not put under his name in the email


def test_a_quote_that_inherits_a_weak_speaker_is_not_shown_either() -> None:
    text = (
        "Nikki Haley spoke on Tuesday.\n\n"
        "Haley, who delivered the response, is an “articulate conservative” who has won two "
        "gubernatorial elections in the state. “It's a sign of the party's distemper that some "
        "conservatives denounced her because she did not denounce legal immigration.”"
    )
    quotes = extract_quotes(text)
    assert [q.how for q in quotes] == ["subject", "subject"]
    assert select_key_quotes(quotes, limit=3) == ()


def test_a_role_is_a_clean_noun_phrase_never_a_fragment() -> None:
    text = "He called it terrorism. “This is Terrorist.” President Barack Obama said so."
    assert find_role(text, "Barack Obama") == "President"
    text = "He was secretary of State. Former Florida governor Jeb Bush said so."
    assert find_role(text, "Jeb Bush") == "Former Florida governor"
    assert find_role("Then Sen. Ted Cruz (R-Texas) spoke.", "Ted Cruz") == "Senator (R-Texas)"
    assert find_role("Indiana Gov. Mike Pence said it.", "Mike Pence") == "Indiana Governor"
    # the apposition's noun phrase, never the clause with its quote marks
    assert find_role("Jane Roe, a lawyer who said “no”, left.", "Jane Roe") == "lawyer"
    assert find_role("Jane Roe, a lawyer “of sorts”, left.", "Jane Roe") is None


def test_a_role_keeps_its_abbreviations_whole() -> None:
    text = "“We came,” said Janessa Robinson, an organizer with D.C. Ferguson, the group."
    assert find_role(text, "Janessa Robinson") == "organizer with D.C. Ferguson"


def test_a_speaker_found_through_a_pronoun_is_never_a_key_quote() -> None:
    text = (
        "Linda Garcia, the mayor, and Tom Reyes met the council on Tuesday.\n\n"
        "“We waited ten years for this bridge and now it is finally here,” she said."
    )
    [quote] = extract_quotes(text)
    assert quote.speaker == "Linda Garcia" and quote.mention == "pronoun"
    assert select_key_quotes([replace(quote, confidence=1.0)], threshold=0.5) == ()


def test_a_role_leaves_out_how_the_words_reached_the_article() -> None:
    text = (
        "“It was a scheme,” explained Lesya Ivanovna, an investigator with Nashi Groshi in an "
        "email to me."
    )
    assert find_role(text, "Lesya Ivanovna") == "investigator with Nashi Groshi"


def test_an_honorific_or_a_qualifier_alone_is_no_role() -> None:
    assert find_role("Dr. Sanjay Gupta said the test was fine.", "Sanjay Gupta") is None
    assert find_role("Rev. Al Sharpton said the march would go on.", "Al Sharpton") is None
    text = "He returned 56 minutes late Richard Lloyd, of the watchdog, said the fine was unfair."
    assert find_role(text, "Richard Lloyd") is None  # a caption run into the sentence
    assert find_role("The judge, Mr Recorder Ann Lee, told him.", "Ann Lee") is None
    assert find_role("Former Sen. Al Jones said it.", "Al Jones") == "Former Senator"
    assert find_role("Dr. Jane Roe, a surgeon, said it.", "Jane Roe") == "surgeon"


def test_a_speaker_named_in_the_quotes_own_sentence_comes_first() -> None:
    carried = Quote(
        "The deal is done and the vote will be held next week.",
        "Jane Roe",
        0,
        5,
        how="inherited",
        mention="name",
        confidence=0.99,
    )
    named_here = Quote(
        "The vote will be held next week and the deal is done.",
        "Tom Reyes",
        9,
        14,
        how="after",
        mention="name",
        confidence=0.99,
    )
    [chosen] = select_key_quotes([carried, named_here], limit=1)
    assert chosen.speaker == "Tom Reyes"


def test_a_sentence_cut_by_its_attribution_is_one_key_quote() -> None:
    text = (
        "Roger Ver is angry about the case.\n\n"
        "The “police have been devoting a huge amount of resources to track down peaceful "
        "people,” Ver says, “while evil hackers were busy terrorizing Hal Finney and his family.”"
        "\n\n“We will not stop until they are caught,” Ver said. “they owe us answers.”"
    )
    quotes = extract_quotes(text)
    assert len(quotes) == 4  # the pieces, as `digest quotes` lists them
    shown = select_key_quotes(quotes, article_text=text, threshold=0.0)
    assert [q.text for q in shown] == [
        "police have been devoting a huge amount of resources to track down peaceful people, "
        "while evil hackers were busy terrorizing Hal Finney and his family.",
        # a sentence ended between the pieces: they stay apart
        "We will not stop until they are caught.",
    ]
    # every piece is still listed; the joined one is marked key at its first piece
    marked = mark_key_quotes(quotes, article_text=text)
    assert len(marked) == 4 and marked[0].key and not marked[1].key


def test_a_long_quote_is_trimmed_after_a_whole_sentence() -> None:
    from digest.quotes.keyquotes import MAX_WORDS, trimmed

    first = "We waited ten years for this bridge, and the whole city waited with us."
    rest = " ".join(["It will carry cars, bikes and buses across the river every day."] * 6)
    quote = Quote(f"{first} {rest}", "Maria Lopez", confidence=0.99, how="after", mention="name")
    cut = trimmed(quote)
    assert cut.text.endswith("every day. …") and cut.text.startswith(first)
    assert len(cut.text.split()) <= MAX_WORDS + 1
    assert trimmed(replace(quote, text=first)) == replace(quote, text=first)  # short: as it is
    # one sentence longer than the limit cannot be cut: it stays out of the key quotes
    endless = Quote(" ".join(["and then"] * 50) + ".", "Maria Lopez")
    assert trimmed(endless) == endless
    shown = select_key_quotes([quote], threshold=0.0)
    assert [q.text for q in shown] == [cut.text]


def test_a_role_is_the_first_noun_phrase_of_the_apposition() -> None:
    long_one = (
        "“They must be protected,” said John Fa, a senior associate scientist with the Center "
        "for International Forestry Research (CIFOR) and a professor of biodiversity."
    )
    assert find_role(long_one, "John Fa") == (
        "senior associate scientist with the Center for International Forestry Research"
    )
    aged = "Sayiba John, 33, a trader who fled the township with her husband, told AFP."
    assert find_role(aged, "Sayiba John") == "trader"
    one_of = "“Find work,” Mythobisi Sabelo, one of the protesters, told Al Jazeera."
    assert find_role(one_of, "Mythobisi Sabelo") == "one of the protesters"
