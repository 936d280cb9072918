"""The embedded default store: a NetworkX MultiDiGraph, saved as graph JSON or GraphML.

Shape (names and records from `kg.schema`): entity nodes keyed by entity id (`kind="entity"`, name, type, aliases,
roles, mentions, mention_count); Document nodes keyed `doc:<id>`
(`kind="document"`, type "Document"); an entity -> document `MENTIONED_IN`
edge per document it is mentioned in (with `count`); relation edges keyed by
relation type carrying id, confidence, properties and evidence.

GraphML holds only scalars, so lists and dicts are stored there as JSON
strings (attribute names unchanged) and decoded again on reading.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from collections import Counter
from typing import Any

import networkx as nx

from kg.graph import PAIR, check_pair, dumps, with_build_id, write_all_atomic, write_atomic
from kg.model import Entity, Graph, Relation
from kg.schema import (DOC_PREFIX, DOCUMENT, MENTIONED_IN, document_from_record, document_record,
                       evidence_from_record, evidence_record, mention_from_record, mention_record, relation_id)


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Build the MultiDiGraph of `graph`.

    >>> from kg.model import Entity, Mention, Document
    >>> g = Graph((Document("a.txt", "a.txt"),), (Entity("state:x", "X", "State", (), (Mention("a.txt", 0, 1, "X"),)),))
    >>> sorted(to_networkx(g).edges(keys=True))
    [('state:x', 'doc:a.txt', 'MENTIONED_IN')]
    """
    g = nx.MultiDiGraph()
    for doc in graph.documents:
        g.add_node(DOC_PREFIX + doc.id, kind="document", type=DOCUMENT, **document_record(doc))
    for ent in graph.entities:
        g.add_node(ent.id, kind="entity", id=ent.id, name=ent.name, type=ent.type, aliases=list(ent.aliases),
                   roles=list(ent.roles), mention_count=len(ent.mentions), properties=dict(ent.properties),
                   mentions=[mention_record(m) for m in ent.mentions])
        for doc_id, count in sorted(Counter(m.doc for m in ent.mentions).items()):
            g.add_edge(ent.id, DOC_PREFIX + doc_id, key=MENTIONED_IN, type=MENTIONED_IN, count=count)
    for rel in graph.relations:
        g.add_edge(rel.source, rel.target, key=rel.type, type=rel.type, id=relation_id(*rel.key),
                   confidence=rel.confidence, properties=dict(rel.properties),
                   evidence=[evidence_record(e) for e in rel.evidence])
    return g


def from_networkx(g: nx.MultiDiGraph) -> Graph:
    """The `Graph` held in a MultiDiGraph made by `to_networkx` (inverse of it)."""
    docs, ents = [], []
    for node, data in g.nodes(data=True):
        if data.get("kind") == "document":
            docs.append(document_from_record(data))
        else:
            ents.append(Entity(node, data["name"], data["type"], tuple(data.get("aliases", ())),
                               tuple(mention_from_record(m) for m in data.get("mentions", ())),
                               tuple(data.get("roles", ())), dict(data.get("properties", {}))))
    rels = [Relation(u, data["type"], v, tuple(evidence_from_record(e) for e in data.get("evidence", ())),
                     float(data.get("confidence", 0.5)), dict(data.get("properties", {})))
            for u, v, data in g.edges(data=True) if data.get("type") != MENTIONED_IN]
    return Graph(tuple(docs), tuple(ents), tuple(sorted(rels, key=lambda r: r.key)))


def _encode(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, (list, dict)) else value


def _decode(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def scalar_copy(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose list and dict attributes are JSON strings (for GraphML and GEXF)."""
    out = nx.MultiDiGraph(**{k: _encode(v) for k, v in g.graph.items()})
    out.add_nodes_from((n, {k: _encode(v) for k, v in d.items()}) for n, d in g.nodes(data=True))
    out.add_edges_from((u, v, k, {a: _encode(x) for a, x in d.items()}) for u, v, k, d in g.edges(keys=True, data=True))
    return out


def graphml_text(g: nx.MultiDiGraph) -> str:
    return "\n".join(nx.generate_graphml(scalar_copy(g))) + "\n"


def write_graphml(g: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Save as GraphML, whole or not at all."""
    write_atomic(path, graphml_text(g))


def write_graph_files(graph: Graph, out: Path) -> tuple[Path, Path]:
    """OUT/graph.json and OUT/graph.graphml, committed together: both written under temporary names
    before either is renamed, and both carrying one build id, so that a reader refuses a pair that a
    kill between the two renames left from different builds (`kg.graph.check_pair`)."""
    text, build = with_build_id(dumps(graph))
    g = to_networkx(graph)
    g.graph["build"] = build
    files = {out / PAIR[0]: text, out / PAIR[1]: graphml_text(g)}
    write_all_atomic(files)
    return tuple(files)


def read_graphml(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read a GraphML file written by `write_graphml`, decoding its JSON-encoded lists."""
    check_pair(path)
    raw = nx.read_graphml(path, force_multigraph=True)
    g = nx.MultiDiGraph()
    g.add_nodes_from((n, {k: _decode(v) for k, v in d.items()}) for n, d in raw.nodes(data=True))
    g.add_edges_from((u, v, k, {a: _decode(x) for a, x in d.items()}) for u, v, k, d in raw.edges(keys=True, data=True))
    return g
