"""Whether a token tells a deed done (kg.mood), on real parses."""
import pytest
from nlp_fixtures import extract_text, facts, load_model

from kg.mood import asserted


def verb(text: str, word: str):
    return next(t for t in load_model()(text) if t.text == word)


@pytest.mark.parametrize("text, word", [
    ("Iran attacked Iraq.", "attacked"),
    ("Iran said Iraq had attacked Kuwait.", "attacked"),
    ("Iran reported that Iraq attacked Kuwait.", "attacked"),
    ("Iran's efforts to defeat ISIL continue.", "defeat"),
    ("Japan said it would resume talks.", "resume"),
    ("Brazil's negotiations with the IMF are expected to resume next week.", "negotiations"),  # held before
])
def test_deeds_told_as_done(text, word):
    assert asserted(verb(text, word), modal_ok=True)


@pytest.mark.parametrize("text, word", [
    ("Iran did not attack Iraq.", "attack"),
    ("Iran allegedly attacked Iraq.", "attacked"),
    ("Iran has yet to meet Iraq.", "meet"),
    ("Iran denied attacking Iraq.", "attacking"),
    ("Iran urged Iraq to withdraw.", "withdraw"),
    ("Iran told Iraq to withdraw.", "withdraw"),
    ("Iran announced a plan to attack Iraq.", "attack"),
    ("Russia rejected accusations that it had supplied weapons to Syria.", "supplied"),
    ("If Iran attacks Iraq, Egypt will act.", "attacks"),
    ("Iran avoided meeting Iraq.", "meeting"),
])
def test_deeds_negated_alleged_asked_for_or_planned(text, word):
    assert not asserted(verb(text, word))


@pytest.mark.parametrize("text", ["Chirac's visit to Algeria was postponed.",
                                  "The talks between Iran and Iraq were called off.",
                                  "Israel called off its attack on Lebanon."])
def test_what_was_postponed_or_called_off_did_not_take_place(text):
    assert not any(t in ("VISITS", "NEGOTIATES_WITH", "ATTACKS") for _, t, _ in facts(extract_text(text))), text


@pytest.mark.parametrize("text", ["Talks between Iran and Iraq have yet to begin.",
                                  "Talks between Iran and Iraq are expected to begin on Monday.",
                                  "Talks between Iran and Iraq are due to open in Geneva.",
                                  "Israel is unlikely to attack Iran."])
def test_what_is_yet_to_come_or_unlikely_is_not_done(text):
    assert not facts(extract_text(text)), text


def test_talks_that_began_are_held_and_setting_a_stage_is_no_mood():
    assert facts(extract_text("Talks between Iran and Iraq began on Monday."))
    # what is expected of an agreement is not whether it was made
    assert facts(extract_text("The agreement between Iran and Iraq is expected to resolve the matter."))
    assert facts(extract_text("Turkey was able to attack Syria."))


def test_what_there_was_none_of_is_not_done():
    assert not any(t == "AGREES_WITH" for _, t, _ in facts(extract_text(
        "The talks, mediated by Algeria, ended without agreement between Iran and the United States.")))
    assert not facts(extract_text("The lack of talks between Iran and Iraq worried Washington."))
    assert ("Iran", "ATTACKS", "Iraq") in facts(extract_text("Iran attacked Iraq without warning."))
