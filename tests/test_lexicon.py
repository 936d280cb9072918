import json

import pytest

from kg.lexicon import LexiconError, load_lexicon


def test_bundled_vocabulary_has_the_types_users_named():
    lex = load_lexicon()
    for name in ("NEGOTIATES_WITH", "DENIES", "BROKERED", "HOLDS_ROLE", "LOCATED_IN", "ALLIED_WITH", "MEETS_WITH",
                 "ACCUSES", "CRITICIZES", "ATTACKS", "SUPPORTS", "OPPOSES", "AGREES_WITH", "COOPERATES_WITH",
                 "THREATENS", "STATES_TO"):
        assert name in lex.types
    assert {"NEGOTIATES_WITH", "MEETS_WITH", "ALLIED_WITH", "COOPERATES_WITH", "AGREES_WITH"} <= lex.symmetric
    assert "ATTACKS" not in lex.symmetric


def test_a_user_file_extends_the_vocabulary(tmp_path):
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({"types": {"PRAISES": {"verbs": ["laud", "extol"]},
                                           "ATTACKS": {"verbs": ["pummel"]}}}))
    lex = load_lexicon(str(extra))
    assert [t.name for t in lex.verb_types("extol")] == ["PRAISES"]
    assert "pummel" in lex.types["ATTACKS"].verbs and "attack" in lex.types["ATTACKS"].verbs


@pytest.mark.parametrize("content, message", [
    ("{", "cannot read lexicon"),
    ('{"verbs": []}', "needs an object with a 'types' object"),
    ('{"types": {"bad-name": {}}}', "UPPER_SNAKE_CASE"),
    ('{"types": {"MEETS_WITH": {"hosts": ["host"]}}}', "hosts must be an object"),
    ('{"types": {"DENIES": {"claimants_as": "SCOFFS_AT"}}}', "claimants_as 'SCOFFS_AT' is no relation type"),
])
def test_broken_lexicons_are_named(tmp_path, content, message):
    path = tmp_path / "lex.json"
    path.write_text(content)
    with pytest.raises(LexiconError, match=message):
        load_lexicon(str(path))
