"""The Neo4j exports: `neo4j-admin database import` CSV files and a Cypher script.

Both make the database that `kg load` makes (see `kg.loaders.neo4j_loader`, whose
rows they reuse, so the three stay one shape):

- ``(:Entity:<Type> {id, name, type, aliases, roles, mentions, mention_count})``,
  ``<Type>`` one of `kg.model.ENTITY_TYPES`;
- ``(:Document {id, source, title, date, publisher, url, content_hash})``;
- ``(entity)-[:MENTIONED_IN {count}]->(document)``;
- ``(source)-[:<TYPE> {id, confidence, evidence, evidence_count, docs, dates,
  sentences, <qualifiers such as role>}]->(target)``.

``mentions`` and ``evidence`` are lists of JSON strings (Neo4j stores no maps).
The Cypher script writes lists as Cypher lists. The CSV files are a scalar-only
format: every list-valued column holds the list as JSON text (mentions and
evidence as lists of JSON objects), which neo4j-admin imports as a string.

The CSV export is a folder (``-o OUT`` names the folder; it is created, or
replaced if it holds only an earlier CSV export): ``documents.csv``,
``entities.csv``, ``relations.csv``, ``mentions.csv``, and ``import.sh``, which
runs ``neo4j-admin database import full`` on them.
"""
from __future__ import annotations

import csv
import io
import json
import math
from typing import Any, Iterable

from .model import Document, Entity, Evidence, Graph, Mention, Relation

DOC_PREFIX = "doc:"


def _error(message: str):
    from .export import ExportError

    return ExportError(message)


def _rows(graph: Graph, lexicon: str | None):
    """The loader's rows for `graph`, labels and relation types checked against the schema."""
    from kg.loaders import neo4j_loader as nl

    vocabulary = nl.relation_vocabulary(lexicon)
    for ent in graph.entities:
        nl.check_label(ent.type)
        if ent.id.startswith(DOC_PREFIX):  # entities and documents share one ID space in the CSV
            raise _error(f"entity id {ent.id!r} starts with {DOC_PREFIX!r}, which marks documents")
    rtypes = sorted({r.type for r in graph.relations})
    for rtype in rtypes:
        nl.check_rel_type(rtype, vocabulary)
        if rtype == nl.MENTIONED_IN:
            raise _error(f"relation type {rtype} is reserved for entity mentions")
    entities = [row for label in nl.ENTITY_TYPES for row in nl.entity_rows(graph, label)]
    relations = [(rtype, row) for rtype in rtypes for row in nl.relation_rows(graph, rtype)]
    return nl.document_rows(graph), entities, nl.mention_rows(graph), relations


# --- Cypher -------------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escape_char(c: str) -> str:
    if c in _ESCAPES:
        return _ESCAPES[c]
    code = ord(c)
    # Other control characters, line separators and lone surrogates: \uXXXX, so every
    # statement stays on one line and the file stays valid UTF-8.
    if code < 0x20 or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029) or 0xD800 <= code < 0xE000:
        return f"\\u{code:04x}"
    return c


def cypher_literal(value: Any) -> str:
    r"""A Cypher literal for a property value.

    >>> print(cypher_literal("O'Brien \\ \"x\"\n"))
    'O\'Brien \\ "x"\n'
    >>> cypher_literal(["a", 1, 0.5, True, None])
    "['a', 1, 0.5, true, null]"
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _error(f"{value!r} cannot be stored in Neo4j")
        return repr(value)
    if isinstance(value, str):
        return "'" + "".join(map(_escape_char, value)) + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(cypher_literal, value)) + "]"
    raise _error(f"{type(value).__name__} values cannot be stored in Neo4j")


def _sets(var: str, props: dict[str, Any]) -> str:
    return ", ".join(f"{var}.{k} = {cypher_literal(v)}" for k, v in props.items())


def cypher_statements(graph: Graph, *, lexicon: str | None = None) -> Iterable[str]:
    """One statement per line. Labels and types are checked against the schema, and
    property keys come from the loader (identifiers), so only values need quoting."""
    from kg.loaders import neo4j_loader as nl

    docs, entities, mentions, relations = _rows(graph, lexicon)
    yield from (statement + ";" for statement in nl.constraint_statements())
    for row in docs:
        sets = f" SET {_sets('d', row['props'])}" if row["props"] else ""
        yield f"MERGE (d:Document {{id: {cypher_literal(row['id'])}}}){sets};"
    for row in entities:
        props = {k: row[k] for k in ("name", "type", "aliases", "roles", "mentions")}
        yield (f"MERGE (n:Entity {{id: {cypher_literal(row['id'])}}}) SET n:{row['type']}, {_sets('n', props)}, "
               f"n.mention_count = {len(row['mentions'])};")
    counts = {(e["id"], m): sum(1 for x in e["mentions"] if x.startswith(nl.mention_prefix(m)))
              for e in entities for m in {json.loads(x)["doc"] for x in e["mentions"]}}
    for row in mentions:
        yield (f"MATCH (n:Entity {{id: {cypher_literal(row['entity'])}}}) MERGE (d:Document {{id: {cypher_literal(row['doc'])}}}) "
               f"MERGE (n)-[m:MENTIONED_IN]->(d) SET m.count = {counts[row['entity'], row['doc']]};")
    for rtype, row in relations:
        props = {"id": row["id"], "confidence": row["confidence"], "evidence": row["evidence"],
                 "evidence_count": len(row["evidence"]), **{k: row[k] for k in ("docs", "dates", "sentences")},
                 **row["props"]}
        yield (f"MATCH (s:Entity {{id: {cypher_literal(row['source'])}}}) MATCH (t:Entity {{id: {cypher_literal(row['target'])}}}) "
               f"MERGE (s)-[r:{rtype}]->(t) SET {_sets('r', props)};")


def cypher_script(graph: Graph, *, lexicon: str | None = None) -> str:
    """A script that recreates `graph` in an empty Neo4j database (``cypher-shell -f FILE``)."""
    head = [f"// kg graph: {len(graph.documents)} documents, {len(graph.entities)} entities, "
            f"{len(graph.relations)} relations. Run in an empty database: cypher-shell -f THIS_FILE",
            "// mentions and evidence are lists of JSON strings, as `kg load` stores them."]
    return "\n".join([*head, *cypher_statements(graph, lexicon=lexicon)]) + "\n"


# --- neo4j-admin CSV ----------------------------------------------------------------------

IMPORT_SH = """#!/bin/sh
# Import these files into a new Neo4j database (stop Neo4j first; the database must not exist):
#   sh import.sh [DATABASE]      (default: neo4j; neo4j-admin must be on PATH)
# List-valued columns (aliases, roles, mentions, evidence, docs, dates, sentences) hold JSON text.
cd "$(dirname "$0")" && exec neo4j-admin database import full "${1:-neo4j}" --multiline-fields=true \\
  --nodes=documents.csv --nodes=entities.csv --relationships=mentions.csv --relationships=relations.csv
"""
CSV_TYPES = ((bool, "boolean"), (int, "long"), (float, "double"))


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
    if isinstance(value, float) and not math.isfinite(value):
        raise _error(f"{value!r} cannot be stored in Neo4j")
    return value


def _objects(items: list[str]) -> list[dict]:
    # In CSV a mention or evidence item is a JSON object inside the column's JSON list, not a
    # JSON string in a JSON string: the same information, readable in a spreadsheet.
    return [json.loads(x) for x in items]


def _column(name: str, values: list[Any]) -> str:
    """``name:type`` when every value is of one scalar type (bool before int: bools are ints)."""
    present = [v for v in values if v is not None]
    for kind, tag in CSV_TYPES:
        if present and all(isinstance(v, kind) and (kind is bool or not isinstance(v, bool)) for v in present):
            return f"{name}:{tag}"
    return name


def _csv(header: list[str], rows: Iterable[list[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buf.getvalue()


def csv_files(graph: Graph, *, lexicon: str | None = None) -> dict[str, str]:
    """The files of the CSV export, name -> text (headers as `neo4j-admin database import` reads them)."""
    docs, entities, mentions, relations = _rows(graph, lexicon)
    doc_keys = ("source", "title", "date", "publisher", "url", "content_hash")
    # Documents named only by mentions get a node too, as `kg load` gives them.
    doc_rows = [[DOC_PREFIX + d["id"], "Document", d["id"], *(d["props"].get(k) for k in doc_keys)] for d in docs]
    doc_rows += [[DOC_PREFIX + d, "Document", d] + [None] * len(doc_keys)
                 for d in sorted({m["doc"] for m in mentions} - {d["id"] for d in docs})]
    doc_csv = _csv([":ID", ":LABEL", "id", *doc_keys], doc_rows)
    ent_csv = _csv(["id:ID", ":LABEL", "name", "type", "aliases", "roles", "mentions", "mention_count:long"],
                   ([e["id"], f"Entity;{e['type']}", e["name"], e["type"], e["aliases"], e["roles"], _objects(e["mentions"]),
                     len(e["mentions"])] for e in entities))
    from kg.loaders.neo4j_loader import mention_prefix

    by_id = {e["id"]: e for e in entities}
    men_csv = _csv([":START_ID", ":END_ID", ":TYPE", "count:long"],
                   ([m["entity"], DOC_PREFIX + m["doc"], "MENTIONED_IN",
                     sum(1 for x in by_id[m["entity"]]["mentions"] if x.startswith(mention_prefix(m["doc"])))]
                    for m in mentions))
    extra = sorted({k for _, row in relations for k in row["props"]})
    base = ["id", "confidence", "evidence", "evidence_count", "docs", "dates", "sentences"]
    values = [{**{k: row[k] for k in base if k in row}, "evidence": _objects(row["evidence"]),
               "evidence_count": len(row["evidence"]), **row["props"]}
              for _, row in relations]
    header = [":START_ID", ":END_ID", ":TYPE", *(_column(k, [v.get(k) for v in values]) for k in base + extra)]
    rel_csv = _csv(header, ([row["source"], row["target"], rtype, *(v.get(k) for k in base + extra)]
                            for (rtype, row), v in zip(relations, values)))
    return {"documents.csv": doc_csv, "entities.csv": ent_csv, "mentions.csv": men_csv,
            "relations.csv": rel_csv, "import.sh": IMPORT_SH}


# --- reading back from Neo4j --------------------------------------------------------------

RELATION_KEYS = frozenset({"id", "confidence", "evidence", "evidence_count", "docs", "dates", "sentences"})


def graph_from_records(documents: list[dict], entities: list[dict], relations: list[dict]) -> Graph:
    """A `Graph` from the node and relationship properties of the database shape above.

    `relations` items are ``{"source", "type", "target", "props"}``.
    """
    docs = tuple(Document(d["id"], d.get("source") or d["id"], d.get("title"), d.get("date"), d.get("publisher"),
                          d.get("url"), d.get("content_hash")) for d in sorted(documents, key=lambda d: d["id"]))
    ents = tuple(Entity(e["id"], e["name"], e["type"], tuple(e.get("aliases") or ()),
                        tuple(Mention(**json.loads(m)) for m in e.get("mentions") or ()), tuple(e.get("roles") or ()))
                 for e in sorted(entities, key=lambda e: e["id"]))
    rels = []
    for r in relations:
        props = r["props"]
        qualifiers = {k.removeprefix("property_"): v for k, v in props.items() if k not in RELATION_KEYS}
        rels.append(Relation(r["source"], r["type"], r["target"],
                             tuple(Evidence(**json.loads(e)) for e in props.get("evidence") or ()),
                             float(props.get("confidence", 0.5)), qualifiers))
    return Graph(docs, ents, tuple(sorted(rels, key=lambda r: r.key)))


def read_neo4j(*, settings=None) -> Graph:
    """The graph held in Neo4j (as `kg load` or these exports left it), in one read transaction."""
    from kg.loaders.neo4j_conn import Neo4jSettings, open_driver, translated_errors

    settings = settings or Neo4jSettings.from_env()

    def work(tx):
        docs = [r["p"] for r in tx.run("MATCH (d:Document) RETURN properties(d) AS p")]
        ents = [r["p"] for r in tx.run("MATCH (n:Entity) RETURN properties(n) AS p")]
        rels = [dict(r) for r in tx.run("MATCH (s:Entity)-[r]->(t:Entity) RETURN s.id AS source, type(r) AS type, "
                                        "t.id AS target, properties(r) AS props")]
        return docs, ents, rels

    driver = open_driver(settings)
    try:
        with translated_errors(settings, "reading the graph"), driver.session(database=settings.database) as session:
            return graph_from_records(*session.execute_read(work))
    finally:
        driver.close()
