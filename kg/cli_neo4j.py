"""`kg load` and `kg query`: thin click commands over `kg.loaders.neo4j_loader` and `queries`.

Library errors (`kg.errors.KgError`) are turned into one-line messages by the
`kg.cli` group, so nothing here catches them.
"""
from __future__ import annotations

from pathlib import Path

import click

from .errors import KgError


def neo4j_options(fn):
    """--uri/--username/--password/--database; unset ones come from NEO4J_* variables."""
    for opt in reversed((
        click.option("--uri", default=None, help="Bolt URI (default: $NEO4J_URI, else bolt://127.0.0.1:7687)."),
        click.option("--username", default=None, help="User (default: $NEO4J_USERNAME, else neo4j)."),
        click.option("--password", default=None, help="Password (default: $NEO4J_PASSWORD; prefer the variable)."),
        click.option("--database", default=None, help="Database (default: $NEO4J_DATABASE, else the server's default)."),
    )):
        fn = opt(fn)
    return fn


def neo4j_settings(*, uri: str | None, username: str | None, password: str | None, database: str | None):
    from kg.loaders.neo4j_conn import Neo4jSettings

    return Neo4jSettings.from_env(uri=uri, username=username, password=password, database=database)


def load_into_neo4j(graph, *, batch_size: int = 1000, lexicon: str | None = None, **conn) -> str:
    """Load `graph` into Neo4j (for `kg load` and `kg build --backend neo4j`); returns a summary line."""
    from kg.loaders.neo4j_loader import load_graph

    settings = neo4j_settings(**conn)
    report = load_graph(graph, settings=settings, batch_size=batch_size, lexicon=lexicon)
    return f"{report} into {settings.describe()}"


@click.command()
@click.argument("graph_file", type=click.Path(dir_okay=False))
@click.option("--backend", type=click.Choice(["neo4j", "networkx"]), default="neo4j", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out", show_default=True,
              help="networkx backend: folder for graph.json and graph.graphml.")
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Rows per transaction (neo4j backend).")
@click.option("--lexicon", type=click.Path(dir_okay=False), default=None,
              help="Lexicon file whose extra relation types the graph may use.")
@neo4j_options
def load(graph_file, backend, out_dir, batch_size, lexicon, **conn):
    """Load GRAPH_FILE (graph JSON from `kg extract`) into Neo4j, merging with what is there."""
    from .graph import read_graph

    graph = read_graph(graph_file)
    if backend == "neo4j":
        click.echo(load_into_neo4j(graph, batch_size=batch_size, lexicon=lexicon, **conn))
        return
    from kg.loaders.networkx_loader import to_networkx, write_graphml

    from .graph import dumps, write_atomic

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KgError(f"{out}: cannot create output folder ({exc.strerror})") from None
    write_atomic(out / "graph.json", dumps(graph))
    write_graphml(to_networkx(graph), out / "graph.graphml")
    click.echo(f"wrote {out / 'graph.json'} and {out / 'graph.graphml'}")


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """KEY=VALUE strings as a dict.

    >>> parse_params(("entity=Moscow", "limit = 5", "x=a=b"))
    {'entity': 'Moscow', 'limit': '5', 'x': 'a=b'}
    """
    from kg.queries import QueryError

    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param needs KEY=VALUE, got {pair!r}")
        params[key.strip()] = value.strip()
    return params


def describe_queries() -> str:
    from kg.queries import get_query, query_names

    lines = []
    for name in query_names():
        q = get_query(name)
        lines.append(f"{name}: {q.summary}")
        lines += [f"    {p.name} ({p.kind}, {'required' if p.required else 'optional' if p.default is None else f'default {p.default}'}): {p.doc}"
                  for p in q.params]
    return "\n".join(lines)


@click.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--backend", type=click.Choice(["networkx", "neo4j"]), default=None,
              help="Where to run it (default: networkx; neo4j for --cypher).")
@click.option("--graph", "graph_file", type=click.Path(dir_okay=False), default="out/graph.json", show_default=True,
              help="networkx backend: graph JSON (or .graphml) to query.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--cypher", default=None, help="Ad-hoc read-only Cypher to run on Neo4j instead of a named query.")
@click.option("--list", "list_only", is_flag=True, help="List the named queries and their parameters.")
@neo4j_options
def query(name, params, backend, graph_file, fmt, cypher, list_only, **conn):
    """Run the named query NAME (see --list) on the local graph or on Neo4j."""
    from kg.queries import QueryError, run_cypher, run_query
    from kg.queries.output import format_rows

    if list_only or (name is None and cypher is None):
        click.echo(describe_queries())
        return
    values = parse_params(params)
    if cypher is not None:
        if name is not None or backend == "networkx":
            raise QueryError("--cypher runs ad-hoc Cypher on Neo4j: give no query NAME and no --backend networkx")
        rows = run_cypher(cypher, values, settings=neo4j_settings(**conn))
    elif (backend or "networkx") == "neo4j":
        rows = run_query(name, values, backend="neo4j", settings=neo4j_settings(**conn))
    else:
        rows = run_query(name, values, backend="networkx", graph=graph_file)
    click.echo(format_rows(rows, fmt), nl=fmt != "csv")
