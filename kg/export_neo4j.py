"""The Neo4j exports: `neo4j-admin database import` CSV files and a Cypher script.

Both make the database that `kg load` makes (see `kg.loaders.neo4j_loader`, whose
rows they reuse, so the three stay one shape; names and encoding in `kg.schema`;
`kg.loaders.neo4j_reader` reads any of them back):

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

from .errors import ExportError
from .loaders import neo4j_loader as nl
from .model import ENTITY_TYPES, Graph
from .schema import (DOC_PREFIX, DOCUMENT, DOCUMENT_FIELDS, ENTITY, MENTIONED_IN, check_label, check_rel_type,
                     mention_prefix)


def _rows(graph: Graph, lexicon: str | None):
    """The loader's rows for `graph`, labels and relation types checked against the schema."""
    vocabulary = nl.vocabulary_of(lexicon)
    for ent in graph.entities:
        check_label(ent.type)
        if ent.id.startswith(DOC_PREFIX):  # entities and documents share one ID space in the CSV
            raise ExportError(f"entity id {ent.id!r} starts with {DOC_PREFIX!r}, which marks documents")
    rtypes = sorted({r.type for r in graph.relations})
    for rtype in rtypes:
        check_rel_type(rtype, vocabulary)
        if rtype == MENTIONED_IN:
            raise ExportError(f"relation type {rtype} is reserved for entity mentions")
    entities = [row for label in ENTITY_TYPES for row in nl.entity_rows(graph, label)]
    relations = [(rtype, row) for rtype in rtypes for row in nl.relation_rows(graph, rtype)]
    return nl.document_rows(graph), entities, nl.mention_rows(graph), relations


def _mention_count(entity_rows: dict[str, dict], mention_row: dict) -> int:
    """How many of the entity's stored mentions are in the mention row's document (MENTIONED_IN's count)."""
    prefix = mention_prefix(mention_row["doc"])
    return sum(1 for x in entity_rows[mention_row["entity"]]["mentions"] if x.startswith(prefix))


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
            raise ExportError(f"{value!r} cannot be stored in Neo4j")
        return repr(value)
    if isinstance(value, str):
        return "'" + "".join(map(_escape_char, value)) + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(cypher_literal, value)) + "]"
    raise ExportError(f"{type(value).__name__} values cannot be stored in Neo4j")


def _sets(var: str, props: dict[str, Any]) -> str:
    return ", ".join(f"{var}.{k} = {cypher_literal(v)}" for k, v in props.items())


def cypher_statements(graph: Graph, *, lexicon: str | None = None) -> Iterable[str]:
    """One statement per line. Labels and types are checked against the schema, and
    property keys come from the loader (identifiers), so only values need quoting."""
    docs, entities, mentions, relations = _rows(graph, lexicon)
    yield from (statement + ";" for statement in nl.constraint_statements())
    for row in docs:
        sets = f" SET {_sets('d', row['props'])}" if row["props"] else ""
        yield f"MERGE (d:{DOCUMENT} {{id: {cypher_literal(row['id'])}}}){sets};"
    for row in entities:
        props = {**{k: row[k] for k in ("name", "type", "aliases", "roles", "mentions", "search")}, **row["props"]}
        props["search_text"] = "".join(" " + w for w in row["search"])  # as the loader joins them
        yield (f"MERGE (n:{ENTITY} {{id: {cypher_literal(row['id'])}}}) SET n:{row['type']}, {_sets('n', props)}, "
               f"n.mention_count = {len(row['mentions'])};")
    by_id = {e["id"]: e for e in entities}
    for row in mentions:
        yield (f"MATCH (n:{ENTITY} {{id: {cypher_literal(row['entity'])}}}) "
               f"MERGE (d:{DOCUMENT} {{id: {cypher_literal(row['doc'])}}}) "
               f"MERGE (n)-[m:{MENTIONED_IN}]->(d) SET m.count = {_mention_count(by_id, row)};")
    for rtype, row in relations:
        props = {"id": row["id"], "confidence": row["confidence"], "evidence": row["evidence"],
                 "evidence_count": len(row["evidence"]), **{k: row[k] for k in ("docs", "dates", "sentences")},
                 **row["props"]}
        yield (f"MATCH (s:{ENTITY} {{id: {cypher_literal(row['source'])}}}) "
               f"MATCH (t:{ENTITY} {{id: {cypher_literal(row['target'])}}}) "
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
        raise ExportError(f"{value!r} cannot be stored in Neo4j")
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
    doc_keys = DOCUMENT_FIELDS[1:]  # after the id
    # Documents named only by mentions get a node too, as `kg load` gives them.
    doc_rows = [[DOC_PREFIX + d["id"], DOCUMENT, d["id"], *(d["props"].get(k) for k in doc_keys)] for d in docs]
    doc_rows += [[DOC_PREFIX + d, DOCUMENT, d] + [None] * len(doc_keys)
                 for d in sorted({m["doc"] for m in mentions} - {d["id"] for d in docs})]
    doc_csv = _csv([":ID", ":LABEL", "id", *doc_keys], doc_rows)
    ent_extra = sorted({k for e in entities for k in e["props"]})  # background knowledge: country, actor_roles
    ent_csv = _csv(["id:ID", ":LABEL", "name", "type", "aliases", "roles", "mentions", "mention_count:long",
                    *(_column(k, [e["props"].get(k) for e in entities]) for k in ent_extra)],
                   ([e["id"], f"{ENTITY};{e['type']}", e["name"], e["type"], e["aliases"], e["roles"], _objects(e["mentions"]),
                     len(e["mentions"]), *(e["props"].get(k) for k in ent_extra)] for e in entities))
    by_id = {e["id"]: e for e in entities}
    men_csv = _csv([":START_ID", ":END_ID", ":TYPE", "count:long"],
                   ([m["entity"], DOC_PREFIX + m["doc"], MENTIONED_IN, _mention_count(by_id, m)] for m in mentions))
    extra = sorted({k for _, row in relations for k in row["props"]})
    base = ["id", "confidence", "evidence", "evidence_count", "docs", "dates", "sentences"]  # kg.schema.RELATION_KEYS
    values = [{**{k: row[k] for k in base if k in row}, "evidence": _objects(row["evidence"]),
               "evidence_count": len(row["evidence"]), **row["props"]}
              for _, row in relations]
    header = [":START_ID", ":END_ID", ":TYPE", *(_column(k, [v.get(k) for v in values]) for k in base + extra)]
    rel_csv = _csv(header, ([row["source"], row["target"], rtype, *(v.get(k) for k in base + extra)]
                            for (rtype, row), v in zip(relations, values)))
    return {"documents.csv": doc_csv, "entities.csv": ent_csv, "mentions.csv": men_csv,
            "relations.csv": rel_csv, "import.sh": IMPORT_SH}
