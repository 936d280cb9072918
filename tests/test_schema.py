"""kg.schema: one rule for relation-type names, and record builders that round-trip."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import SchemaError
from kg.graph import to_json
from kg.loaders.networkx_loader import from_networkx, to_networkx
from kg.model import Document, Entity, Evidence, Graph, Mention, Relation
from kg.schema import (check_type_name, document_from_record, document_record, evidence_from_record,
                       evidence_record, mention_from_record, mention_record, relation_props, relation_qualifiers)

UNREACHABLE = "bolt://127.0.0.1:9"  # nothing listens: a load that gets past the checks fails to connect


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("name", ["ÉCRASE", "Attacks", "_X", "9LIVES", "A-B", "A B", "ＡＢ", "", "MEETS\n"])
def test_names_outside_the_ascii_rule_are_refused(name):
    with pytest.raises(SchemaError, match="not UPPER_SNAKE_CASE"):
        check_type_name(name)


@pytest.mark.parametrize("name", ["MEETS_WITH", "G7_SUMMIT", "A", "X_"])
def test_names_inside_the_rule_pass(name):
    assert check_type_name(name) == name


def _files(tmp_path, rtype: str):
    lexicon = tmp_path / "lex.json"
    lexicon.write_text(json.dumps({"types": {rtype: {"verbs": ["squash"]}}}), encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Russia squashed Syria.", encoding="utf-8")
    graph = Graph((Document("a.txt", "a.txt"),),
                  (Entity("state:russia", "Russia", "State"), Entity("state:syria", "Syria", "State")),
                  (Relation("state:russia", rtype, "state:syria", (Evidence("a.txt", 0, 22, "Russia squashed Syria."),)),))
    graph_file = tmp_path / "g.json"
    graph_file.write_text(json.dumps(to_json(graph)), encoding="utf-8")
    return lexicon, article, graph_file


def test_one_rule_for_a_non_ascii_type_in_lexicon_load_and_export(tmp_path):
    """Before kg.schema, --lexicon took ÉCRASE (str.isalpha) that kg load and the cypher export refused."""
    lexicon, article, graph_file = _files(tmp_path, "ÉCRASE")
    runs = {"extract": run("extract", article, "--lexicon", lexicon, "-o", tmp_path / "out.json", "--quiet"),
            "load": run("load", graph_file, "--lexicon", lexicon, "--backend", "neo4j", "--uri", UNREACHABLE),
            "export": run("export", graph_file, "--format", "cypher", "--lexicon", lexicon, "-o", tmp_path / "g.cypher")}
    for command, result in runs.items():
        assert result.exit_code == 1, (command, result.output)
        assert "'ÉCRASE' is not UPPER_SNAKE_CASE" in result.output and str(lexicon) in result.output, command
        assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1, command
    assert not (tmp_path / "out.json").exists() and not (tmp_path / "g.cypher").exists()


def test_one_rule_for_a_type_with_digits_in_lexicon_load_and_export(tmp_path):
    """Before kg.schema, --lexicon refused G7_SUMMIT (letters only) that kg load and the exports took."""
    lexicon, article, graph_file = _files(tmp_path, "G7_SUMMIT")
    assert run("extract", article, "--lexicon", lexicon, "-o", tmp_path / "out.json", "--quiet").exit_code == 0
    exported = run("export", graph_file, "--format", "cypher", "--lexicon", lexicon, "-o", tmp_path / "g.cypher")
    assert exported.exit_code == 0, exported.output
    assert "MERGE (s)-[r:G7_SUMMIT]->(t)" in (tmp_path / "g.cypher").read_text(encoding="utf-8")
    loaded = run("load", graph_file, "--lexicon", lexicon, "--backend", "neo4j", "--uri", UNREACHABLE)
    assert loaded.exit_code == 1 and "cannot reach Neo4j" in loaded.output  # past the schema checks


def test_records_round_trip():
    doc = Document("a.txt", "in/a.txt", title="T", date="2016-09-20", content_hash="h")
    mention = Mention("a.txt", 3, 9, "Moscow")
    evidence = Evidence("a.txt", 0, 20, "Moscow denied it.", date=None)
    assert document_from_record(document_record(doc)) == doc
    assert document_from_record({"id": "b.txt"}) == Document("b.txt", "b.txt")
    assert mention_from_record(mention_record(mention)) == mention
    assert evidence_from_record(evidence_record(evidence)) == evidence and "date" not in evidence_record(evidence)


def test_qualifiers_named_like_stored_keys_survive_the_encoding():
    qualifiers = {"role": "envoy", "id": "x", "evidence": "y", "property_of": "z"}
    stored = {"id": "R:a->b", "confidence": 0.5, "evidence": [], **relation_props(qualifiers)}
    assert relation_qualifiers(stored) == qualifiers


def test_networkx_shape_round_trips_through_the_records():
    doc = Document("a.txt", "a.txt", publisher="P")
    graph = Graph((doc,), (Entity("state:x", "X", "State", (), (Mention("a.txt", 0, 1, "X"),)),), ())
    assert from_networkx(to_networkx(graph)) == graph
