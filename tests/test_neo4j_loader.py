"""loaders/neo4j_loader.py and loaders/neo4j_conn.py: schema checks, then loads into a real Neo4j."""
from __future__ import annotations

import pytest
from neo4j_fixtures import reuters, syria, union_graphs

from kg.model import Document, Entity, Evidence, Graph, Mention, Relation
from kg.loaders.neo4j_conn import Neo4jBackendError, Neo4jSettings, open_driver
from kg.loaders.neo4j_loader import (SchemaError, Step, database_counts, entity_statement, load_graph, plan,
                                  relation_statement, write_steps)
from kg.loaders.networkx_loader import to_networkx

INJECTION = "'}) DETACH DELETE n //"
UNREACHABLE = Neo4jSettings("bolt://127.0.0.1:9")


def nx_counts(graph: Graph) -> tuple[int, int]:
    g = to_networkx(graph)
    return g.number_of_nodes(), g.number_of_edges()


def counts(db) -> dict:
    return database_counts(db.driver, database=db.settings.database)


def snapshot(db) -> list:
    """Every node and relationship with its labels/type and properties, sorted."""
    nodes = db.driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p", database_=db.settings.database)
    rels = db.driver.execute_query("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p",
                                   database_=db.settings.database)
    return sorted(repr(sorted(r.data().items())) for r in [*nodes.records, *rels.records])


# --- no server needed ---------------------------------------------------------------------

def test_unknown_relation_type_is_refused_before_connecting():
    graph = Graph((), (Entity("state:a", "A", "State"), Entity("state:b", "B", "State")),
                  (Relation("state:a", "LIKES", "state:b"),))
    with pytest.raises(SchemaError, match="'LIKES' is not in the relation vocabulary"):
        load_graph(graph, settings=UNREACHABLE)  # SchemaError, not a connection error


def test_malformed_relation_type_and_label_are_refused():
    with pytest.raises(SchemaError, match="not UPPER_SNAKE_CASE"):
        relation_statement("ATTACKS]->(x) DETACH DELETE x //")
    with pytest.raises(SchemaError, match="not UPPER_SNAKE_CASE"):
        relation_statement("attacks")
    with pytest.raises(SchemaError, match="MENTIONED_IN is made from entity mentions"):
        relation_statement("MENTIONED_IN")
    with pytest.raises(SchemaError, match="node label"):
        entity_statement("Person:Admin")


def test_values_travel_as_parameters_not_as_cypher():
    graph = Graph((Document("d.txt", "d.txt"),),
                  (Entity("person:x", INJECTION, "Person", (INJECTION,), (Mention("d.txt", 0, 3, INJECTION),)),),
                  ())
    steps = plan(graph)
    assert all(INJECTION not in s.statement for s in steps)
    person = next(s for s in steps if s.what == "Person")
    assert person.rows[0]["name"] == INJECTION and person.rows[0]["aliases"] == [INJECTION]


def test_a_server_that_is_down_is_one_clear_error():
    with pytest.raises(Neo4jBackendError, match=r"cannot reach Neo4j at bolt://127.0.0.1:9: is the server running"):
        load_graph(syria(), settings=UNREACHABLE)


# --- against the real server --------------------------------------------------------------



@pytest.mark.neo4j
def test_counts_equal_the_networkx_graph_and_a_second_load_changes_nothing(neo4j_db):
    graph = syria()
    report = load_graph(graph, driver=neo4j_db.driver, settings=neo4j_db.settings, batch_size=5)
    first = counts(neo4j_db)
    assert (first["nodes"], first["relationships"]) == nx_counts(graph) == (22, 36)
    assert first["evidence"] == sum(len(r.evidence) for r in graph.relations) == 15
    assert report.nodes == 22 and report.relationships == 36 and report.batches > 10
    before = snapshot(neo4j_db)
    load_graph(graph, driver=neo4j_db.driver, settings=neo4j_db.settings, batch_size=1000)
    assert counts(neo4j_db) == first
    assert snapshot(neo4j_db) == before


@pytest.mark.neo4j
def test_a_second_corpus_merges_entities_by_id(neo4j_db):
    for graph in (syria(), reuters(), reuters(), syria()):
        load_graph(graph, driver=neo4j_db.driver, settings=neo4j_db.settings)
    union = union_graphs(syria(), reuters())
    got = counts(neo4j_db)
    assert (got["nodes"], got["relationships"]) == nx_counts(union) == (31, 54)
    assert got["evidence"] == 23
    q = lambda text: [r.data() for r in neo4j_db.driver.execute_query(text, database_=neo4j_db.settings.database).records]
    russia = q("MATCH (n:Entity {id: 'state:russia'}) RETURN n.aliases AS aliases, n.mention_count AS m, labels(n) AS l")
    assert russia == [{"aliases": ["Moscow", "Russian", "Russians"], "m": 18, "l": ["State", "Entity"]}]
    talks = q("MATCH (:State {id: 'state:russia'})-[r:NEGOTIATES_WITH]->(:State {id: 'state:united-states'}) "
              "RETURN r.evidence_count AS n, r.docs AS docs, r.dates AS dates, r.confidence AS c")
    assert talks == [{"n": 2, "docs": ["reuters-11487", "washington-times-2016-09-20-syria-talks.txt"],
                      "dates": ["1987-03-31", "2016-09-20"], "c": 0.9}]
    per_doc = q("MATCH (:Entity {id: 'state:russia'})-[m:MENTIONED_IN]->(d) RETURN d.id AS d, m.count AS c ORDER BY d")
    assert per_doc == [{"d": "reuters-11487", "c": 2}, {"d": "washington-times-2016-09-20-syria-talks.txt", "c": 16}]
    role = q("MATCH (:Person {id: 'person:jacques-chirac'})-[r:HOLDS_ROLE]->(s) RETURN r.role AS role, s.id AS s")
    assert role == [{"role": "Prime Minister", "s": "state:france"}]


@pytest.mark.neo4j
def test_constraints_exist_per_label(neo4j_db):
    load_graph(syria(), driver=neo4j_db.driver, settings=neo4j_db.settings)
    rows = neo4j_db.driver.execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type",
                                         database_=neo4j_db.settings.database).records
    unique = {r["labelsOrTypes"][0] for r in rows if r["type"] == "UNIQUENESS" and r["properties"] == ["id"]}
    assert unique >= {"Person", "State", "Organisation", "Place", "Event", "Entity", "Document"}


@pytest.mark.neo4j
def test_an_injection_in_names_is_stored_verbatim(neo4j_db):
    graph = Graph((Document("d.txt", "d.txt", title=INJECTION),),
                  (Entity("person:x", INJECTION, "Person", ('Robert"); DROP', "`x`"), (Mention("d.txt", 0, 3, "abc"),)),
                   Entity("state:y", "Y", "State", (), (Mention("d.txt", 5, 6, "Y"),))),
                  (Relation("person:x", "DENIES", "state:y", (Evidence("d.txt", 0, 6, INJECTION),), 0.5,
                            {"role": INJECTION}),))
    load_graph(graph, driver=neo4j_db.driver, settings=neo4j_db.settings)
    assert counts(neo4j_db) == {"nodes": 3, "relationships": 3, "evidence": 1}
    rows = neo4j_db.driver.execute_query("MATCH (n:Person)-[r:DENIES]->() RETURN n.name AS n, n.aliases AS a, "
                                         "r.sentences AS s, r.role AS role", database_=neo4j_db.settings.database).records
    assert [r.data() for r in rows] == [{"n": INJECTION, "a": ['Robert"); DROP', "`x`"], "s": [INJECTION],
                                         "role": INJECTION}]


@pytest.mark.neo4j
def test_a_failing_batch_writes_nothing_and_earlier_batches_stay(neo4j_db):
    good = [{"id": f"doc-{i}", "props": {}} for i in range(4)]
    bad = [{"id": "doc-4", "props": {}}, {"id": "doc-5", "props": {"nested": {"maps": "are not properties"}}}]
    step = Step("Document", "UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET d += row.props", good + bad)
    with pytest.raises(Exception):
        write_steps(neo4j_db.driver, [step], database=neo4j_db.settings.database, batch_size=2)
    ids = neo4j_db.driver.execute_query("MATCH (d:Document) RETURN d.id AS id ORDER BY id",
                                        database_=neo4j_db.settings.database).records
    assert [r["id"] for r in ids] == ["doc-0", "doc-1", "doc-2", "doc-3"]  # doc-4 went with its batch


@pytest.mark.neo4j
def test_an_interrupted_load_leaves_whole_batches_and_a_rerun_completes_it(neo4j_db):
    graph, seen = syria(), []

    def interrupt(step, n):
        seen.append(n)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_graph(graph, driver=neo4j_db.driver, settings=neo4j_db.settings, batch_size=2, on_batch=interrupt)
    assert counts(neo4j_db)["nodes"] == 1 + 2 + 2  # the document, then two batches of two Persons
    load_graph(graph, driver=neo4j_db.driver, settings=neo4j_db.settings, batch_size=2)
    got = counts(neo4j_db)
    assert (got["nodes"], got["relationships"]) == nx_counts(graph)


@pytest.mark.neo4j
def test_an_unknown_database_is_one_clear_error(neo4j_server):
    settings = Neo4jSettings(neo4j_server.uri, neo4j_server.username, neo4j_server.password, "no_such_db")
    with pytest.raises(Neo4jBackendError, match="has no database 'no_such_db': check NEO4J_DATABASE"):
        load_graph(syria(), settings=settings)


@pytest.mark.neo4j
def test_wrong_credentials_are_one_clear_error_without_the_password(neo4j_auth_uri):
    with pytest.raises(Neo4jBackendError) as err:
        open_driver(Neo4jSettings(neo4j_auth_uri, "neo4j", "s3cret-Pa55"))
    message = str(err.value)
    assert "refused the credentials of user 'neo4j'" in message and "NEO4J_PASSWORD" in message
    assert "s3cret-Pa55" not in message and "\n" not in message
    with pytest.raises(Neo4jBackendError, match="needs credentials: set NEO4J_USERNAME and NEO4J_PASSWORD"):
        open_driver(Neo4jSettings(neo4j_auth_uri))


def test_a_known_persons_country_and_dated_roles_are_node_properties_and_read_back(neo4j_db):
    from kg.loaders.neo4j_reader import read_neo4j

    known = {"country": "Russia", "actor_roles": ["RUSGOV from 2004-03-09"], "actor_source": "Phoenix"}
    graph = Graph((Document("d.txt", "d.txt"),),
                  (Entity("person:s", "S L", "Person", (), (Mention("d.txt", 0, 3, "S L"),), (), known),), ())
    load_graph(graph, driver=neo4j_db.driver, settings=neo4j_db.settings)
    rows = neo4j_db.driver.execute_query("MATCH (n:Person) RETURN n.country AS c, n.actor_roles AS r",
                                         database_=neo4j_db.settings.database).records
    assert [r.data() for r in rows] == [{"c": "Russia", "r": ["RUSGOV from 2004-03-09"]}]
    assert dict(read_neo4j(driver=neo4j_db.driver, settings=neo4j_db.settings).entities[0].properties) == known
