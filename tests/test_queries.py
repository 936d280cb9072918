"""queries/: the catalog's checks, the NetworkX answers on real graphs, and parity with Neo4j."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from neo4j_fixtures import reuters, syria, union_graphs

from kg.graph import read_graph
from kg.loaders.neo4j_conn import Neo4jBackendError
from kg.loaders.neo4j_loader import database_counts, load_graph
from kg.loaders.networkx_loader import to_networkx
from kg.queries import QueryError, get_query, query_names, run_cypher, run_query

NAMES = ["brokered", "central", "co_mentions", "communities", "denials", "entity", "events", "negotiations", "path",
         "roles", "search", "timeline", "top_entities"]
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DOC = "washington-times-2016-09-20-syria-talks.txt"


def rows(name, params=None, graph=None):
    return run_query(name, params or {}, graph=graph if graph is not None else syria())


def pairs(result, a="source", b="target"):
    return [(r[a], r[b]) for r in result]


# --- the catalog --------------------------------------------------------------------------

def test_the_queries_each_declare_their_parameters():
    assert list(query_names()) == NAMES
    for name in NAMES:
        q = get_query(name)
        assert q.summary and q.text.lstrip().startswith(f"// {name}:")
        for p in q.params:
            assert f"${p.name}" in q.text or name == "search" and p.name == "q", (name, p.name)


@pytest.mark.parametrize("name", ["nope", "negotiations; MATCH (n) DETACH DELETE n", "../run", "Negotiations", "", None])
def test_a_query_name_outside_the_catalog_is_refused(name):
    with pytest.raises(QueryError, match="unknown query"):
        run_query(name, {}, graph=syria())


@pytest.mark.parametrize("params, message", [
    ({"who": "x"}, "query 'roles' has no parameter 'who' \\(its parameters: person\\)"),
    ({}, "query 'roles' needs the parameter person"),
])
def test_parameters_are_checked_by_name(params, message):
    with pytest.raises(QueryError, match=message):
        run_query("roles", params, graph=syria())


@pytest.mark.parametrize("name, params, message", [
    ("entity", {"entity": "Russia", "hops": "two"}, "hops must be a whole number"),
    ("entity", {"entity": "Russia", "hops": 0}, "hops must be between 1 and 2"),
    ("top_entities", {"limit": "-1"}, "limit must be at least 1"),
    ("top_entities", {"type": "Country"}, "type must be one of Person, State"),
    ("timeline", {"type": "DENIES]->() DETACH DELETE r //"}, "not UPPER_SNAKE_CASE"),
    ("timeline", {"type": "LIKES"}, "not in the relation vocabulary"),
    ("timeline", {"type": "MENTIONED_IN"}, "not a relation between entities"),
    ("events", {"category": "GIFT"}, "category must be a PLOVER category, one of AGREE"),
])
def test_parameter_values_are_checked(name, params, message):
    with pytest.raises(QueryError, match=message):
        run_query(name, params, graph=syria())


# --- answers on the NetworkX graph of a real article --------------------------------------

def test_negotiations_denials_brokered():
    assert pairs(rows("negotiations")) == [("state:russia", "state:united-states")]
    assert rows("negotiations")[0]["evidence"] == 1
    assert pairs(rows("denials")) == [("state:russia", "event:attack-on-the-convoy"),
                                      ("state:syria", "event:attack-on-the-convoy")]
    assert pairs(rows("denials", {"entity": "DAMASCUS"})) == [("state:syria", "event:attack-on-the-convoy")]
    assert rows("denials")[0]["sentences"][0].startswith("Moscow and Damascus have each denied")
    assert pairs(rows("brokered")) == [("person:john-kerry", "event:peace-pact"), ("person:sergei-lavrov", "event:peace-pact")]
    assert rows("negotiations", {"entity": "Aleppo"}) == []


def test_roles_of_a_person_by_name_id_or_alias():
    # the title "Foreign Minister" found with the name is the role HOLDS_ROLE gives: one row
    expected = [{"person": "person:sergei-lavrov", "name": "Sergei Lavrov", "role": "Foreign Minister",
                 "of": "state:russia", "of_name": "Russia", "found_as": "HOLDS_ROLE"}]
    assert rows("roles", {"person": "sergei lavrov"}) == expected
    assert rows("roles", {"person": "PERSON:SERGEI-LAVROV"}) == expected
    assert [(r["role"], r["found_as"]) for r in rows("roles", {"person": "Mr. Kerry"})] == [("Secretary of State", "HOLDS_ROLE")]
    assert rows("roles", {"person": "Russia"}) == []  # a State has no roles


def test_roles_say_whether_a_row_is_a_relation_or_a_title():
    from kg.model import Entity, Evidence, Graph, Relation

    ann = Entity("person:ann", "Ann", "Person", roles=("Mayor", "Dr."))
    town = Entity("place:town", "Town", "Place")
    held = Relation("person:ann", "HOLDS_ROLE", "place:town", (Evidence("d", 0, 5, "Mayor Ann of Town"),),
                    properties={"role": "Mayor"})
    found = [(r["role"], r["of"], r["found_as"]) for r in rows("roles", {"person": "ann"}, Graph((), (ann, town), (held,)))]
    assert found == [("Dr.", None, "title"), ("Mayor", "place:town", "HOLDS_ROLE")]


def test_entity_ego_network_one_and_two_hops():
    one = rows("entity", {"entity": "Aleppo"})
    assert [(r["hop"], r["source"], r["type"], r["target"]) for r in one] == [(1, "place:aleppo", "LOCATED_IN", "state:syria")]
    two = rows("entity", {"entity": "Aleppo", "hops": "2"})
    assert [(r["hop"], r["source"], r["type"]) for r in two] == [
        (1, "place:aleppo", "LOCATED_IN"), (2, "person:bashar-assad", "HOLDS_ROLE"), (2, "state:syria", "DENIES")]


def test_path_takes_the_first_shortest_path():
    steps = rows("path", {"source": "Mr. Kerry", "target": "sergei lavrov"})
    assert [(s["from_id"], s["type"], s["direction"], s["to_id"]) for s in steps] == [
        ("person:john-kerry", "BROKERED", "->", "event:peace-pact"),
        ("event:peace-pact", "BROKERED", "<-", "person:sergei-lavrov")]
    assert rows("path", {"source": "Iraq", "target": "Russia"}) == []  # Iraq has no relations


def test_co_mentions_across_two_corpora():
    union = union_graphs(syria(), reuters())
    got = rows("co_mentions", {"min_docs": 2}, union)
    assert [(r["a_id"], r["b_id"], r["documents"]) for r in got] == [
        ("state:france", "state:russia", 2), ("state:france", "state:united-states", 2),
        ("state:russia", "state:united-states", 2)]
    assert len(rows("co_mentions", {"limit": 4}, union)) == 4


def test_timeline_by_date_range_entity_and_type():
    union = union_graphs(syria(), reuters())
    old = rows("timeline", {"until": "1987", "entity": "Washington"}, union)
    assert [(r["date"], r["source"], r["type"]) for r in old] == [
        ("1987-03-31", "person:ronald-reagan", "HOLDS_ROLE"), ("1987-03-31", "state:russia", "NEGOTIATES_WITH")]
    denied = rows("timeline", {"since": "2016-09-20", "until": "2016-09", "type": "DENIES"}, union)
    assert [r["source"] for r in denied] == ["state:russia", "state:syria"]
    assert rows("timeline", {"since": "2017"}, union) == []


def test_events_by_category_with_their_cameo_codes():
    from nlp_fixtures import extract_text
    graph = extract_text("The European Union gave aid to Romania. Russia criticized NATO. Israel withdrew troops from Lebanon.")
    aid = rows("events", {"category": "aid"}, graph)
    assert [(r["source_name"], r["type"], r["target_name"], r["cameo"]) for r in aid] == [
        ("European Union", "AIDS", "Romania", "070")]
    assert {r["category"] for r in rows("events", {}, graph)} == {"AID", "ACCUSE", "RETREAT"}
    assert [r["category"] for r in rows("events", {"entity": "Lebanon"}, graph)] == ["RETREAT"]


def test_top_entities():
    top = rows("top_entities", {"limit": "3"})
    assert [(r["id"], r["degree"]) for r in top] == [("state:russia", 5), ("person:bashar-assad", 3), ("state:syria", 3)]
    assert [r["id"] for r in rows("top_entities", {"type": "person", "limit": 1})] == ["person:bashar-assad"]


def test_central_ranks_by_pagerank_then_degree():
    top = rows("central", {"limit": 3})
    assert [r["id"] for r in top] == ["state:russia", "person:jean-marc-ayrault", "state:syria"]
    assert top[0]["pagerank"] > top[1]["pagerank"] > top[2]["pagerank"] and top[0]["degree"] == 5
    ranks = [r["pagerank"] for r in rows("central", {"limit": 100})]
    assert ranks == sorted(ranks, reverse=True) and abs(sum(ranks) - 1) < 1e-4  # every entity, one distribution
    people = sum(1 for e in syria().entities if e.type == "Person")
    assert [r["type"] for r in rows("central", {"type": "person", "limit": 100})] == ["Person"] * people


def test_communities_partition_the_related_entities():
    groups = rows("communities", {"limit": 100, "min_size": 1})
    members = [m for g in groups for m in g["members"]]
    related = {n for r in syria().relations for n in (r.source, r.target)}
    assert sorted(members) == sorted(related)  # a partition: each related entity once, the unrelated in none
    assert [g["size"] for g in groups] == sorted((g["size"] for g in groups), reverse=True)
    russia = next(g for g in groups if "state:russia" in g["members"])
    assert {"state:united-states", "person:sergei-lavrov", "person:john-kerry"} <= set(russia["members"])
    assert russia["central"][0] == "Russia" and rows("communities", {"limit": 100, "min_size": 1}) == groups  # seeded


@pytest.mark.parametrize("q, found", [
    ("Jon Kery", "person:john-kerry"), ("KERRY", "person:john-kerry"), ("lavrof", "person:sergei-lavrov"),
    ("moscow", "state:russia"), ("Bashar al-Assad", "person:bashar-assad"), ("Staffan de Mistúra", "person:staffan-de-mistura"),
])
def test_search_forgives_case_accents_and_small_misspellings(q, found):
    assert rows("search", {"q": q})[0]["id"] == found


def test_search_rows_and_what_it_does_not_match():
    assert rows("search", {"q": "moscow"}) == [{"id": "state:russia", "name": "Russia", "type": "State",
                                                 "matched": "Moscow", "edits": 0, "degree": 5}]
    assert rows("search", {"q": "Jon Kery"})[0]["edits"] == 2
    assert rows("search", {"q": "Kerry Lavrov"}) == []  # every word in one name or alias
    assert rows("search", {"q": "Rusia", "type": "Person"}) == []
    assert rows("search", {"q": "xq"}) == rows("search", {"q": "  '' "}) == []  # short words match exactly; no words, no rows
    with pytest.raises(QueryError, match="needs the parameter q"):
        rows("search", {})


# --- parity with Neo4j ---# --- parity with Neo4j --------------------------------------------------------------------

def parity_cases(graph) -> list[tuple[str, dict]]:
    """Every query, with parameters taken from the graph itself so that most return rows."""
    g = to_networkx(graph)
    top = [r["name"] for r in run_query("top_entities", {"limit": 4}, graph=g)]
    people = [r["name"] for r in run_query("top_entities", {"type": "Person", "limit": 2}, graph=g)]
    dates = sorted({d.date for d in graph.documents if d.date})
    cases = [("negotiations", {}), ("denials", {}), ("brokered", {}), ("co_mentions", {}), ("timeline", {}),
             ("top_entities", {}), ("top_entities", {"limit": 50}), ("co_mentions", {"min_docs": 2, "limit": 500})]
    cases += [("entity", {"entity": n.upper(), "hops": h}) for n in top for h in (1, 2)]
    cases += [("path", {"source": a, "target": b}) for a in top for b in top if a != b]
    cases += [("roles", {"person": p}) for p in people]
    cases += [("co_mentions", {"entity": top[0]}), ("timeline", {"entity": top[0]})]
    cases += [("events", {}), ("events", {"entity": top[0]})]
    cases += [("events", {"category": c}) for c in sorted({r.properties.get("plover") for r in graph.relations} - {None})]
    cases += [("central", {}), ("central", {"limit": 1000}), ("central", {"type": "Person"}),
              ("communities", {"limit": 1000, "min_size": 1}), ("communities", {})]
    cases += [("search", {"q": q}) for name in top + people for q in (name, name.upper(), name[:-1] + "x")]
    cases += [("search", {"q": "Jon Kery"}), ("search", {"q": "Mosc0w"})]
    if dates:
        cases += [("timeline", {"since": dates[0], "until": dates[-1]}), ("timeline", {"until": dates[0][:4]})]
    return cases


def assert_parity(graph, db) -> int:
    total = 0
    for name, params in parity_cases(graph):
        local = run_query(name, params, graph=graph)
        remote = run_query(name, params, backend="neo4j", driver=db.driver, settings=db.settings)
        assert remote == local, (name, params, [(x, y) for x, y in zip(local, remote) if x != y][:3], len(local), len(remote))
        total += len(local)
    return total


@pytest.mark.neo4j
def test_every_query_returns_the_same_rows_on_both_backends(neo4j_db):
    for graph in (syria(), reuters()):
        load_graph(graph, driver=neo4j_db.driver, settings=neo4j_db.settings)
    assert assert_parity(union_graphs(syria(), reuters()), neo4j_db) > 100


@pytest.mark.neo4j
def test_parity_on_the_sample_corpus_built_by_kg_extract(neo4j_db, tmp_path):
    out = tmp_path / "samples.json"
    subprocess.run([sys.executable, "-m", "kg", "extract", str(SAMPLES), "-o", str(out), "-q"], check=True, timeout=600)
    graph = read_graph(out)
    assert len(graph.documents) >= 20 and len(graph.relations) >= 10
    load_graph(graph, driver=neo4j_db.driver, settings=neo4j_db.settings)
    counts = database_counts(neo4j_db.driver, database=neo4j_db.settings.database)
    g = to_networkx(graph)
    assert (counts["nodes"], counts["relationships"]) == (g.number_of_nodes(), g.number_of_edges())
    assert assert_parity(graph, neo4j_db) > 50


@pytest.mark.neo4j
def test_kg_load_analytics_stores_pagerank_and_community_for_cypher(neo4j_db):
    union = union_graphs(syria(), reuters())
    for graph in (syria(), reuters()):  # the second load ranks the whole database, not its own graph
        load_graph(graph, driver=neo4j_db.driver, settings=neo4j_db.settings, analytics=True)
    for name, params in (("central", {"limit": 1000}), ("central", {"type": "State"}),
                         ("communities", {"limit": 1000, "min_size": 1}), ("communities", {})):
        stored = run_cypher(get_query(name).text, get_query(name).bind(params),
                            driver=neo4j_db.driver, settings=neo4j_db.settings)
        assert stored == run_query(name, params, graph=union), name  # the .cypher over the stored properties
    got = run_cypher("MATCH (e:Entity) WHERE e.pagerank IS NULL RETURN count(e) AS n",
                     driver=neo4j_db.driver, settings=neo4j_db.settings)
    assert got == [{"n": 0}]


@pytest.mark.neo4j
def test_search_on_neo4j_uses_the_full_text_index(neo4j_db):
    load_graph(syria(), driver=neo4j_db.driver, settings=neo4j_db.settings)
    indexes = run_cypher("SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, state",
                         driver=neo4j_db.driver, settings=neo4j_db.settings)
    assert {"name": "kg_entity_search", "labelsOrTypes": ["Entity"], "properties": ["search_text"],
            "state": "ONLINE"} in indexes
    got = run_query("search", {"q": "Jon Kery"}, backend="neo4j", driver=neo4j_db.driver, settings=neo4j_db.settings)
    assert [r["id"] for r in got] == ["person:john-kerry"]
    for value in ("'}) DETACH DELETE n //", "name:*", "\\ AND OR ~ ( [", "a" * 300):
        assert run_query("search", {"q": value}, backend="neo4j", driver=neo4j_db.driver,
                         settings=neo4j_db.settings) == run_query("search", {"q": value}, graph=syria())


@pytest.mark.neo4j
def test_injection_through_parameters_is_just_a_value(neo4j_db):
    load_graph(syria(), driver=neo4j_db.driver, settings=neo4j_db.settings)
    before = database_counts(neo4j_db.driver, database=neo4j_db.settings.database)
    for value in ("'}) DETACH DELETE n //", "x' OR 1=1 //", "$entity"):
        for name, key in (("entity", "entity"), ("negotiations", "entity"), ("roles", "person")):
            assert run_query(name, {key: value}, backend="neo4j", driver=neo4j_db.driver, settings=neo4j_db.settings) == []
    assert database_counts(neo4j_db.driver, database=neo4j_db.settings.database) == before


@pytest.mark.neo4j
def test_ad_hoc_cypher_is_read_only(neo4j_db):
    load_graph(syria(), driver=neo4j_db.driver, settings=neo4j_db.settings)
    got = run_cypher("MATCH (n:State) WHERE n.name STARTS WITH $p RETURN n.id AS id ORDER BY id", {"p": "S"},
                     driver=neo4j_db.driver, settings=neo4j_db.settings)
    assert got == [{"id": "state:syria"}]
    before = database_counts(neo4j_db.driver, database=neo4j_db.settings.database)
    with pytest.raises(Neo4jBackendError, match="the query tries to write, but queries run read-only"):
        run_cypher("MATCH (n) DETACH DELETE n", driver=neo4j_db.driver, settings=neo4j_db.settings)
    assert database_counts(neo4j_db.driver, database=neo4j_db.settings.database) == before
    with pytest.raises(Neo4jBackendError, match="Cypher syntax error"):
        run_cypher("MATCH (n RETURN n", driver=neo4j_db.driver, settings=neo4j_db.settings)
