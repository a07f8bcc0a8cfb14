from __future__ import annotations

import json
from pathlib import Path

from digest.quotes.confidence import Model, load_model
from digest.quotes.extract import extract_quotes, extract_with_features


def test_every_attributed_quote_gets_a_confidence() -> None:
    text = (
        "Linda Garcia, the mayor, opened the bridge on Tuesday.\n\n"
        "“We waited ten years for this bridge and it is finally here,” Garcia said.\n\n"
        "“This is only a rough draft of a plan nobody has read so far.”"
    )
    quotes = extract_quotes(text)
    said = next(q for q in quotes if q.speaker == "Linda Garcia")
    assert said.confidence is not None and 0.0 < said.confidence < 1.0
    assert all(q.confidence is None for q in quotes if q.speaker is None)


def test_a_named_speaker_after_the_quote_is_surer_than_a_pronoun() -> None:
    text = (
        "Linda Park and Tom Reyes met the council on Tuesday.\n\n"
        "“We waited ten years for this bridge and it is finally here,” Linda Park said.\n\n"
        "“We waited ten years for this bridge and it is finally here,” he said."
    )
    named, pronoun = extract_quotes(text)
    assert named.confidence and pronoun.confidence
    assert named.confidence > pronoun.confidence


def test_features_name_how_the_attribution_was_found() -> None:
    [(quote, features)] = extract_with_features("“We will win this race,” Jane Roe said.")
    assert quote.speaker == "Jane Roe"
    assert features["how=after"] == 1.0
    assert features["cue=said"] == 1.0
    assert features["who=name"] == 1.0


def test_the_shipped_model_is_small_json_with_a_threshold() -> None:
    path = Path(__file__).parents[2] / "digest" / "quotes" / "model" / "attribution.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert 0.5 < data["threshold"] < 1.0
    assert 10 < len(data["weights"]) < 500
    assert load_model().threshold == data["threshold"]


def test_scoring_is_a_logistic_of_the_weights() -> None:
    model = Model({"bias": 0.0, "a": 2.0})
    assert model.score({"bias": 1.0}) == 0.5
    assert model.score({"bias": 1.0, "a": 1.0}) > 0.88
    assert model.score({"unknown": 1.0}) == 0.5  # a feature never seen weighs nothing


def test_words_passed_on_by_an_outlet_are_less_sure() -> None:
    direct = "Jane Roe spoke in Iowa.\n\n“We will win this race in the fall,” Jane Roe said."
    passed_on = (
        "Jane Roe spoke in Iowa.\n\n"
        "“We will win this race in the fall,” Jane Roe said, according to the Daily Item."
    )
    [(plain, plain_features)] = extract_with_features(direct)
    [(relayed, relayed_features)] = extract_with_features(passed_on)
    assert relayed.speaker == plain.speaker == "Jane Roe"
    assert relayed_features["passed_on=according"] == 1.0
    assert "passed_on=according" not in plain_features
    assert relayed.confidence is not None and plain.confidence is not None
    assert relayed.confidence < plain.confidence


def test_a_description_resolved_to_a_name_is_marked() -> None:
    text = (
        "Indiana Gov. Mike Pence arrived on Monday.\n\n"
        "“We will balance the budget this year,” the Indiana governor said."
    )
    [(quote, features)] = extract_with_features(text)
    assert quote.speaker == "Mike Pence"
    assert features["description_resolved"] == 1.0
    [(_, named)] = extract_with_features("“We will balance the budget,” Mike Pence said.")
    assert "description_resolved" not in named


def test_an_unnamed_source_is_marked() -> None:
    [(quote, features)] = extract_with_features(
        "“The president will veto the bill,” a White House official said."
    )
    assert quote.speaker == "a White House official"
    assert features["unnamed_source"] == 1.0


def test_according_to_before_the_quote_is_passed_on_too() -> None:
    text = "According to the school’s post, Jane Roe said “we will win this race in the fall.”"
    [(quote, features)] = extract_with_features(text)
    assert quote.speaker == "Jane Roe"
    assert features["passed_on=according"] == 1.0
