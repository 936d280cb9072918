"""kg.scenes: where a deed happened is its target when no one is named."""
from nlp_fixtures import extract_text, facts


def located(text):
    graph = extract_text(text)
    names = {e.id: e.name for e in graph.entities}
    return {(names[r.source], r.type, names[r.target]) for r in graph.relations
            if r.properties.get("target_role") == "location"}


def test_a_withdrawal_or_an_intended_coercion_is_coded_against_where_it_happens():
    assert ("Russia", "RETREATS", "Chechnya") in located("Russia withdrew its troops in Chechnya.")
    assert ("Iraq", "THREATENS", "Baghdad") in located("The Iraqi government plans to impose martial law in Baghdad.")


def test_a_deed_done_to_someone_unnamed_is_not_against_the_place():
    assert located("Iran plans to attack government troops in Basra.") == set()


def test_where_a_visit_is_made_is_what_it_visits():
    found = facts(extract_text("The Indian prime minister arrived in Bangladesh for a two-day visit."))
    assert ("India", "VISITS", "Bangladesh") in found
    assert not any(t == "MEETS_WITH" and o == "Paris" for _, t, o in facts(extract_text("Kohl and Mitterrand met in Paris.")))
