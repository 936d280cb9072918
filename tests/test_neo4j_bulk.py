"""`kg load --bulk` against a real Neo4j server: the same database as a merging load, and only into an empty one."""
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.graph import dumps
from neo4j_fixtures import reuters, syria, union_graphs
from test_neo4j_sync import dump, wipe

pytestmark = pytest.mark.neo4j


def test_bulk_load_makes_the_database_a_merging_load_makes_and_refuses_a_non_empty_one(tmp_path, neo4j_db):
    graph = tmp_path / "graph.json"
    graph.write_text(dumps(union_graphs(syria(), reuters())), encoding="utf-8")
    uri = ["--backend", "neo4j", "--uri", neo4j_db.settings.uri]
    merged = CliRunner().invoke(main, ["load", str(graph), *uri])
    assert merged.exit_code == 0, merged.output
    expected = dump(neo4j_db.driver)
    wipe(neo4j_db.driver)
    bulk = CliRunner().invoke(main, ["load", str(graph), *uri, "--bulk", "--batch-size", "7"])
    assert bulk.exit_code == 0, bulk.output
    assert dump(neo4j_db.driver) == expected
    again = CliRunner().invoke(main, ["load", str(graph), *uri, "--bulk"])
    assert again.exit_code == 1
    assert "is not empty: a bulk load creates a new database's graph (drop --bulk to merge" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    assert dump(neo4j_db.driver) == expected


def test_bulk_needs_the_neo4j_backend(tmp_path):
    result = CliRunner().invoke(main, ["load", str(tmp_path / "g.json"), "--bulk"])
    assert result.exit_code == 2 and "--bulk loads into Neo4j: add --backend neo4j" in result.stderr
