"""Read a graph back from Neo4j: the inverse of `kg.loaders.neo4j_loader` (and of `kg.export_neo4j`).

The database shape is that of `kg.schema`; `graph_from_records` turns its node
and relationship properties into a `kg.model.Graph`, and `read_neo4j` fetches
them in one read transaction.
"""
from __future__ import annotations

import json

from kg.model import Entity, Graph, Relation
from kg.schema import (DOCUMENT, ENTITY, ENTITY_KEYS, document_from_record, evidence_from_record,
                       mention_from_record, relation_qualifiers)

from .neo4j_conn import Neo4jSettings, open_driver, translated_errors


def graph_from_records(documents: list[dict], entities: list[dict], relations: list[dict]) -> Graph:
    """A `Graph` from the node and relationship properties of the stored shape.

    `relations` items are ``{"source", "type", "target", "props"}``.

    >>> g = graph_from_records([{"id": "a.txt"}], [{"id": "state:x", "name": "X", "type": "State",
    ...     "mentions": ['{"doc":"a.txt","end":1,"start":0,"text":"X"}']}], [])
    >>> g.documents[0].source, g.entities[0].mentions[0].end
    ('a.txt', 1)
    """
    docs = tuple(document_from_record(d) for d in sorted(documents, key=lambda d: d["id"]))
    ents = tuple(Entity(e["id"], e["name"], e["type"], tuple(e.get("aliases") or ()),
                        tuple(mention_from_record(json.loads(m)) for m in e.get("mentions") or ()),
                        tuple(e.get("roles") or ()), {k: v for k, v in e.items() if k not in ENTITY_KEYS})
                 for e in sorted(entities, key=lambda e: e["id"]))
    rels = [Relation(r["source"], r["type"], r["target"],
                     tuple(evidence_from_record(json.loads(e)) for e in r["props"].get("evidence") or ()),
                     float(r["props"].get("confidence", 0.5)), relation_qualifiers(r["props"]))
            for r in relations]
    return Graph(docs, ents, tuple(sorted(rels, key=lambda r: r.key)))


def _read_all(tx) -> tuple[list, list, list]:
    docs = [r["p"] for r in tx.run(f"MATCH (d:{DOCUMENT}) RETURN properties(d) AS p")]
    ents = [r["p"] for r in tx.run(f"MATCH (n:{ENTITY}) RETURN properties(n) AS p")]
    rels = [dict(r) for r in tx.run(f"MATCH (s:{ENTITY})-[r]->(t:{ENTITY}) RETURN s.id AS source, type(r) AS type, "
                                    "t.id AS target, properties(r) AS props")]
    return docs, ents, rels


def read_neo4j(*, settings: Neo4jSettings | None = None, driver=None) -> Graph:
    """The graph held in Neo4j (as `kg load` or the Neo4j exports left it), in one read transaction."""
    settings = settings or Neo4jSettings.from_env()
    own = driver is None
    driver = driver or open_driver(settings)
    try:
        with translated_errors(settings, "reading the graph"), driver.session(database=settings.database) as session:
            return graph_from_records(*session.execute_read(_read_all))
    finally:
        if own:
            driver.close()
