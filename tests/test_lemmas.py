"""kg.lemmas: the verb lemmas the rule lemmatizer gets wrong, mended in the pipeline."""
from kg.lemmas import mended_lemma
from kg.nlp import load_model
from nlp_fixtures import extract_text, facts


def test_the_pipeline_mends_a_dropped_e():
    nlp = load_model()
    assert "kg_verb_lemmas" in nlp.pipe_names
    lemmas = {t.text: t.lemma_ for t in nlp("Students staged rallies; they hoped it was staging a comeback.")}
    assert (lemmas["staged"], lemmas["hoped"], lemmas["staging"]) == ("stage", "hope", "stage")


def test_a_doubled_consonant_or_a_longer_stem_keeps_its_lemma():
    assert [mended_lemma(t, l) for t, l in [("hopped", "hop"), ("opened", "open"), ("boxed", "box"),
                                            ("aided", "aid"), ("is", "is")]] == ["hop", "open", "box", "aid", "is"]


def test_a_staged_protest_is_a_protest():
    # "staged" was lemmatized "stag", which is no light verb: the protest had no one staging it
    assert ("Kenya", "PROTESTS", "United Kingdom") in facts(extract_text("Kenya staged protests against Britain."))


def test_what_someone_hoped_to_do_is_not_done():
    graph = extract_text("Iran hoped to sign a deal with Iraq.")
    assert not any(r in ("AGREES_WITH", "SIGNS") for _, r, _ in facts(graph))
