"""`kg load --bulk`: a graph into an empty Neo4j database with CREATE instead of MERGE.

The rows are those of `kg.loaders.neo4j_loader.plan` and the database ends up the
same as after `kg load` (tests/test_neo4j_bulk.py compares the two), but nothing is
looked up before it is written and no stored list is merged with the row's, which
is most of a merging load's work; batches are larger too. It refuses a database
that holds anything (a merge needs `kg load` without --bulk). Labels and types are
checked by `plan`; values are parameters. `kg.loaders.neo4j_loader.load_graph(..., bulk=True)` runs it. An interrupted bulk load leaves a partial
database: empty it and run again.
"""
from __future__ import annotations

from dataclasses import replace

from kg.errors import Neo4jBackendError
from kg.model import ENTITY_TYPES
from kg.schema import DOCUMENT, ENTITY, MENTIONED_IN, check_label

from .neo4j_conn import Neo4jSettings

# Steps are `kg.loaders.neo4j_loader.Step`s; that module imports this one, so this one does not import it.

BULK_BATCH = 10_000
RELATION_SET = ("SET r = row.props SET r.id = row.id, r.confidence = row.confidence, r.evidence = row.evidence, "
                "r.docs = row.docs, r.dates = row.dates, r.sentences = row.sentences, "
                "r.evidence_count = size(row.evidence)")


def bulk_statement(step) -> str:
    """The CREATE statement for one step of the merging plan (same rows, same stored shape)."""
    if step.what == DOCUMENT:
        return f"UNWIND $rows AS row CREATE (d:{DOCUMENT} {{id: row.id}}) SET d += row.props"
    if step.what in ENTITY_TYPES:
        return (f"UNWIND $rows AS row CREATE (n:{ENTITY}:{check_label(step.what)} {{id: row.id, name: row.name, "
                "type: row.type, aliases: row.aliases, roles: row.roles, mentions: row.mentions, "
                "mention_count: size(row.mentions), search: row.search, "
                "search_text: reduce(t = '', w IN row.search | t + ' ' + w)}) SET n += row.props")
    if step.what == MENTIONED_IN:  # a document named only by mentions gets a bare node, as in `kg load`
        return (f"UNWIND $rows AS row MATCH (n:{ENTITY} {{id: row.entity}}) MERGE (d:{DOCUMENT} {{id: row.doc}}) "
                f"CREATE (n)-[:{MENTIONED_IN} {{count: size([x IN n.mentions WHERE x STARTS WITH row.prefix])}}]->(d)")
    # A relation step's name is its type, already checked against the vocabulary by `plan`.
    return (f"UNWIND $rows AS row MATCH (s:{ENTITY} {{id: row.source}}) MATCH (t:{ENTITY} {{id: row.target}}) "
            f"CREATE (s)-[r:{step.what}]->(t) {RELATION_SET}")


def bulk_steps(steps: list) -> list:
    """The merging plan's steps with CREATE statements."""
    return [replace(s, statement=bulk_statement(s)) for s in steps]


def require_empty(driver, settings: Neo4jSettings) -> None:
    """`Neo4jBackendError` unless the database holds no node."""
    with driver.session(database=settings.database) as session:
        empty = session.execute_read(lambda tx: tx.run("MATCH (n) RETURN n LIMIT 1").peek() is None)
    if not empty:
        raise Neo4jBackendError(f"{settings.describe()} is not empty: a bulk load creates a new database's graph",
                                option="bulk")
