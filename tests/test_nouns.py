"""kg.nouns: relations said by nouns, through the whole extractor."""
import pytest
from nlp_fixtures import extract_text, facts


@pytest.mark.parametrize("text, fact", [
    ("Syria came under attack from Israeli jets.", ("Israel", "ATTACKS", "Syria")),
    ("The U.N. convoy came under fire from Serb forces near Sarajevo.", ("Serb forces", "ATTACKS", "United Nations")),
])
def test_who_comes_under_attack_is_its_target(text, fact):
    assert fact in facts(extract_text(text))
    assert not facts(extract_text("Syria did not come under attack from Israel."))


def test_an_attack_from_who_bears_no_arms_is_one_in_words():
    found = facts(extract_text("The European Community has come under attack from the United States for its farm subsidies."))
    assert ("United States", "CRITICIZES", "European Community") in found and not any(t == "ATTACKS" for _, t, _ in found)


def test_aid_a_light_verb_will_give_is_offered_not_given():
    found = facts(extract_text("The European Union will provide food aid to refugees fleeing the fighting in Sudan."))
    assert ("European Union", "OFFERS", "refugees fleeing the fighting in Sudan") in found
    assert not any(t == "AIDS" for _, t, _ in found)
    assert ("European Union", "AIDS", "Sudan") in facts(extract_text("The European Union provided food aid to Sudan."))


@pytest.mark.parametrize("text", [
    "Fierce fighting broke out between Ethiopian and Eritrean troops.",
    "Fighting between Ethiopian and Eritrean troops killed ten people.",  # a gerund in the parse
])
def test_fighting_that_breaks_out_between_two_is_between_them(text):
    found = facts(extract_text(text))
    assert {("Ethiopia", "FIGHTS", "Eritrea"), ("Eritrea", "FIGHTS", "Ethiopia")} <= found
    assert not facts(extract_text("No fighting broke out between Ethiopian and Eritrean troops."))


@pytest.mark.parametrize("text", [
    "Hamas repeated its demand that Israel withdraw from Gaza.",
    "Hamas insisted on its demand that Israel withdraw from Gaza.",  # its own, though the object of a preposition
])
def test_a_demand_that_someone_act_is_made_of_them(text):
    assert ("Hamas", "DEMANDS", "Israel") in facts(extract_text(text))


def test_an_armed_attack_on_something_unnamed_is_located_where_it_was():
    graph = extract_text("The United States condemns the ISIL attack on a market in Baghdad.")
    assert ("Islamic State", "ATTACKS", "Baghdad") in facts(graph)
    # an attack in words by unarmed people is located nowhere
    words = extract_text("Polish trade union leaders joined attacks on a wage freeze in Warsaw.")
    assert not any(t == "ATTACKS" for _, t, _ in facts(words))


def test_who_is_killed_in_an_attack_by_someone_is_attacked_by_them():
    found = facts(extract_text("Three Israeli soldiers were killed in an attack by Hezbollah guerrillas."))
    assert ("Hezbollah", "ATTACKS", "Israel") in found
    assert not facts(extract_text("No Israeli soldiers were killed in an attack by Hezbollah guerrillas."))
