"""Run a named query on the local NetworkX graph or on Neo4j, or ad-hoc read-only Cypher on Neo4j.

>>> from kg.model import Graph, Entity, Relation
>>> g = Graph((), (Entity("person:a", "Ann", "Person"), Entity("state:b", "B", "State")),
...           (Relation("person:a", "HOLDS_ROLE", "state:b", properties={"role": "envoy"}),))
>>> run_query("roles", {"person": "ANN"}, graph=g)
[{'person': 'person:a', 'name': 'Ann', 'role': 'envoy', 'of': 'state:b', 'of_name': 'B'}]
>>> run_query("roles", {"person": "x"}, backend="sql", graph=g)
Traceback (most recent call last):
...
kg.errors.QueryError: unknown backend 'sql': networkx or neo4j
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

import networkx as nx

from kg.model import Graph
from kg.loaders.neo4j_conn import Neo4jSettings, open_driver, translated_errors

from .catalog import QueryError, get_query
from .local import QUERIES

BACKENDS = ("networkx", "neo4j")


def as_networkx(graph: nx.MultiDiGraph | Graph | str | os.PathLike | None) -> nx.MultiDiGraph:
    """The MultiDiGraph to query: given, built from a `Graph`, or read from graph JSON / GraphML."""
    from kg.loaders.networkx_loader import read_graphml, to_networkx

    if isinstance(graph, nx.MultiDiGraph):
        return graph
    if isinstance(graph, Graph):
        return to_networkx(graph)
    if graph is None:
        raise QueryError("the networkx backend needs a graph: --graph graph.json (from `kg extract`)")
    path = Path(graph)
    if path.suffix.lower() == ".graphml":
        if not path.is_file():
            raise QueryError(f"{path}: no such file")
        return read_graphml(path)
    from kg.graph import read_graph

    return to_networkx(read_graph(path))


def run_query(name: str, params: Mapping[str, Any] | None = None, *, backend: str = "networkx",
              graph: nx.MultiDiGraph | Graph | str | os.PathLike | None = None, driver=None,
              settings: Neo4jSettings | None = None) -> list[dict]:
    """The rows of the named query; name and parameters are checked before anything runs."""
    query = get_query(name)
    values = query.bind(dict(params or {}))
    if backend == "networkx":
        return QUERIES[query.name](as_networkx(graph), **values)
    if backend == "neo4j":
        return read_rows(query.text, values, driver=driver, settings=settings)
    raise QueryError(f"unknown backend {backend!r}: {' or '.join(BACKENDS)}")


def run_cypher(text: str, params: Mapping[str, Any] | None = None, *, driver=None,
               settings: Neo4jSettings | None = None) -> list[dict]:
    """Ad-hoc Cypher, in a read transaction of a READ-mode session: the server refuses writes."""
    if not text or not text.strip():
        raise QueryError("--cypher needs a query")
    return read_rows(text, dict(params or {}), driver=driver, settings=settings)


def _records(tx, text: str, params: dict) -> list[dict]:
    return [record.data() for record in tx.run(text, params)]


def read_rows(text: str, params: dict, *, driver=None, settings: Neo4jSettings | None = None) -> list[dict]:
    """Rows of `text` run with `execute_read` (READ access mode); errors as `Neo4jBackendError`."""
    import neo4j

    settings = settings or Neo4jSettings.from_env()
    own = driver is None
    driver = driver or open_driver(settings)
    try:
        with translated_errors(settings, "running the query"):
            with driver.session(database=settings.database, default_access_mode=neo4j.READ_ACCESS) as session:
                return session.execute_read(_records, text, params)
    finally:
        if own:
            driver.close()
