"""Helpers for the Neo4j loader and query tests: the fixture graphs and what loading two of them means."""
from __future__ import annotations

from pathlib import Path

from kg.graph import merge_relations, read_graph
from kg.lexicon import load_lexicon
from kg.model import Entity, Graph

FIXTURES = Path(__file__).parent / "fixtures"
SYRIA = FIXTURES / "neo4j_syria_talks.json"  # The Washington Times, 2016-09-20 (the seed article)
REUTERS = FIXTURES / "neo4j_reuters_chirac_reagan.json"  # Reuters 1987-03-31, Chirac and Reagan


def syria() -> Graph:
    return read_graph(SYRIA)


def reuters() -> Graph:
    return read_graph(REUTERS)


def union_graphs(*graphs: Graph) -> Graph:
    """What the database holds after loading `graphs` one after the other: entities merged by id
    (last name and type win, aliases/roles/mentions joined), relations by (source, type, target)."""
    docs = {d.id: d for g in graphs for d in g.documents}
    ents: dict[str, Entity] = {}
    for e in (e for g in graphs for e in g.entities):
        old = ents.get(e.id)
        if old is not None:
            e = Entity(e.id, e.name, e.type, tuple(sorted(set(old.aliases) | set(e.aliases))),
                       old.mentions + tuple(m for m in e.mentions if m not in old.mentions),
                       tuple(sorted(set(old.roles) | set(e.roles))))
        ents[e.id] = e
    rels = merge_relations([r for g in graphs for r in g.relations], load_lexicon().symmetric)
    return Graph(tuple(docs.values()), tuple(ents.values()), tuple(rels))
