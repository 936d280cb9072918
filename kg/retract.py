"""Taking documents out of a graph, and finding which documents a rebuild must take out of a database.

`without_documents` is `kg delete --backend networkx`: the documents' mentions
and evidence items go, relations left without evidence and entities left with
no mention and no relation go, and so do the Document entries. Aliases and
roles stay (a graph does not say which document gave them).

`to_retract` is what `kg build --backend neo4j` takes out of Neo4j before it
loads the new graph, so that the database follows the corpus: documents of the
previous build that are gone, documents whose text changed, and documents whose
findings resolve differently now (another document's removal can change which
entity a name is, and so the entity id its mentions hang on).
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from .graph import write_atomic
from .model import Graph
from .schema import relation_id

PENDING = "neo4j-pending.json"  # in OUT: ids a later `kg build --backend neo4j` must take out of Neo4j


def without_documents(graph: Graph, doc_ids: Iterable[str]) -> Graph:
    """`graph` without what the documents `doc_ids` contributed.

    >>> from kg.model import Document, Entity, Evidence, Mention, Relation
    >>> g = Graph((Document("a", "a"), Document("b", "b")),
    ...           (Entity("p:k", "Kerry", "Person", (), (Mention("a", 0, 5, "Kerry"), Mention("b", 0, 5, "Kerry"))),
    ...            Entity("p:l", "Lavrov", "Person", (), (Mention("b", 10, 16, "Lavrov"),))),
    ...           (Relation("p:k", "MEETS_WITH", "p:l", (Evidence("b", 0, 16, "Kerry met Lavrov"),)),))
    >>> left = without_documents(g, ["b"])
    >>> [d.id for d in left.documents], [(e.id, len(e.mentions)) for e in left.entities], left.relations
    (['a'], [('p:k', 1)], ())
    """
    gone = set(doc_ids)
    relations = []
    for rel in graph.relations:
        evidence = tuple(e for e in rel.evidence if e.doc not in gone)
        if evidence:
            relations.append(replace(rel, evidence=evidence))
    ends = {end for rel in relations for end in (rel.source, rel.target)}
    entities = []
    for ent in graph.entities:
        mentions = tuple(m for m in ent.mentions if m.doc not in gone)
        if mentions or ent.id in ends:
            entities.append(replace(ent, mentions=mentions))
    return Graph(tuple(d for d in graph.documents if d.id not in gone), tuple(entities), tuple(relations))


def contributions(graph: Graph) -> dict[str, frozenset]:
    """Per document: the (entity id, mention) and (relation id, evidence) pairs it gives the graph."""
    found: dict[str, set] = defaultdict(set)
    for ent in graph.entities:
        for m in ent.mentions:
            found[m.doc].add((ent.id, m))
    for rel in graph.relations:
        for e in rel.evidence:
            # properties as text: a qualifier's value may be a list or a dict, which a set cannot hold
            found[e.doc].add((relation_id(*rel.key), e, json.dumps(dict(rel.properties), sort_keys=True, default=str)))
    return {doc: frozenset(items) for doc, items in found.items()}


def to_retract(new: Graph, *, previous: Graph | None, stored_hashes: dict[str, str | None],
               pending: Iterable[str] = ()) -> list[str]:
    """Ids of the documents to take out of the database before `new` is loaded, in a stable order.

    `previous` is the graph this build made last time (None if unknown), `stored_hashes`
    the content hashes the database holds for `new`'s documents (absent: not stored),
    `pending` ids an interrupted run had still to take out.

    >>> from kg.model import Document
    >>> old = Graph((Document("a", "a", content_hash="1"), Document("b", "b", content_hash="2")))
    >>> new = Graph((Document("a", "a", content_hash="9"),))
    >>> to_retract(new, previous=old, stored_hashes={"a": "1"}, pending=["z"])
    ['a', 'b', 'z']
    """
    out = set(pending)
    hashes = {d.id: d.content_hash for d in new.documents}
    out |= {doc for doc, stored in stored_hashes.items() if doc in hashes and stored != hashes[doc]}
    if previous is not None:
        out |= {d.id for d in previous.documents if d.id not in hashes}
        before, after = contributions(previous), contributions(new)
        out |= {d.id for d in previous.documents if d.id in hashes
                and before.get(d.id, frozenset()) != after.get(d.id, frozenset())}
    return sorted(out)


def read_pending(out_dir: str | os.PathLike) -> list[str]:
    """The ids an earlier build left for Neo4j to take out (none if the file is absent or unreadable)."""
    try:
        ids = json.loads((Path(out_dir) / PENDING).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []


def write_pending(out_dir: str | os.PathLike, ids: list[str]) -> None:
    """Keep `ids` for the next Neo4j sync, or drop the file when there are none."""
    path = Path(out_dir) / PENDING
    if ids:
        write_atomic(path, json.dumps(sorted(set(ids)), ensure_ascii=False) + "\n")
    else:
        path.unlink(missing_ok=True)
