"""Why a named query found nothing: a parameter that names no entity, with the closest names.

>>> from kg.model import Graph, Entity
>>> g = Graph((), (Entity("person:sergei-lavrov", "Sergei Lavrov", "Person", aliases=("Lavrov",)),
...                Entity("state:russia", "Russia", "State")), ())
>>> unknown_entities("roles", {"person": "Sergey Lavrov"}, graph=g)
["no entity is named 'Sergey Lavrov' (person); closest: Sergei Lavrov"]
>>> unknown_entities("roles", {"person": "lavrov"}, graph=g)
[]
"""
from __future__ import annotations

import difflib
from typing import Any, Mapping

from .catalog import get_query
from .run import as_networkx, run_cypher

NAMES_CYPHER = "MATCH (n:Entity) RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases"


def entity_params(name: str, params: Mapping[str, Any]) -> dict[str, str]:
    """The given parameters of the query that name an entity (by id, name or alias)."""
    query = get_query(name)
    return {p.name: str(params[p.name]) for p in query.params
            if p.kind == "str" and "id, name or alias" in p.doc and params.get(p.name) not in (None, "")}


def _records(backend: str, graph, settings) -> list[dict]:
    if backend == "neo4j":
        return run_cypher(NAMES_CYPHER, {}, settings=settings)
    g = as_networkx(graph)
    return [{"id": n, "name": d.get("name", ""), "aliases": list(d.get("aliases", ()))}
            for n, d in g.nodes(data=True) if d.get("kind") == "entity"]


def unknown_entities(name: str, params: Mapping[str, Any], *, backend: str = "networkx", graph=None,
                     settings=None) -> list[str]:
    """One line per entity parameter that matches no entity's id, name or alias (ignoring case)."""
    wanted = entity_params(name, params)
    if not wanted:
        return []
    forms: dict[str, str] = {}  # lower-cased id/name/alias -> the entity's name
    for record in _records(backend, graph, settings):
        for form in (record["id"], record["name"], *record["aliases"]):
            forms.setdefault(str(form).lower(), record["name"])
    notes = []
    for param, value in wanted.items():
        if value.lower() not in forms:
            close = difflib.get_close_matches(value.lower(), list(forms), n=5, cutoff=0.6)
            names = list(dict.fromkeys(forms[c] for c in close))
            notes.append(f"no entity is named {value!r} ({param})"
                         + (f"; closest: {', '.join(names)}" if names else ""))
    return notes
