"""Organisations by how news copy writes them: teams in result tables, companies by their legal form,
bodies by their head word, and abbreviations defined in parentheses."""
from nlp_fixtures import extract_text, typed


def mention_texts(graph, name: str) -> list[str]:
    return [m.text for e in graph.entities if e.name == name for m in e.mentions]


def test_teams_in_a_standings_table_are_organisations_not_towns():
    graph = extract_text("Oxford 4 1 0 3 6 5 3\nLincoln 4 1 2 1 5 5 5\nMansfield 4 0 2 2 2 6 2")
    assert {("Oxford", "Organisation"), ("Lincoln", "Organisation"), ("Mansfield", "Organisation")} <= typed(graph)
    assert not any(t == "Place" for _, t in typed(graph))


def test_a_national_side_in_a_result_line_stays_its_state():
    graph = extract_text("Japan 2 Syria 1\nKuwait 0 Iran 3")
    assert {("Japan", "State"), ("Syria", "State")} <= typed(graph)


def test_a_name_ending_in_a_legal_form_is_a_company_where_ner_missed_it():
    graph = extract_text("TALMORE REPORTS GAINS\n\nTalmore Inc said its revenues for the\n"
                         "third quarter ended February 28 were up 21 pct to 14.1 mln dlrs.")
    assert ("Talmore Inc", "Organisation") in typed(graph)


def test_a_company_name_starts_after_a_sentence_s_first_word_before_of():
    graph = extract_text("Shares of Corvane Systems Inc rose.")
    assert {e.name for e in graph.entities} == {"Corvane Systems Inc"}


def test_a_person_of_a_firm_is_not_part_of_the_firm_s_name():
    graph = extract_text('"Policy is on hold," said John Williams of Bankers Trust Co.')
    assert {("John Williams", "Person"), ("Bankers Trust Co.", "Organisation")} <= typed(graph)
    assert ("Gold Fields of South Africa Ltd", "Organisation") in typed(extract_text("Gold Fields of South Africa Ltd said profits rose."))


def test_a_person_s_name_ending_in_a_body_s_head_word_is_the_body():
    assert ("Carlton Wanderers", "Organisation") in typed(extract_text("He played for Carlton Wanderers before the war."))


def test_an_abbreviation_defined_in_parentheses_is_the_body():
    graph = extract_text("The Pacific Fisheries Council ( PFC ) said on Friday it would meet .")
    assert mention_texts(graph, "Pacific Fisheries Council") == ["Pacific Fisheries Council", "PFC"]


def test_an_abbreviation_the_model_took_for_a_person_is_still_the_body():
    graph = extract_text("Police jailed 20 members of the banned Movement for the Liberation of the Southern Region"
                         " (MLSR) on Monday.")
    body = "Movement for the Liberation of the Southern Region"
    assert mention_texts(graph, body) == [body, "MLSR"] and not any(e.name == "MLSR" for e in graph.entities)


def test_an_abbreviation_whose_letters_do_not_fit_is_not_the_body():
    graph = extract_text("Earlier on Sunday , rebels and Kivu Democratic Party ( KVP ) fighters took the town .")
    assert "KVP" not in mention_texts(graph, "Kivu Democratic Party")


def test_a_name_described_as_a_kind_of_body_is_that_body():
    assert ("Kayhan", "Organisation") in typed(extract_text("The Iranian newspaper Kayhan said talks failed ."))
    assert ("Borlan", "Organisation") in typed(extract_text(
        "The domestic Borlan news agency said the government would consider the demand ."))


def test_a_person_after_a_role_noun_is_not_made_a_body():
    assert ("John Wells", "Person") in typed(extract_text('" Prices will rise , " said broker John Wells .'))
    assert ("Satoshi Sumita", "Person") in typed(extract_text("The central bank Governor Satoshi Sumita said rates would stay ."))


def test_a_legal_form_alone_is_no_company():
    graph = extract_text("He was employed by Cayzer Irvine\nand Co Ltd. He is to appear in court.")
    assert not any(e.name.startswith("Co ") for e in graph.entities)
