"""`kg query` and `kg load` through the real CLI (click's runner on kg.cli.main)."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from neo4j_fixtures import SYRIA

from kg.cli import main
from kg.loaders.neo4j_loader import database_counts
from kg.queries import run_query

INJECTION = "'}) DETACH DELETE n //"


def kg(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def neo4j_args(settings) -> list[str]:
    args = ["--uri", settings.uri]
    if settings.password:
        args += ["--username", settings.username or "neo4j", "--password", settings.password]
    if settings.database:
        args += ["--database", settings.database]
    return args


def assert_one_line_error(result, text: str):
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: ") and text in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_list_names_every_query_and_its_parameters():
    result = kg("query", "--list")
    assert result.exit_code == 0
    for name in ("negotiations", "denials", "brokered", "roles", "entity", "path", "co_mentions", "timeline",
                 "top_entities"):
        assert f"\n{name}: " in "\n" + result.output
    assert "person (str, required)" in result.output and "hops (int, default 1)" in result.output


def test_formats_carry_the_library_rows():
    expected = run_query("brokered", {}, graph=SYRIA)
    as_json = kg("query", "brokered", "--graph", str(SYRIA), "--format", "json")
    assert as_json.exit_code == 0 and json.loads(as_json.output) == expected
    as_csv = kg("query", "brokered", "--graph", str(SYRIA), "--format", "csv")
    table = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert [(r["source"], r["target"], r["docs"]) for r in table] == [(r["source"], r["target"], r["docs"][0]) for r in expected]
    as_table = kg("query", "roles", "-p", "person=Sergei Lavrov", "--graph", str(SYRIA))
    lines = as_table.output.splitlines()
    assert lines[0].split() == ["person", "name", "role", "of_name", "found_as"] and len(lines) == 3
    assert "Foreign Minister" in lines[2] and "Russia" in lines[2] and "HOLDS_ROLE" in lines[2]


def test_a_table_shows_names_where_rows_have_long_ids():
    table = kg("query", "timeline", "--graph", str(SYRIA)).output.splitlines()
    rows = json.loads(kg("query", "timeline", "--graph", str(SYRIA), "--format", "json").output)
    assert table[0].split() == ["date", "source_name", "type", "target_name", "docs"]
    assert any(r["target"].startswith("event:") for r in rows) and not any("event:" in line for line in table)


@pytest.mark.parametrize("args, text", [
    (["query", "nope"], "unknown query 'nope': one of brokered, central, co_mentions"),
    (["query", "roles"], "query 'roles' needs the parameter person (id, name or alias (any case) of a Person) "
                         "(give it with --param person=...)"),
    (["query", "roles", "--param", "person"], "--param needs KEY=VALUE, got 'person'"),
    (["query", "roles", "-p", "person=x", "-p", "limit=3"], "query 'roles' has no parameter 'limit'"),
    (["query", "timeline", "-p", "type=DENIES]->() DETACH DELETE r"], "not UPPER_SNAKE_CASE"),
    (["query", "--cypher", "RETURN 1", "--backend", "networkx"], "--cypher runs ad-hoc Cypher on Neo4j"),
    (["query", "--cypher", "RETURN 1"], "give --backend neo4j"),
    (["query", "negotiations", "--graph", "no/such.json"], "no/such.json: no such file"),
    (["load", "no/such.json"], "no/such.json: no such file"),
])
def test_bad_input_is_one_line_and_exit_1(args, text):
    if args[0] == "query" and "--graph" not in args:
        args = [*args, "--graph", str(SYRIA)]
    assert_one_line_error(kg(*args), text)


def test_a_server_that_is_down_is_one_line_and_exit_1():
    result = kg("load", str(SYRIA), "--backend", "neo4j", "--uri", "bolt://127.0.0.1:9")
    assert_one_line_error(result, "cannot reach Neo4j at bolt://127.0.0.1:9: is the server running?")
    result = kg("query", "negotiations", "--backend", "neo4j", env={"NEO4J_URI": "bolt://127.0.0.1:9"})
    assert_one_line_error(result, "scripts/neo4j-local start")


def test_load_into_networkx_writes_json_and_graphml(tmp_path):
    result = kg("load", str(SYRIA), "--backend", "networkx", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    rows = kg("query", "denials", "--graph", str(tmp_path / "out" / "graph.graphml"), "--format", "json")
    assert json.loads(rows.output) == run_query("denials", {}, graph=SYRIA)


@pytest.mark.neo4j
def test_load_then_query_on_neo4j_gives_the_networkx_rows(neo4j_db):
    conn = neo4j_args(neo4j_db.settings)
    first = kg("load", str(SYRIA), "--backend", "neo4j", "--batch-size", "4", *conn)
    assert first.exit_code == 0 and first.output.startswith("loaded 22 nodes and 36 relationships in ")
    before = database_counts(neo4j_db.driver, database=neo4j_db.settings.database)
    assert kg("load", str(SYRIA), "--backend", "neo4j", *conn).exit_code == 0
    assert database_counts(neo4j_db.driver, database=neo4j_db.settings.database) == before
    for name, params in (("negotiations", []), ("roles", ["-p", "person=lavrov"]), ("roles", ["-p", "person=Sergei Lavrov"]),
                         ("path", ["-p", "source=Aleppo", "-p", "target=John Kerry"]), ("top_entities", ["-p", "limit=5"])):
        remote = kg("query", name, *params, "--backend", "neo4j", "--format", "json", *conn)
        local = kg("query", name, *params, "--graph", str(SYRIA), "--format", "json")
        assert remote.exit_code == 0 and json.loads(remote.stdout) == json.loads(local.stdout)


@pytest.mark.neo4j
def test_param_and_cypher_injection_change_nothing(neo4j_db):
    conn = neo4j_args(neo4j_db.settings)
    assert kg("load", str(SYRIA), "--backend", "neo4j", *conn).exit_code == 0
    before = database_counts(neo4j_db.driver, database=neo4j_db.settings.database)
    for name, key in (("entity", "entity"), ("denials", "entity"), ("path", "source")):
        params = ["-p", f"{key}={INJECTION}"] + (["-p", "target=Russia"] if name == "path" else [])
        result = kg("query", name, *params, "--backend", "neo4j", "--format", "json", *conn)
        assert result.exit_code == 0 and json.loads(result.stdout) == []  # a note on stderr names the unknown entity
    write = kg("query", "--cypher", "MATCH (n) DETACH DELETE n", "--backend", "neo4j", *conn)
    assert_one_line_error(write, "the query tries to write, but queries run read-only")
    assert database_counts(neo4j_db.driver, database=neo4j_db.settings.database) == before
    ok = kg("query", "--cypher", "MATCH (n:Entity {id: $id}) RETURN n.name AS name", "-p", "id=state:syria",
            "--format", "csv", "--backend", "neo4j", *conn)
    assert ok.exit_code == 0 and ok.output == "name\nSyria\n"


@pytest.mark.neo4j
def test_wrong_password_and_unknown_database_are_one_line(neo4j_auth_uri, neo4j_server):
    secret = "Wr0ng-Secret"
    result = kg("load", str(SYRIA), "--backend", "neo4j", "--uri", neo4j_auth_uri, "--password", secret)
    assert_one_line_error(result, "refused the credentials of user 'neo4j': check NEO4J_USERNAME and NEO4J_PASSWORD")
    assert secret not in result.output
    result = kg("query", "top_entities", "--backend", "neo4j", "--database", "nosuchdb", *neo4j_args(neo4j_server)[:2])
    assert_one_line_error(result, "has no database 'nosuchdb': check NEO4J_DATABASE")



@pytest.mark.neo4j
def test_build_with_the_neo4j_backend_loads_what_it_wrote(neo4j_db, tmp_path):
    from kg.graph import read_graph
    from kg.loaders.networkx_loader import to_networkx

    article = SYRIA.parent.parent.parent / "samples" / "washington-times-2016-09-20-syria-talks.txt"
    result = kg("build", str(article), "--out", str(tmp_path), "-q", "--backend", "neo4j", *neo4j_args(neo4j_db.settings))
    assert result.exit_code == 0, result.output
    g = to_networkx(read_graph(tmp_path / "graph.json"))
    assert f"loaded {g.number_of_nodes()} nodes and {g.number_of_edges()} relationships" in result.output
    got = database_counts(neo4j_db.driver, database=neo4j_db.settings.database)
    assert (got["nodes"], got["relationships"]) == (g.number_of_nodes(), g.number_of_edges())


def test_a_name_no_entity_has_is_said_on_stderr_with_the_closest_names():
    result = CliRunner().invoke(main, ["query", "roles", "-p", "person=Sergey Lavrov", "--graph", str(SYRIA)])
    assert result.exit_code == 0 and result.stdout.strip() == "(no rows)"
    assert result.stderr.strip() == "note: no entity is named 'Sergey Lavrov' (person); closest: Sergei Lavrov"
    found = CliRunner().invoke(main, ["query", "negotiations", "-p", "entity=Russia", "--graph", str(SYRIA)])
    assert found.exit_code == 0 and found.stderr == ""


def test_a_date_that_is_not_iso_is_an_error():
    assert_one_line_error(kg("query", "timeline", "-p", "since=September", "--graph", str(SYRIA)),
                          "timeline: since must be an ISO date (2016, 2016-09 or 2016-09-20), not 'September'")


def test_the_list_gives_whole_descriptions():
    listing = kg("query", "--list").output
    summaries = [line for line in listing.splitlines() if not line.startswith(" ")]
    assert summaries and all(line.endswith(".") for line in summaries), summaries
    assert "not through documents" in listing


def test_analytics_queries_from_the_cli():
    found = json.loads(kg("query", "search", "-p", "q=Jon Kery", "--graph", str(SYRIA), "--format", "json").output)
    assert [r["name"] for r in found] == ["John Kerry"]
    central = kg("query", "central", "-p", "limit=2", "--graph", str(SYRIA))
    assert central.exit_code == 0 and central.output.splitlines()[2].startswith("state:russia")
    refused = kg("load", str(SYRIA), "--analytics")  # the networkx backend stores no properties
    assert refused.exit_code == 1 and "add --backend neo4j" in refused.output and len(refused.output.splitlines()) == 1
