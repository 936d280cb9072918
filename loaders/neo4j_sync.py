"""Taking documents out of Neo4j: what `kg delete --backend neo4j` and `kg build --backend neo4j` run.

For each batch of documents, in one write transaction (so an interrupted run
leaves whole batches only, and a re-run finishes the job: a document already
gone matches nothing):

1. relations with evidence from them lose those evidence items; ``docs``,
   ``dates``, ``sentences`` and ``evidence_count`` are made again from the
   evidence left; a relation left without evidence is deleted;
2. entities mentioned in them lose those mentions (``mention_count`` follows);
3. their Document nodes go, and with them their ``MENTIONED_IN`` edges;
4. entities left with no mention and no relationship are deleted.

A relation or entity that the graph about to be loaded holds again (`reloaded`)
is also emptied of what only its evidence decides (confidence, qualifiers,
aliases, roles), so the load sets them as a clean load would; one that is not
reloaded keeps them, since the database does not say which document gave them.

Evidence items are found by their ``"doc":`` key: in canonical JSON a quote
inside a value is always escaped, so the key cannot be matched inside a sentence.
"""
from __future__ import annotations

import json
from typing import Callable, Iterable

from kg.model import Graph
from kg.retract import to_retract
from kg.schema import DOCUMENT, ENTITY, MENTIONED_IN, mention_prefix, relation_id

from .neo4j_conn import open_driver, translated_errors
from .neo4j_loader import batches, load_graph

DEFAULT_DOCS_PER_BATCH = 200

TOUCHED_RELATIONS = (
    f"MATCH (d:{DOCUMENT})<-[:{MENTIONED_IN}]-(:{ENTITY})-[r]-(:{ENTITY}) WHERE d.id IN $ids "
    f"AND type(r) <> '{MENTIONED_IN}' AND any(x IN r.docs WHERE x IN $ids) "
    "RETURN DISTINCT elementId(r) AS rid, r.id AS id, r.evidence AS evidence")
DOCUMENT_DATES = f"MATCH (d:{DOCUMENT}) WHERE d.id IN $ids AND d.date IS NOT NULL RETURN d.id AS id, d.date AS date"
DELETE_RELATIONS = "UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.rid DELETE r"
KEEP_RELATIONS = (
    "UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.rid "
    "SET r.evidence = row.evidence, r.evidence_count = size(row.evidence), r.docs = row.docs, "
    "r.dates = row.dates, r.sentences = row.sentences")
RESET_RELATIONS = (
    "UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.rid "
    "SET r = {id: r.id, evidence: row.evidence, evidence_count: size(row.evidence), docs: row.docs, "
    "dates: row.dates, sentences: row.sentences}")
TOUCHED_ENTITIES = (
    f"MATCH (d:{DOCUMENT})<-[:{MENTIONED_IN}]-(e:{ENTITY}) WHERE d.id IN $ids WITH DISTINCT e "
    "SET e.mentions = [m IN e.mentions WHERE none(p IN $prefixes WHERE m STARTS WITH p)] "
    "SET e.mention_count = size(e.mentions) RETURN e.id AS id")
RESET_ENTITIES = f"MATCH (e:{ENTITY}) WHERE e.id IN $ids SET e.aliases = [], e.roles = []"
DELETE_DOCUMENTS = f"MATCH (d:{DOCUMENT}) WHERE d.id IN $ids DETACH DELETE d"
DELETE_ORPHANS = (f"MATCH (e:{ENTITY}) WHERE e.id IN $ids AND size(coalesce(e.mentions, [])) = 0 "
                  "AND NOT (e)--() DELETE e")


def evidence_doc(item: str) -> str | None:
    """The document of one stored evidence item (canonical JSON).

    >>> evidence_doc('{"date":"2016-09-20","doc":"a.txt","end":5,"sentence":"x","start":0}')
    'a.txt'
    """
    try:
        return json.loads(item).get("doc")
    except (ValueError, AttributeError):
        return None


def _relation_rows(tx, ids: list[str]) -> tuple[list[dict], list[dict]]:
    """The touched relations: (those left without evidence, the others with what is left)."""
    gone = set(ids)
    found = [dict(record) for record in tx.run(TOUCHED_RELATIONS, ids=ids)]
    kept = {r["rid"]: [(item, json.loads(item)) for item in r["evidence"] or [] if evidence_doc(item) not in gone]
            for r in found}
    docs = sorted({e.get("doc") for items in kept.values() for _, e in items} - {None})
    dates = {record["id"]: record["date"] for record in tx.run(DOCUMENT_DATES, ids=docs)}
    empty, left = [], []
    for r in found:
        items = kept[r["rid"]]
        if not items:
            empty.append({"rid": r["rid"]})
            continue
        left.append({"rid": r["rid"], "id": r["id"], "evidence": sorted(item for item, _ in items),
                     "docs": sorted({e["doc"] for _, e in items}),
                     "dates": sorted({d for d in (e.get("date") or dates.get(e["doc"]) for _, e in items) if d}),
                     "sentences": sorted({e["sentence"] for _, e in items if e.get("sentence")})})
    return empty, left


def retract_batch(tx, ids: list[str], reloaded_entities: frozenset[str], reloaded_relations: frozenset[str]) -> int:
    """Take the documents `ids` out (see the module docstring); how many Document nodes went."""
    empty, left = _relation_rows(tx, ids)
    tx.run(DELETE_RELATIONS, rows=empty).consume()
    tx.run(KEEP_RELATIONS, rows=[r for r in left if r["id"] not in reloaded_relations]).consume()
    tx.run(RESET_RELATIONS, rows=[r for r in left if r["id"] in reloaded_relations]).consume()
    touched = [record["id"] for record in tx.run(TOUCHED_ENTITIES, ids=ids,
                                                 prefixes=[mention_prefix(doc) for doc in ids])]
    tx.run(RESET_ENTITIES, ids=[e for e in touched if e in reloaded_entities]).consume()
    deleted = tx.run(DELETE_DOCUMENTS + " RETURN count(*) AS n", ids=ids).single()["n"]
    tx.run(DELETE_ORPHANS, ids=touched).consume()
    return deleted


def retract_documents(driver, doc_ids: Iterable[str], *, database: str | None = None,
                      reloaded: Graph | None = None, docs_per_batch: int = DEFAULT_DOCS_PER_BATCH,
                      on_batch: Callable[[int], None] | None = None) -> int:
    """Take `doc_ids` out of the database in batches of `docs_per_batch`; how many Document nodes went."""
    entities = frozenset(e.id for e in reloaded.entities) if reloaded is not None else frozenset()
    relations = frozenset(relation_id(*r.key) for r in reloaded.relations) if reloaded is not None else frozenset()
    deleted = 0
    with driver.session(database=database) as session:
        for batch in batches(sorted(set(doc_ids)), docs_per_batch):
            deleted += session.execute_write(retract_batch, batch, entities, relations)
            if on_batch is not None:
                on_batch(len(batch))
    return deleted


def stored_hashes(driver, doc_ids: Iterable[str], *, database: str | None = None,
                  batch_size: int = 5000) -> dict[str, str | None]:
    """The content hash the database holds for each of `doc_ids` it has a Document node of."""
    out: dict[str, str | None] = {}
    query = f"MATCH (d:{DOCUMENT}) WHERE d.id IN $ids RETURN d.id AS id, d.content_hash AS hash"
    with driver.session(database=database) as session:
        for batch in batches(list(doc_ids), batch_size):
            out.update({r["id"]: r["hash"] for r in session.execute_read(lambda tx: list(tx.run(query, ids=batch)))})
    return out


def sync_graph(graph: Graph, *, settings, pending: Iterable[str] = (), lexicon: str | None = None,
               batch_size: int = 1000) -> str:
    """`kg build --backend neo4j`: take out `pending` documents and those whose stored text differs, then
    load `graph`; returns a summary line."""
    driver = open_driver(settings)
    try:
        with translated_errors(settings, "taking removed and changed documents out"):
            hashes = stored_hashes(driver, [d.id for d in graph.documents], database=settings.database)
            ids = to_retract(graph, previous=None, stored_hashes=hashes, pending=pending)
            gone = retract_documents(driver, ids, database=settings.database, reloaded=graph)
        report = load_graph(graph, driver=driver, settings=settings, batch_size=batch_size, lexicon=lexicon)
    finally:
        driver.close()
    return f"took {gone} removed or changed documents out; {report} into {settings.describe()}"
