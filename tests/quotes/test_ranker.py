from __future__ import annotations

from digest.quotes.candidates import Candidate, Scene, candidates
from digest.quotes.extract import extract_detailed, extract_quotes, ranked_as_person
from digest.quotes.fit_ranker import Example, fit_ranker, pairs
from digest.quotes.patterns import MASK
from digest.quotes.ranker import Ranker, load_ranker
from digest.text.names import NameBook

ARTICLE = (
    "Mayor Ann Lee met Tom Reyes, the city's engineer, at the river on Monday.\n\n"
    "“We waited ten years for this bridge to open,” Lee said after the ribbon was cut. "
    "Reyes nodded."
)


def test_candidates_are_the_people_around_the_quote() -> None:
    [(quote, _, found)] = extract_detailed(ARTICLE, rank=False)
    assert quote.speaker == "Ann Lee"
    by_name = {c.name: c.features for c in found}
    assert set(by_name) == {"Ann Lee", "Tom Reyes"}
    lee, reyes = by_name["Ann Lee"], by_name["Tom Reyes"]
    assert lee["pick=True"] == 1.0 and lee["pick_how=after"] == 1.0
    assert lee["where=after0"] == 1.0 and lee["verb=subject"] == 1.0  # "…,” Lee said
    assert reyes["pick=False"] == 1.0 and "where=after0" not in reyes  # the next sentence
    assert reyes["where=after1"] == 1.0 or reyes["where=prev_para_last"] == 1.0


def test_the_shipped_ranker_keeps_a_plain_attribution() -> None:
    [quote] = extract_quotes(ARTICLE)
    assert quote.speaker == "Ann Lee"
    assert quote.how == "after"


def test_a_candidate_must_beat_the_pick_and_descriptions_stay() -> None:
    strong = {"verb=subject": 3.0}
    found = [Candidate("Ann Lee", {"verb=subject": 1.0}), Candidate("Tom Reyes", {})]
    ranker = Ranker(strong, margin=0.1, min_new=0.6)
    assert ranker.choose(found, "Tom Reyes").speaker == "Ann Lee"
    assert ranker.choose(found, "Tom Reyes").changed
    assert ranker.choose(found, "Ann Lee").changed is False
    assert ranker.choose(found, None).speaker == "Ann Lee"  # 0.95 >= min_new
    assert Ranker(strong, min_new=0.99).choose(found, None).speaker is None
    # "a campaign spokesman" the rules kept as written is not replaced by a person
    kept = ranker.choose(found, "a campaign spokesman", pick_is_person=False)
    assert kept.speaker == "a campaign spokesman" and not kept.changed
    assert Ranker({}).choose(found, "Tom Reyes").speaker == "Tom Reyes"  # no weights: rules
    even = Ranker({"x": 0.0}).choose(found, "Tom Reyes")
    assert even.speaker == "Tom Reyes" and abs(even.share - 0.5) < 1e-9  # a tie: the pick


def test_scoring_is_deterministic() -> None:
    first = [q.confidence for q in extract_quotes(ARTICLE)]
    load_ranker.cache_clear()
    assert [q.confidence for q in extract_quotes(ARTICLE)] == first


def test_a_title_with_a_period_stands_beside_the_name_after_it() -> None:
    # the rules stop at "Air Force"; the person after "1st Lt." stands beside that mention
    text = (
        "Veterans at the rally were split.\n\n"
        "“I was hoping we would see a better candidate this year,” said Air Force 1st Lt. "
        "Tyler Livingston."
    )
    [(_, _, found)] = extract_detailed(text, rank=False)
    by_name = {c.name: c.features for c in found}
    tyler = by_name["Tyler Livingston"]
    assert tyler["where=after0"] == 1.0
    assert any(k.startswith("beside_rules_mention=") for k in tyler)


def test_candidates_know_when_the_rules_pick_cannot_be_printed() -> None:
    scene = Scene(
        paragraph=f"{MASK} said Oversight ranking Democrat Elijah Cummings.", start=0, end=len(MASK)
    )
    book = NameBook(scene.paragraph)
    found = {
        c.name: c.features
        for c in candidates(
            scene, book, "Oversight", "after", "Oversight", "quote", scene.paragraph
        )
    }
    assert found["Elijah Cummings"]["other_when_pick_unprintable=after0"] == 1.0
    assert not any(k.startswith("other_when_pick_unprintable") for k in found["Oversight"])
    plain = candidates(scene, book, "Elijah Cummings", "after", "Elijah Cummings", "q", "")
    assert not any(k.startswith("other_when_pick_unprintable") for c in plain for k in c.features)


BOARD = (
    "Members of the board met at the school with Mayor Ann Lee.\n\n"
    "A longtime trustee -- Paula Greaves, who lost the 2018 election to Lee -- said the plan "
    '"offered nothing new to the families of the district." Lee did not reply.'
)


def test_a_description_gives_way_only_to_the_person_named_beside_it() -> None:
    [(quote, _, found)] = extract_detailed(BOARD, rank=False)
    assert quote.speaker == "A longtime trustee"  # the rules keep the description
    names = {c.name for c in found}
    assert {"Paula Greaves", "Ann Lee"} <= names
    beside = {
        c.name for c in found if any(k.startswith("beside_rules_mention=") for k in c.features)
    }
    assert beside == {"Paula Greaves"}
    to_greaves = {"beside_rules_mention=description": 5.0}
    to_lee = {"other_when_pick_unprintable=after0": 5.0}  # Lee: after the quote, not beside
    pick = "A longtime trustee"
    for descriptions, weights, speaker in [
        ("beside", to_greaves, "Paula Greaves"),  # "X, a former aide, said": the same person
        ("beside", to_lee, pick),  # anyone else: the description stays as written
        ("any", to_lee, "Ann Lee"),
        ("kept", to_greaves, pick),
    ]:
        choice = Ranker(weights, descriptions=descriptions).choose(found, pick, False)
        assert choice.speaker == speaker, (descriptions, weights)
        assert choice.changed == (speaker != pick)


def test_a_pronoun_pick_gives_way_only_to_the_person_named_beside_it() -> None:
    text = (
        "Mayor Ann Lee opened the bridge on Monday beside Tom Reyes.\n\n"
        "“We waited ten years for this,” she said."
    )
    [(quote, _, found)] = extract_detailed(text, rank=False)
    assert quote.speaker == "Ann Lee" and quote.how == "after"
    to_reyes = {"pick=False": 5.0}
    assert Ranker(to_reyes, pronouns="any").choose(found, "Ann Lee").speaker == "Tom Reyes"
    kept = Ranker(to_reyes, pronouns="beside").choose(found, "Ann Lee")
    assert kept.speaker == "Ann Lee" and not kept.changed
    assert Ranker(to_reyes).choose(found, "Ann Lee").speaker == "Tom Reyes"  # a name: any


def test_organisations_and_places_are_ranked_as_descriptions() -> None:
    book = NameBook("The U.N. General Assembly met. Ann Lee spoke.")
    assert ranked_as_person("Ann Lee", book) and ranked_as_person(None, book)
    assert not ranked_as_person("U.N. General Assembly", book)  # keeps its words
    assert not ranked_as_person("North Carolina", book)
    assert not ranked_as_person("the crowd", book)


def test_the_ranker_is_fitted_on_pairs_of_one_quotes_candidates() -> None:
    def example(article: int, right: dict[str, float], wrong: dict[str, float]) -> Example:
        found = [Candidate("Ann Lee", right), Candidate("Tom Reyes", wrong)]
        return Example(article, found, [1, 0], "Tom Reyes", True, False)

    rows, labels = pairs([example(0, {"a": 1.0, "b": 1.0}, {"b": 1.0, "c": 1.0})])
    assert rows == [{"a": 1.0, "c": -1.0}, {"a": -1.0, "c": 1.0}]  # "b" is on both: no weight
    assert labels == [1, 0]
    # the right candidate is "a" beside "c"; "pick" stands on the wrong one in every quote
    examples = [example(n, {"a": 1.0}, {"c": 1.0, "pick=True": 1.0}) for n in range(10)]
    for pairwise in (True, False):
        fitted = fit_ranker(examples, pairwise=pairwise)
        assert fitted["objective"] == ("pairwise" if pairwise else "pointwise")
        assert fitted["weights"]["a"] > fitted["weights"]["c"]
        assert fitted == fit_ranker(examples, pairwise=pairwise)  # deterministic
