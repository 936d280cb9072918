"""kg.protests: deeds done in protest, against whom the phrase names."""
import pytest
from nlp_fixtures import extract_text, facts


@pytest.mark.parametrize("text, fact", [
    ("Iran recalled its ambassador in protest at the French decision.", ("Iran", "CRITICIZES", "France")),
    ("South Korean activists staged rallies in defiance of the Chinese authorities.",
     ("South Korea", "PROTESTS", "China")),
    ("Kenyan officials went on strike in protest of the Ugandan government's decision.", ("Kenya", "PROTESTS", "Uganda")),
])
def test_a_deed_in_protest_is_said_against_whom_the_phrase_names(text, fact):
    assert fact in facts(extract_text(text))


def test_a_deed_not_done_protests_nothing():
    graph = extract_text("Iran did not recall its ambassador in protest at the French decision.")
    assert not any(t in ("CRITICIZES", "PROTESTS") for _, t, _ in facts(graph))


def test_a_strike_in_protest_is_a_protest_only_not_also_a_complaint():
    found = facts(extract_text("Solidarity staged a hunger strike in protest of the Polish government's policies."))
    assert ("Solidarity", "PROTESTS", "Poland") in found and not any(t == "CRITICIZES" for _, t, _ in found)


@pytest.mark.parametrize("text", [
    "Solidarity went on strike against the Polish government.",
    "Solidarity staged a sit-in against the Polish government.",
    "Solidarity called a general strike against the Polish government.",
])
def test_a_deed_that_is_a_protest_protests_against_whom_it_names(text):
    assert ("Solidarity", "PROTESTS", "Poland") in facts(extract_text(text))


def test_a_strike_launched_against_someone_may_be_an_attack_and_is_no_protest():
    found = facts(extract_text("Israeli jets launched a strike against Hamas."))
    assert ("Israel", "ATTACKS", "Hamas") in found and not any(t == "PROTESTS" for _, t, _ in found)
    assert not facts(extract_text("Solidarity did not go on strike against the Polish government."))


@pytest.mark.parametrize("text, fact", [
    ("Ali Hassan started a hunger strike yesterday to protest President Mubarak's failure to hold elections.",
     ("Ali Hassan", "PROTESTS", "Mubarak")),
    ("Syrian farmers blocked roads to protest President Assad's decision.", ("Syrian farmers", "PROTESTS", "Assad")),
])
def test_a_deed_done_to_protest_something_is_a_protest_against_its_owner(text, fact):
    assert fact in facts(extract_text(text))


def test_a_deed_done_to_protest_that_is_no_protest_stays_a_complaint():
    found = facts(extract_text("Germany recalled its ambassador to protest Iran's decision."))
    assert ("Germany", "CRITICIZES", "Iran") in found and not any(t == "PROTESTS" for _, t, _ in found)


@pytest.mark.parametrize("text, fact", [
    ("Thousands of Basques demonstrated in Bilbao on Sunday calling for independence from Spain.",
     ("Basques", "PROTESTS", "Spain")),
    ("Hundreds of Palestinian students marched in Gaza demanding the resignation of Mahmoud Abbas.",
     ("Palestinian students", "PROTESTS", "Mahmoud Abbas")),
])
def test_a_protest_naming_only_its_demand_is_against_whom_the_demand_is_of(text, fact):
    found = facts(extract_text(text))
    assert fact in found and not any(t == "PROTESTS" and o in ("Bilbao", "Gaza") for _, t, o in found)


def test_a_protest_strike_attacks_no_one_and_a_rally_with_no_object_is_a_protest():
    assert not any(t == "ATTACKS" for _, t, _ in facts(extract_text("Palestinians staged a general strike in the West Bank.")))
    assert ("Kurdish students", "PROTESTS", "Ankara") in facts(extract_text("Kurdish students rallied in Ankara."))
    for text in ("Supporters of Aquino rallied behind her in Manila.", "Iraq rallied its troops near Kuwait.",
                 "Iran and Iraq gathered in Geneva."):
        assert not any(t == "PROTESTS" for _, t, _ in facts(extract_text(text))), text
