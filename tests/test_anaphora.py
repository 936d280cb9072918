"""Pronouns that continue a subject (kg.anaphora), read through the whole extractor."""
import pytest
from nlp_fixtures import extract_text, facts, load_model

from kg.anaphora import antecedent


@pytest.mark.parametrize("text, fact", [
    ("Egypt recalled its ambassador on Monday. It accused Israel of violating the treaty.",
     ("Egypt", "ACCUSES", "Israel")),
    ("The United States this week signaled it is pressing Japan to open its markets.",
     ("United States", "DEMANDS", "Japan")),
    ("Iran and Iraq met in Geneva. They agreed to exchange prisoners.", ("Iran", "AGREES_WITH", "Iraq")),
    ("Iran said Iraq had attacked it.", ("Iraq", "ATTACKS", "Iran")),
    ("Britain froze Iranian assets on Monday. Iran accused it of piracy.", ("Iran", "ACCUSES", "United Kingdom")),
])
def test_a_pronoun_is_the_subject_it_continues(text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.parametrize("text", [
    # "they" is not a state named in the singular
    "The United States continues to stand with the Iraqi people as they confront Iran.",
    # a subject kg cannot name stops the search: "It" is not Egypt
    "Egypt recalled its ambassador. The company said profits rose. It accused Israel of fraud.",
    # a person is no "it"
    "President Mubarak arrived on Monday. It accused Israel of violating the treaty.",
])
def test_a_pronoun_takes_no_name_it_cannot_continue(text):
    assert not any(t == "ACCUSES" and s != "Iran" for s, t, _ in facts(extract_text(text)))


def test_an_object_pronoun_is_never_its_own_clause_subject():
    doc = load_model()("Iraq attacked it. Iraq shelled them.")
    assert antecedent(doc[2]) is None
    assert antecedent(doc[6]) is None  # "Iraq" of the sentence before is singular
    assert not facts(extract_text("Iraq attacked it."))
    # nor the subject its clause shares with the one it is joined to
    doc = load_model()("Kerry raised the issue and urged him to act.")
    assert antecedent(doc[6]) is None


@pytest.mark.parametrize("text, fact", [
    ("After her talks with Ryzhkov, Thatcher flew home.", ("Ryzhkov", "NEGOTIATES_WITH", "Thatcher")),
    ("In his speech on Monday, Reagan praised Egypt's efforts.", ("Reagan", "SUPPORTS", "Egypt")),
])
def test_a_possessive_in_an_opening_adjunct_is_the_subject_after_it(text, fact):
    assert fact in facts(extract_text(text))


def test_a_possessive_after_a_subject_is_no_cataphor():
    from kg.anaphora import cataphor
    doc = load_model()("Iraq said its forces attacked Kuwait.")
    assert cataphor(doc[2]) is None


@pytest.mark.parametrize("text, fact", [
    ("Israel's foreign minister said his country would not negotiate with the PLO.",
     ("Israel", "REJECTS", "Palestine Liberation Organization")),
    ("The Iraqi ambassador said his government would attack Kuwait.", ("Iraq", "THREATENS", "Kuwait")),
])
def test_his_country_is_the_state_he_speaks_for(text, fact):
    assert fact in facts(extract_text(text))
