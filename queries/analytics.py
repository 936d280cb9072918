"""The analytics queries `central`, `communities` and `search`, the same on both backends.

They compute on a `Structure` — each entity's id, name, type, aliases and document count, and
the relations' endpoints — read from the NetworkX graph (`from_networkx`) or from Neo4j
(`from_neo4j`, with `search` narrowed first by the full-text index `kg load` creates), so both
backends give the same rows. PageRank and Louvain run with networkx on the undirected entity
graph, each pair of entities weighted by the number of relations between them (MENTIONED_IN not
counted); Louvain's seed is fixed, and its nodes are visited in id order, so a partition is the
same wherever the graph comes from. The Graph Data Science plugin is not used.

>>> from kg.model import Graph, Entity, Relation
>>> from kg.loaders.networkx_loader import to_networkx
>>> g = to_networkx(Graph((), (Entity("person:a", "John Kerry", "Person"), Entity("state:b", "Bé", "State")),
...                       (Relation("person:a", "MEETS_WITH", "state:b"),)))
>>> [(r["id"], r["degree"]) for r in central(from_networkx(g))]
[('person:a', 1), ('state:b', 1)]
>>> [r["id"] for r in search(from_networkx(g), q="jon kery")], [r["name"] for r in search(from_networkx(g), q="BE")]
(['person:a'], ['Bé'])
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

import networkx as nx

from kg.loaders.networkx_loader import MENTIONED_IN
from kg.textsearch import SEARCH_INDEX, words as tokens

SEED = 42           # Louvain's seed: the same partition every run
TOP = 5             # the most central members named per community


@dataclass(frozen=True)
class Structure:
    """What the analytics read: entities by id (name, type, aliases, documents) and relation endpoints."""

    entities: dict[str, dict]
    relations: tuple[tuple[str, str], ...]
    degree: dict[str, int] | None = None  # given when the relations were not read (search on Neo4j)


def from_networkx(g: nx.MultiDiGraph) -> Structure:
    entities, docs = {}, defaultdict(int)
    for u, _, k in g.edges(keys=True):
        if k == MENTIONED_IN:
            docs[u] += 1
    for n, d in g.nodes(data=True):
        if d.get("kind") == "entity":
            entities[n] = {"name": d.get("name"), "type": d.get("type"), "aliases": list(d.get("aliases", ())),
                           "documents": docs[n]}
    relations = tuple((u, v) for u, v, k in g.edges(keys=True) if k != MENTIONED_IN and u in entities and v in entities)
    return Structure(entities, relations)


ENTITIES_CYPHER = ("MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.type AS type, "
                   "coalesce(e.aliases, []) AS aliases, COUNT { (e)-[:MENTIONED_IN]->(:Document) } AS documents")
RELATIONS_CYPHER = "MATCH (s:Entity)-[r]->(t:Entity) RETURN s.id AS source, t.id AS target"


def from_neo4j(tx) -> Structure:
    """The structure of the graph in Neo4j (run inside a read transaction)."""
    entities = {r["id"]: {"name": r["name"], "type": r["type"], "aliases": list(r["aliases"]),
                          "documents": r["documents"]} for r in tx.run(ENTITIES_CYPHER)}
    return Structure(entities, tuple((r["source"], r["target"]) for r in tx.run(RELATIONS_CYPHER)))


# --- centrality and communities -----------------------------------------------------------

def entity_graph(s: Structure) -> nx.Graph:
    """Undirected, nodes and edges added in id order, weight = relations between the pair."""
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for u, v in s.relations:
        if u != v:
            weights[min(u, v), max(u, v)] += 1
    g = nx.Graph()
    g.add_nodes_from(sorted(s.entities))
    g.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return g


def degrees(s: Structure) -> dict[str, int]:
    """Relations of each entity, either direction (as `top_entities` counts them)."""
    if s.degree is not None:
        return s.degree
    out: dict[str, int] = defaultdict(int)
    for u, v in s.relations:
        out[u] += 1
        if v != u:
            out[v] += 1
    return out


def pagerank(s: Structure, g: nx.Graph | None = None) -> dict[str, float]:
    g = entity_graph(s) if g is None else g
    if not len(g):
        return {}
    return {n: round(x, 6) for n, x in nx.pagerank(g, weight="weight").items()}


def partition(s: Structure, g: nx.Graph | None = None) -> dict[str, int]:
    """Entity id -> community number (0 the largest; ties by smallest id); entities without relations have none."""
    g = entity_graph(s) if g is None else g
    linked = g.subgraph(n for n in g if g.degree(n) > 0)
    groups = nx.community.louvain_communities(linked, weight="weight", seed=SEED) if len(linked) else []
    ordered = sorted((sorted(c) for c in groups), key=lambda c: (-len(c), c[0]))
    return {n: i for i, members in enumerate(ordered) for n in members}


def _ranked(ids: Iterable[str], rank: dict[str, float], degree: dict[str, int]) -> list[str]:
    return sorted(ids, key=lambda n: (-rank.get(n, 0.0), -degree.get(n, 0), n))


def central(s: Structure, *, limit: int = 10, type: str | None = None) -> list[dict]:
    rank, degree = pagerank(s), degrees(s)
    ids = [n for n in _ranked(s.entities, rank, degree) if type is None or s.entities[n]["type"] == type]
    return [{"id": n, "name": s.entities[n]["name"], "type": s.entities[n]["type"], "pagerank": rank.get(n, 0.0),
             "degree": degree.get(n, 0), "documents": s.entities[n]["documents"]} for n in ids[:limit]]


def communities(s: Structure, *, limit: int = 10, min_size: int = 2) -> list[dict]:
    g = entity_graph(s)
    rank, degree, groups = pagerank(s, g), degrees(s), defaultdict(list)
    for n, c in partition(s, g).items():
        groups[c].append(n)
    rows = []
    for c in sorted(groups):
        members = _ranked(groups[c], rank, degree)
        if len(members) >= min_size:
            rows.append({"community": c, "size": len(members), "central": [s.entities[n]["name"] for n in members[:TOP]],
                         "members": members})
    return rows[:limit]


# --- search -------------------------------------------------------------------------------

def allowed_edits(token: str) -> int:
    """Misspellings forgiven in a query word: none up to 2 letters, 1 up to 5, else 2 (Lucene's most)."""
    return 0 if len(token) <= 2 else 1 if len(token) <= 5 else 2


def edit_distance(a: str, b: str, most: int) -> int:
    """Levenshtein distance, or most + 1 once it is certainly more than `most`.

    >>> edit_distance("kery", "kerry", 2), edit_distance("jon", "john", 1), edit_distance("abc", "xyzw", 1)
    (1, 1, 2)
    """
    if abs(len(a) - len(b)) > most:
        return most + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > most:
            return most + 1
    return row[-1]


def match_cost(query: list[str], text: str) -> int | None:
    """Edits needed for every query word to match its own word of `text` (in order of the query), or None."""
    words, total = tokens(text), 0
    for q in query:
        most = allowed_edits(q)
        costs = [(edit_distance(q, w, most), i) for i, w in enumerate(words)]
        best = min(costs, default=(most + 1, -1))
        if best[0] > most:
            return None
        total += best[0]
        words.pop(best[1])
    return total


def query_words(q: str) -> list[str]:
    """The words of `q` a match needs: those of 3 letters or more ('al', 'de' may be left out), else all.

    >>> query_words("Bashar al-Assad"), query_words("U.S.")
    (['bashar', 'assad'], ['u', 's'])
    """
    words = tokens(q)
    return [w for w in words if len(w) >= 3] or words


def search(s: Structure, *, q: str, limit: int = 10, type: str | None = None) -> list[dict]:
    """Entities whose name or an alias has every word of `q` (`query_words`), forgiving case, accents
    and small misspellings; fewest edits first, then a match on the name, most relations, id."""
    query = query_words(q)
    if not query:
        return []
    degree, rows = degrees(s), []
    for n in sorted(s.entities):
        e = s.entities[n]
        if type is not None and e["type"] != type:
            continue
        costs = [(c, i, text) for i, text in enumerate([e["name"] or "", *sorted(e["aliases"])])
                 if (c := match_cost(query, text)) is not None]
        if costs:
            cost, i, text = min(costs)
            rows.append({"id": n, "name": e["name"], "type": e["type"], "matched": text, "edits": cost,
                         "degree": degree.get(n, 0), "_alias": i > 0})
    rows.sort(key=lambda r: (r["edits"], r["_alias"], -r["degree"], r["id"]))
    return [{k: v for k, v in r.items() if k != "_alias"} for r in rows[:limit]]


def lucene_query(q: str) -> str | None:
    """The full-text query that finds every entity `search` can match: each word, fuzzy as allowed.

    >>> lucene_query("Jon Kéry AB"), lucene_query("U.N.")
    ('jon~1 AND kery~1', 'u AND n')
    """
    words = query_words(q)
    return " AND ".join(w if allowed_edits(w) == 0 else f"{w}~{allowed_edits(w)}" for w in words) or None


SEARCH_CANDIDATES = (f"CALL db.index.fulltext.queryNodes('{SEARCH_INDEX}', $lucene) YIELD node AS e "
                     "RETURN e.id AS id, e.name AS name, e.type AS type, coalesce(e.aliases, []) AS aliases, "
                     "COUNT { (e)-[:MENTIONED_IN]->(:Document) } AS documents, COUNT { (e)-[]-(:Entity) } AS degree")


def search_structure(tx, q: str) -> Structure:
    """The entities the full-text index finds for `q` (a superset of what `search` keeps)."""
    lucene = lucene_query(q)
    rows = list(tx.run(SEARCH_CANDIDATES, lucene=lucene)) if lucene else []
    entities = {r["id"]: {"name": r["name"], "type": r["type"], "aliases": list(r["aliases"]),
                          "documents": r["documents"]} for r in rows}
    return Structure(entities, (), {r["id"]: r["degree"] for r in rows})


COMPUTED = {"central": central, "communities": communities, "search": search}


def neo4j_rows(tx, name: str, values: dict[str, Any]) -> list[dict]:
    """The rows of an analytics query on Neo4j: read what it needs, compute as on NetworkX."""
    structure = search_structure(tx, values["q"]) if name == "search" else from_neo4j(tx)
    return COMPUTED[name](structure, **values)
