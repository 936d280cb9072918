"""Run a named query on the local NetworkX graph or on Neo4j, or ad-hoc read-only Cypher on Neo4j.

>>> from kg.model import Graph, Entity, Relation
>>> g = Graph((), (Entity("person:a", "Ann", "Person"), Entity("state:b", "B", "State")),
...           (Relation("person:a", "HOLDS_ROLE", "state:b", properties={"role": "envoy"}),))
>>> run_query("roles", {"person": "ANN"}, graph=g)
[{'person': 'person:a', 'name': 'Ann', 'role': 'envoy', 'of': 'state:b', 'of_name': 'B', 'found_as': 'HOLDS_ROLE'}]
>>> run_query("roles", {"person": "x"}, backend="sql", graph=g)
Traceback (most recent call last):
...
kg.errors.QueryError: unknown backend 'sql': networkx or neo4j
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Mapping

import networkx as nx

from kg.graph import read_graph
from kg.loaders.neo4j_conn import Neo4jSettings, open_driver, translated_errors
from kg.loaders.networkx_loader import read_graphml, to_networkx
from kg.model import Graph

from .analytics import COMPUTED, neo4j_rows
from .catalog import QueryError, get_query
from .local import QUERIES

BACKENDS = ("networkx", "neo4j")


def as_networkx(graph: nx.MultiDiGraph | Graph | str | os.PathLike | None) -> nx.MultiDiGraph:
    """The MultiDiGraph to query: given, built from a `Graph`, or read from graph JSON / GraphML."""
    if isinstance(graph, nx.MultiDiGraph):
        return graph
    if isinstance(graph, Graph):
        return to_networkx(graph)
    if graph is None:
        raise QueryError("the networkx backend needs a graph: a Graph, or a graph JSON file from `kg extract`",
                         option="graph")
    path = Path(graph)
    if path.suffix.lower() == ".graphml":
        if not path.is_file():
            raise QueryError(f"{path}: no such file")
        return read_graphml(path)
    return to_networkx(read_graph(path))


def run_query(name: str, params: Mapping[str, Any] | None = None, *, backend: str = "networkx",
              graph: nx.MultiDiGraph | Graph | str | os.PathLike | None = None, driver=None,
              settings: Neo4jSettings | None = None) -> list[dict]:
    """The rows of the named query; name and parameters are checked before anything runs."""
    query = get_query(name)
    values = query.bind(dict(params or {}))
    if backend == "networkx":
        return QUERIES[query.name](as_networkx(graph), **values)
    if backend == "neo4j" and query.name in COMPUTED:
        return read_with(neo4j_rows, query.name, values, driver=driver, settings=settings)
    if backend == "neo4j":
        return read_rows(query.text, values, driver=driver, settings=settings)
    raise QueryError(f"unknown backend {backend!r}: {' or '.join(BACKENDS)}")


# A read transaction still lets the server read what we name: LOAD CSV fetches any URL (or file), and
# procedures such as dbms.listConfig() show the server's settings. Ad-hoc Cypher may call only these.
ALLOWED_PROCEDURES = re.compile(r"^(db\.(labels|relationshipTypes|propertyKeys|schema\.[A-Za-z]+"
                                r"|index\.fulltext\.query(Nodes|Relationships))"
                                r"|gds\.([A-Za-z0-9]+\.)*(stream|stats|estimate)|gds\.graph\.(list|exists)|gds\.version)$",
                                re.I)
_COMMENT_OR_STRING = re.compile(r"//[^\n]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.S)
_PROCEDURE = re.compile(r"\bCALL\s+((?:`[^`]*`|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:`[^`]*`|[A-Za-z_][\w$]*))*)", re.I)


def check_ad_hoc(text: str) -> None:
    """Refuse LOAD CSV and procedure calls outside `ALLOWED_PROCEDURES`, whatever the spelling.

    >>> check_ad_hoc("MATCH (n) CALL { WITH n RETURN 1 AS x } CALL db.labels() YIELD label RETURN 'LOAD CSV'")
    >>> check_ad_hoc("load  /* x */ csv FROM 'http://example.org/a.csv' AS row RETURN row")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: ad-hoc Cypher refuses LOAD CSV: the server would read a URL or file of the query's choosing
    >>> check_ad_hoc("CALL `dbms`.`listConfig`()")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: ad-hoc Cypher refuses CALL dbms.listConfig: ad-hoc queries may call only db.labels, db.relationshipTypes, db.propertyKeys, db.schema.*, db.index.fulltext.query* and GDS stream/stats procedures
    """
    code = _COMMENT_OR_STRING.sub(" ", text)
    if re.search(r"\bLOAD\s+CSV\b", code, re.I):
        raise QueryError("ad-hoc Cypher refuses LOAD CSV: the server would read a URL or file of the query's choosing")
    for match in _PROCEDURE.finditer(code):
        name = re.sub(r"[`\s]", "", match.group(1))
        if not ALLOWED_PROCEDURES.match(name):
            raise QueryError(f"ad-hoc Cypher refuses CALL {name}: ad-hoc queries may call only db.labels, "
                             "db.relationshipTypes, db.propertyKeys, db.schema.*, db.index.fulltext.query* "
                             "and GDS stream/stats procedures")


def run_cypher(text: str, params: Mapping[str, Any] | None = None, *, driver=None,
               settings: Neo4jSettings | None = None) -> list[dict]:
    """Ad-hoc Cypher, in a read transaction of a READ-mode session: the server refuses writes, and
    `check_ad_hoc` refuses what would make the server read elsewhere."""
    if not text or not text.strip():
        raise QueryError("no Cypher query given", option="cypher")
    check_ad_hoc(text)
    return read_rows(text, dict(params or {}), driver=driver, settings=settings)


def _records(tx, text: str, params: dict) -> list[dict]:
    return [record.data() for record in tx.run(text, params)]


def read_rows(text: str, params: dict, *, driver=None, settings: Neo4jSettings | None = None) -> list[dict]:
    """Rows of `text` run with `execute_read` (READ access mode); errors as `Neo4jBackendError`."""
    return read_with(_records, text, params, driver=driver, settings=settings)


def read_with(work, *args, driver=None, settings: Neo4jSettings | None = None):
    """`work(tx, *args)` in a read transaction of a READ-mode session; errors as `Neo4jBackendError`."""
    import neo4j

    settings = settings or Neo4jSettings.from_env()
    own = driver is None
    driver = driver or open_driver(settings)
    try:
        with translated_errors(settings, "running the query"):
            with driver.session(database=settings.database, default_access_mode=neo4j.READ_ACCESS) as session:
                return session.execute_read(work, *args)
    finally:
        if own:
            driver.close()
