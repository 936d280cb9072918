"""The named queries on the local NetworkX graph (`kg.loaders.networkx_loader.to_networkx`).

Each function returns exactly the rows of its ``.cypher`` twin on a database
loaded by `kg.loaders.neo4j_loader`: same columns in the same order, same values,
same ordering (Cypher's: nulls last ascending, first descending).

>>> from kg.model import Graph, Entity, Relation
>>> from kg.loaders.networkx_loader import to_networkx
>>> g = to_networkx(Graph((), (Entity("state:a", "A", "State", ("Ay",)), Entity("state:b", "B", "State")),
...                       (Relation("state:a", "NEGOTIATES_WITH", "state:b", confidence=0.9),)))
>>> [r["target"] for r in negotiations(g, entity="ay")]
['state:b']
"""
from __future__ import annotations

import json
from collections import defaultdict, deque
from typing import Any, Callable, Iterable

import networkx as nx

from kg.model import EntityType
from kg.schema import DOC_PREFIX, MENTIONED_IN, canonical, relation_props

from .analytics import COMPUTED, from_networkx

MAX_PATH = 8


def _missing_last(value: Any) -> tuple:
    return (1,) if value is None else (0, value)


def sort_rows(rows: list[dict], *keys: str) -> list[dict]:
    """Sort like Cypher ORDER BY; a key ending in `` DESC`` sorts descending.

    >>> sort_rows([{"a": None, "b": 1}, {"a": "x", "b": 2}, {"a": "x", "b": 3}], "a", "b DESC")
    [{'a': 'x', 'b': 3}, {'a': 'x', 'b': 2}, {'a': None, 'b': 1}]
    """
    for key in reversed(keys):
        name, _, desc = key.partition(" ")
        rows.sort(key=lambda r: _missing_last(r[name]), reverse=desc == "DESC")
    return rows


def matches(data: dict, key: str | None) -> bool:
    """Does the entity's id, name or an alias equal `key`, ignoring case?"""
    if key is None:
        return True
    k = key.lower()
    return k in (str(data.get("id", "")).lower(), str(data.get("name", "")).lower()) or \
        any(k == a.lower() for a in data.get("aliases", ()))


def entities(g: nx.MultiDiGraph, key: str | None = None, etype: str | None = None) -> list[str]:
    return [n for n, d in g.nodes(data=True) if d.get("kind") == "entity" and matches(d, key)
            and (etype is None or d.get("type") == etype)]


def relations(g: nx.MultiDiGraph, rtype: str | None = None) -> Iterable[tuple[str, str, str, dict]]:
    for u, v, k, d in g.edges(keys=True, data=True):
        if k != MENTIONED_IN and (rtype is None or k == rtype):
            yield u, v, k, d


def _name(g, n: str) -> Any:
    return g.nodes[n].get("name")


def evidence_docs(d: dict) -> list[str]:
    return sorted({e["doc"] for e in d.get("evidence", ())})


def relation_dates(g: nx.MultiDiGraph, d: dict) -> list[str]:
    """Evidence dates, else the date of the evidence's document (as the loader stores them)."""
    dates = {e.get("date") or g.nodes.get(DOC_PREFIX + e["doc"], {}).get("date") for e in d.get("evidence", ())}
    return sorted(x for x in dates if x)


def _pair_rows(g, rtype: str, entity: str | None, extra: Callable[[str, str, dict], dict]) -> list[dict]:
    rows = []
    for u, v, _, d in relations(g, rtype):
        if entity is None or matches(g.nodes[u], entity) or matches(g.nodes[v], entity):
            rows.append({"source": u, "source_name": _name(g, u), "target": v, "target_name": _name(g, v),
                         **extra(u, v, d)})
    return sort_rows(rows, "source", "target")


def negotiations(g: nx.MultiDiGraph, *, entity: str | None = None) -> list[dict]:
    return _pair_rows(g, "NEGOTIATES_WITH", entity, lambda u, v, d: {
        "confidence": d.get("confidence"), "evidence": len({canonical(e) for e in d.get("evidence", ())}),
        "docs": evidence_docs(d)})


def denials(g: nx.MultiDiGraph, *, entity: str | None = None) -> list[dict]:
    return _pair_rows(g, "DENIES", entity, lambda u, v, d: {
        "target_type": g.nodes[v].get("type"),
        "sentences": sorted({e["sentence"] for e in d.get("evidence", ()) if e.get("sentence")})})


def brokered(g: nx.MultiDiGraph, *, entity: str | None = None) -> list[dict]:
    return _pair_rows(g, "BROKERED", entity, lambda u, v, d: {
        "target_type": g.nodes[v].get("type"), "docs": evidence_docs(d)})


def events(g: nx.MultiDiGraph, *, category: str | None = None, entity: str | None = None) -> list[dict]:
    rows = []
    for u, v, k, d in relations(g):
        props = d.get("properties") or {}
        if props.get("plover") is None or category is not None and props["plover"] != category:
            continue
        if entity is None or matches(g.nodes[u], entity) or matches(g.nodes[v], entity):
            rows.append({"category": props["plover"], "cameo": props.get("cameo"), "source": u,
                         "source_name": _name(g, u), "type": k, "target": v, "target_name": _name(g, v),
                         "docs": evidence_docs(d)})
    return sort_rows(rows, "category", "source", "type", "target")


def roles(g: nx.MultiDiGraph, *, person: str) -> list[dict]:
    rows, seen = [], set()
    for p in entities(g, person, EntityType.PERSON):
        found = [(relation_props(d.get("properties", {})).get("role"), v, _name(g, v), "HOLDS_ROLE")
                 for _, v, k, d in g.out_edges(p, keys=True, data=True) if k == "HOLDS_ROLE"]
        held = {role for role, *_ in found}
        found += [(role, None, None, "title") for role in g.nodes[p].get("roles", ()) if role not in held]
        for role, of, of_name, found_as in found:
            row = {"person": p, "name": _name(g, p), "role": role, "of": of, "of_name": of_name, "found_as": found_as}
            if json.dumps(row) not in seen:
                seen.add(json.dumps(row))
                rows.append(row)
    return sort_rows(rows, "person", "role", "of")


def _neighbours(g: nx.MultiDiGraph) -> dict[str, list[tuple[str, str, str]]]:
    """node -> [(neighbour, relation type, '->' if stored from node else '<-')] over relations."""
    adj: dict[str, list] = defaultdict(list)
    for u, v, k, _ in relations(g):
        adj[u].append((v, k, "->"))
        adj[v].append((u, k, "<-"))
    return adj


def _distances(adj: dict, start: str, limit: int) -> dict[str, int]:
    dist, todo = {start: 0}, deque([start])
    while todo:
        n = todo.popleft()
        if dist[n] < limit:
            for m, _, _ in adj.get(n, ()):
                if m not in dist:
                    dist[m] = dist[n] + 1
                    todo.append(m)
    return dist


def entity(g: nx.MultiDiGraph, *, entity: str, hops: int = 1) -> list[dict]:
    adj, rows = _neighbours(g), []
    for c in entities(g, entity):
        dist = _distances(adj, c, hops - 1)
        for u, v, k, d in relations(g):
            near = min(dist.get(u, hops), dist.get(v, hops))
            if near < hops:
                rows.append({"center": c, "hop": near + 1, "source": u, "source_name": _name(g, u), "type": k,
                             "target": v, "target_name": _name(g, v), "confidence": d.get("confidence")})
    return sort_rows(rows, "center", "hop", "source", "type", "target")


def _greedy_path(adj: dict, a: str, dist: dict[str, int]) -> tuple[list, list, list]:
    """The first shortest path from `a` to dist's origin by node ids, then types, then directions."""
    ids, types, dirs = [a], [], []
    while dist[ids[-1]] > 0:
        here = ids[-1]
        step = min(m for m, _, _ in adj[here] if dist.get(m) == dist[here] - 1)
        rtype, direction = min((k, s) for m, k, s in adj[here] if m == step)
        ids.append(step), types.append(rtype), dirs.append(direction)
    return ids, types, dirs


def path(g: nx.MultiDiGraph, *, source: str, target: str) -> list[dict]:
    adj, best = _neighbours(g), None
    for b in entities(g, target):
        dist = _distances(adj, b, MAX_PATH)
        for a in entities(g, source):
            if a != b and a in dist:
                ids, types, dirs = _greedy_path(adj, a, dist)
                key = (len(types), ids, types, dirs)
                best = key if best is None or key < best else best
    if best is None:
        return []
    _, ids, types, dirs = best
    return [{"step": i + 1, "from_id": ids[i], "from_name": _name(g, ids[i]), "type": types[i],
             "direction": dirs[i], "to_id": ids[i + 1], "to_name": _name(g, ids[i + 1])} for i in range(len(types))]


def co_mentions(g: nx.MultiDiGraph, *, entity: str | None = None, min_docs: int = 1, limit: int = 50) -> list[dict]:
    by_doc: dict[str, set[str]] = defaultdict(set)
    for u, v, k in g.edges(keys=True):
        if k == MENTIONED_IN and g.nodes[u].get("kind") == "entity":
            by_doc[v[len(DOC_PREFIX):]].add(u)
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc, ents in by_doc.items():
        for a in ents:
            for b in ents:
                if a < b and (entity is None or matches(g.nodes[a], entity) or matches(g.nodes[b], entity)):
                    pairs[a, b].append(doc)
    rows = [{"a_id": a, "a_name": _name(g, a), "b_id": b, "b_name": _name(g, b), "documents": len(docs),
             "docs": sorted(docs)} for (a, b), docs in pairs.items() if len(docs) >= min_docs]
    return sort_rows(rows, "documents DESC", "a_id", "b_id")[:limit]


def _in_range(date: str, since: str | None, until: str | None) -> bool:
    return (since is None or date >= since) and (until is None or date <= until or date.startswith(until))


def timeline(g: nx.MultiDiGraph, *, since: str | None = None, until: str | None = None,
             entity: str | None = None, type: str | None = None) -> list[dict]:
    rows = []
    for u, v, k, d in relations(g, type):
        if entity is not None and not (matches(g.nodes[u], entity) or matches(g.nodes[v], entity)):
            continue
        dates = [x for x in relation_dates(g, d) if _in_range(x, since, until)]
        if dates:
            rows.append({"date": dates[0], "source": u, "source_name": _name(g, u), "type": k, "target": v,
                         "target_name": _name(g, v), "docs": evidence_docs(d)})
    return sort_rows(rows, "date", "source", "type", "target")


def top_entities(g: nx.MultiDiGraph, *, limit: int = 10, type: str | None = None) -> list[dict]:
    degree: dict[str, int] = defaultdict(int)
    for u, v, _, _ in relations(g):
        degree[u] += 1
        if v != u:
            degree[v] += 1
    rows = []
    for n in entities(g, None, type):
        data = g.nodes[n]
        docs = sum(1 for _, _, k in g.out_edges(n, keys=True) if k == MENTIONED_IN)
        rows.append({"id": n, "name": data.get("name"), "type": data.get("type"), "degree": degree[n],
                     "documents": docs, "mentions": len({canonical(m) for m in data.get("mentions", ())})})
    return sort_rows(rows, "degree DESC", "documents DESC", "id")[:limit]


def _analytics(name: str) -> Callable[..., list[dict]]:
    def run(g: nx.MultiDiGraph, **values) -> list[dict]:
        return COMPUTED[name](from_networkx(g), **values)
    run.__name__ = name
    return run


QUERIES: dict[str, Callable[..., list[dict]]] = {
    f.__name__: f for f in (negotiations, denials, brokered, events, roles, entity, path, co_mentions, timeline,
                            top_entities, _analytics("central"), _analytics("communities"), _analytics("search"))}
