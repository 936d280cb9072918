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
