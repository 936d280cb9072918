"""Load a `kg.model.Graph` into Neo4j: constraints, then batched ``UNWIND $rows ... MERGE``.

What the database holds (the shape of `kg.export_neo4j`, plus what merging needs):

- ``(:Entity:<Type> {id, name, type, aliases, roles, mentions, mention_count})``,
  ``<Type>`` one of Person, State, Organisation, Place, Event;
- ``(:Document {id, source, title, date, publisher, url, content_hash})``;
- ``(entity)-[:MENTIONED_IN {count}]->(document)``;
- ``(source)-[:<TYPE> {id, confidence, evidence, evidence_count, docs, dates,
  sentences, <qualifiers>}]->(target)``.

The names, records and property encoding are those of `kg.schema`: each
mention and each evidence item is one canonical JSON string (sorted keys), and
``mentions``/``evidence`` are *lists* of such strings. Lists are merged as sorted sets, which is what makes loading
idempotent and lets a second corpus add aliases, mentions and evidence to the
same entity or relation without duplicates. ``docs``, ``dates`` (evidence date,
else its document's date) and ``sentences`` are scalar lists derived from the
evidence for Cypher to use. A relation's ``properties`` become properties of
their own (``role`` on HOLDS_ROLE, `kg.schema.relation_props`). The reader of
this shape is `kg.loaders.neo4j_reader`.

Labels and relationship types are checked (`check_label`, `check_rel_type`)
before any statement is built; every value travels as a query parameter. Each
batch is one managed write transaction (``execute_write``, retried on transient
errors), so an interrupted load leaves whole batches only and a re-run
completes it.
"""
from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence

from kg.lexicon import load_lexicon
from kg.model import ENTITY_TYPES, Entity, Graph, Relation
from kg.schema import (DOCUMENT, ENTITY, MENTIONED_IN, NODE_LABELS, SchemaError, canonical, check_label,
                       check_rel_type, document_record, evidence_record, mention_prefix, mention_record,
                       relation_id, relation_props, relation_vocabulary)
from kg.textsearch import SEARCH_INDEX, search_terms

from .neo4j_bulk import bulk_steps, require_empty
from .neo4j_conn import Neo4jSettings, open_driver, translated_errors

DEFAULT_BATCH = 1000


def vocabulary_of(lexicon: str | None) -> frozenset[str]:
    """The relationship types a graph may hold with the lexicon file `lexicon` (None: the bundled one)."""
    return relation_vocabulary(load_lexicon(lexicon))


# --- statements: static, validated names only ---------------------------------------------

def _union(var: str, key: str) -> str:
    """Cypher for the sorted set union of list property `var.key` and `row.key` (rows come sorted)."""
    return (f"{var}.{key} = CASE WHEN {var}.{key} IS NULL THEN row.{key} ELSE "
            f"COLLECT {{ UNWIND {var}.{key} + row.{key} AS x RETURN DISTINCT x ORDER BY x }} END")


def constraint_statements() -> list[str]:
    """One uniqueness constraint on ``id`` per node label (named like kg.export_neo4j's), and the
    full-text index of entity names and aliases (their folded words, so no analyzer of its own)."""
    return [f"CREATE CONSTRAINT kg_{check_label(label).lower()}_id IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" for label in NODE_LABELS] + [
        f"CREATE FULLTEXT INDEX {SEARCH_INDEX} IF NOT EXISTS FOR (n:{ENTITY}) ON EACH [n.search_text] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"]


def document_statement() -> str:
    return f"UNWIND $rows AS row MERGE (d:{DOCUMENT} {{id: row.id}}) SET d += row.props"


def entity_statement(label: str) -> str:
    """MERGE entities of one type; a changed type moves the node to the new label."""
    others = ":".join(t for t in ENTITY_TYPES if t != check_label(label))
    return (f"UNWIND $rows AS row MERGE (n:{ENTITY} {{id: row.id}}) "
            f"REMOVE n:{others} SET n:{label}, n.name = row.name, n.type = row.type, "
            f"{_union('n', 'aliases')}, {_union('n', 'roles')}, {_union('n', 'mentions')}, {_union('n', 'search')} "
            "SET n += row.props SET n.mention_count = size(n.mentions), "
            "n.search_text = reduce(t = '', w IN n.search | t + ' ' + w)")


def mentioned_in_statement() -> str:
    """One edge per (entity, document); ``count`` counts the entity's stored mentions there."""
    return (f"UNWIND $rows AS row MATCH (n:{ENTITY} {{id: row.entity}}) "
            f"MERGE (d:{DOCUMENT} {{id: row.doc}}) MERGE (n)-[m:{MENTIONED_IN}]->(d) "
            "SET m.count = size([x IN n.mentions WHERE x STARTS WITH row.prefix])")


def relation_statement(rtype: str, vocabulary: frozenset[str] | None = None) -> str:
    rtype = check_rel_type(rtype, vocabulary if vocabulary is not None else vocabulary_of(None))
    if rtype == MENTIONED_IN:
        raise SchemaError(f"{MENTIONED_IN} is made from entity mentions, not loaded as a relation")
    return (f"UNWIND $rows AS row MATCH (s:{ENTITY} {{id: row.source}}) MATCH (t:{ENTITY} {{id: row.target}}) "
            f"MERGE (s)-[r:{rtype}]->(t) "
            "SET r.id = row.id, r.confidence = CASE WHEN r.confidence IS NULL OR row.confidence > r.confidence "
            "THEN row.confidence ELSE r.confidence END, "
            f"{_union('r', 'evidence')}, {_union('r', 'docs')}, {_union('r', 'dates')}, {_union('r', 'sentences')} "
            "SET r += row.props SET r.evidence_count = size(r.evidence)")


# --- rows: plain parameter values ---------------------------------------------------------

def document_rows(graph: Graph) -> list[dict]:
    return [{"id": d.id, "props": {k: v for k, v in document_record(d).items() if k != "id"}}
            for d in graph.documents]


def entity_row(e: Entity) -> dict:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": sorted(set(e.aliases)),
            "roles": sorted(set(e.roles)), "props": relation_props(dict(e.properties)),
            "search": search_terms(e.name, e.aliases),
            "mentions": sorted({canonical(mention_record(m)) for m in e.mentions})}


def entity_rows(graph: Graph, label: str) -> list[dict]:
    """The rows of the entities of one type."""
    return [entity_row(e) for e in graph.entities if e.type == label]


def mention_rows(graph: Graph) -> list[dict]:
    return [{"entity": e.id, "doc": doc, "prefix": mention_prefix(doc)}
            for e in graph.entities for doc in sorted({m.doc for m in e.mentions})]


def relation_row(r: Relation, doc_dates: dict[str, str]) -> dict:
    """`dates` are the evidence dates, else the dates of the evidence's documents."""
    evidence = [evidence_record(e) for e in r.evidence]
    return {"id": relation_id(*r.key), "source": r.source, "target": r.target,
            "confidence": float(r.confidence), "props": relation_props(dict(r.properties)),
            "evidence": sorted({canonical(e) for e in evidence}), "docs": sorted({e.doc for e in r.evidence}),
            "dates": sorted({d for d in (e.date or doc_dates.get(e.doc) for e in r.evidence) if d}),
            "sentences": sorted({e.sentence for e in r.evidence if e.sentence})}


def relation_rows(graph: Graph, rtype: str) -> list[dict]:
    """The rows of the relations of one type."""
    doc_dates = {d.id: d.date for d in graph.documents if d.date}
    return [relation_row(r, doc_dates) for r in graph.relations if r.type == rtype]


def _grouped(items: Iterable, key: Callable, row: Callable) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        out[key(item)].append(row(item))
    return out


@dataclass(frozen=True)
class Step:
    """One statement and the rows it is run over, batch by batch."""

    what: str
    statement: str
    rows: list[dict]


def plan(graph: Graph, *, vocabulary: frozenset[str] | None = None) -> list[Step]:
    """The load, in order: documents, entities by type, MENTIONED_IN, relations by type.

    >>> from kg.model import Entity
    >>> [s.what for s in plan(Graph((), (Entity("p:a", "A", "Person"),), ()))]
    ['Document', 'Person', 'State', 'Organisation', 'Place', 'Event', 'MENTIONED_IN']
    """
    vocabulary = vocabulary if vocabulary is not None else vocabulary_of(None)
    for label in {e.type for e in graph.entities}:
        check_label(label)
    statements = {rtype: relation_statement(rtype, vocabulary) for rtype in sorted({r.type for r in graph.relations})}
    doc_dates = {d.id: d.date for d in graph.documents if d.date}
    entities = _grouped(graph.entities, lambda e: e.type, entity_row)
    relations = _grouped(graph.relations, lambda r: r.type, lambda r: relation_row(r, doc_dates))
    steps = [Step(DOCUMENT, document_statement(), document_rows(graph))]
    steps += [Step(label, entity_statement(label), entities.get(label, [])) for label in ENTITY_TYPES]
    steps.append(Step(MENTIONED_IN, mentioned_in_statement(), mention_rows(graph)))
    steps += [Step(rtype, statement, relations[rtype]) for rtype, statement in statements.items()]
    return steps


# --- running ------------------------------------------------------------------------------

@dataclass(frozen=True)
class LoadReport:
    nodes: int
    relationships: int
    batches: int
    seconds: float

    def __str__(self) -> str:
        return (f"loaded {self.nodes} nodes and {self.relationships} relationships "
                f"in {self.batches} batches ({self.seconds:.1f}s)")


def batches(rows: Sequence[dict], size: int) -> Iterator[list[dict]]:
    """
    >>> [len(b) for b in batches(list(range(5)), 2)]
    [2, 2, 1]
    """
    if size < 1:
        raise ValueError("batch size must be at least 1")
    for start in range(0, len(rows), size):
        yield list(rows[start:start + size])


def _write(tx, statement: str, rows: list[dict]) -> None:
    tx.run(statement, rows=rows).consume()


def write_steps(driver, steps: Iterable[Step], *, database: str | None, batch_size: int,
                on_batch: Callable[[Step, int], None] | None = None) -> int:
    """Run each step in batches, one managed write transaction each; returns the batch count."""
    count = 0
    with driver.session(database=database) as session:
        for statement in constraint_statements():
            session.run(statement).consume()
        for step in steps:
            for batch in batches(step.rows, batch_size):
                session.execute_write(_write, step.statement, batch)
                count += 1
                if on_batch:
                    on_batch(step, len(batch))
    return count


def load_graph(graph: Graph, *, driver=None, settings: Neo4jSettings | None = None,
               batch_size: int = DEFAULT_BATCH, lexicon: str | None = None,
               on_batch: Callable[[Step, int], None] | None = None, bulk: bool = False,
               analytics: bool = False) -> LoadReport:
    """Merge `graph` into Neo4j (idempotent), or with `bulk` create it in an empty database
    (`kg.loaders.neo4j_bulk`); with `analytics`, then store `pagerank` and `community` on every
    entity. Connects from `settings` (default: NEO4J_* env) unless a `driver` is given; raises
    `Neo4jBackendError` or `SchemaError`, nothing else."""
    settings = settings or Neo4jSettings.from_env()
    steps = plan(graph, vocabulary=vocabulary_of(lexicon))
    steps = bulk_steps(steps) if bulk else steps
    started = time.perf_counter()
    own = driver is None
    driver = driver or open_driver(settings)
    try:
        with translated_errors(settings, "loading the graph"):
            if bulk:
                require_empty(driver, settings)
            n = write_steps(driver, steps, database=settings.database, batch_size=batch_size, on_batch=on_batch)
            if analytics:
                write_analytics(driver, database=settings.database, batch_size=batch_size)
    finally:
        if own:
            driver.close()
    nodes = sum(len(s.rows) for s in steps if s.what in NODE_LABELS)
    return LoadReport(nodes, sum(len(s.rows) for s in steps) - nodes, n, time.perf_counter() - started)


ANALYTICS_STATEMENT = (f"UNWIND $rows AS row MATCH (n:{ENTITY} {{id: row.id}}) "
                       "SET n.pagerank = row.pagerank, n.community = row.community")


def write_analytics(driver, *, database: str | None = None, batch_size: int = DEFAULT_BATCH) -> int:
    """Store each entity's `pagerank` and `community` (as `kg query central` and `communities`
    compute them over the whole database, read back after loading); returns the entities written."""
    from kg.queries.analytics import entity_graph, from_neo4j, pagerank, partition

    with driver.session(database=database) as session:
        structure = session.execute_read(from_neo4j)
        g = entity_graph(structure)
        rank, groups = pagerank(structure, g), partition(structure, g)
        rows = [{"id": n, "pagerank": rank.get(n, 0.0), "community": groups.get(n)} for n in sorted(structure.entities)]
        for batch in batches(rows, batch_size):
            session.execute_write(_write, ANALYTICS_STATEMENT, batch)
    return len(rows)


def database_counts(driver, *, database: str | None = None) -> dict[str, int]:
    """Nodes, relationships and evidence items in the database (read transaction)."""
    def work(tx):
        nodes = tx.run("MATCH (n) RETURN count(n) AS c").single()["c"]
        rels = tx.run("MATCH ()-[r]->() RETURN count(r) AS c, sum(size(coalesce(r.evidence, []))) AS e").single()
        return {"nodes": nodes, "relationships": rels["c"], "evidence": rels["e"] or 0}

    with driver.session(database=database) as session:
        return session.execute_read(work)
