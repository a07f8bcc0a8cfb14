from __future__ import annotations

from digest.summaries.document import Document
from digest.summaries.people import Surnames, points_back
from digest.text.sentences import NewsTokenizer


def test_pointing_back_and_answers_need_the_sentence_before() -> None:
    sentences = ["Why do cats purr?", "Because they are content.", "Cats sleep a lot."]
    assert points_back(sentences, 1)  # an answer
    assert not points_back(sentences, 2)
    assert points_back(["The council met.", "Because of that, the vote was delayed."], 1)
    official = "The Pennsylvania official was just talking about one road."
    assert points_back(["“Stay home,” Ed Rendell said.", official], 1)
    assert not points_back(["The storm hit.", "The official forecast is for sun."], 1)
    assert points_back(["国家医保局密切监测。", "同时，多环节发挥作用。"], 1)
    assert points_back(["Der Rat tagte.", "Außerdem wurde die Brücke genehmigt."], 1)
    assert not points_back(["Der Rat tagte.", "Die Brücke wurde genehmigt."], 1)
    assert points_back(["T1 won!", "It is the organization’s fourth world title."], 1)
    assert not points_back(["T1 won.", "It is unclear whether they will defend it."], 1)
    assert not points_back(["T1 won.", "It is the first time a team has won four."], 1)


def test_a_surname_in_a_list_of_surnames_is_left_as_written() -> None:
    text = (
        "Police officers Wenjian Liu and Rafael Ramos, 40, were killed in Brooklyn.\n\n"
        "Crowds mourned Officers Liu and Ramos on Sunday.\n\n"
        "Ramos was a father of two boys, his family said."
    )
    document = Document.from_text(text, NewsTokenizer("english"))
    texts, unsure = Surnames(document).introduce([1, 2], 100)
    assert texts[1] == "Crowds mourned Officers Liu and Ramos on Sunday."
    assert texts[2] == "Rafael Ramos was a father of two boys, his family said."
    assert unsure == []


def test_a_surname_is_written_in_full_after_an_apposition() -> None:
    text = (
        "David Taylor, a data scientist in Montreal, built the model.\n\n"
        "Taylor is aware that the simulation has limits."
    )
    document = Document.from_text(text, NewsTokenizer("english"))
    texts, _ = Surnames(document).introduce([1], 100)
    assert texts[1] == "David Taylor is aware that the simulation has limits."
    # a run of capitals that is no person's name ("King Charles Spaniel Alfie, a dog")
    dog = Document.from_text(
        "King Charles Spaniel Alfie, a dog, was ill.\n\nAlfie had a scan in Newmarket.",
        NewsTokenizer("english"),
    )
    assert Surnames(dog).introduce([1], 100)[0][1] == "Alfie had a scan in Newmarket."


def test_only_the_first_mention_of_a_surname_is_written_in_full() -> None:
    text = (
        "Dr Ramona Archer-Bradshaw, 52, leads the schools.\n\n"
        "Archer-Bradshaw said the forms were sent, and Archer-Bradshaw thanked parents."
    )
    document = Document.from_text(text, NewsTokenizer("english"))
    texts, _ = Surnames(document).introduce([1], 100)
    assert texts[1] == (
        "Ramona Archer-Bradshaw said the forms were sent, and Archer-Bradshaw thanked parents."
    )
