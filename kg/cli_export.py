"""`kg export` and `kg view`: thin commands over `kg.export` and `kg.view` (registered in `kg.cli`)."""
from __future__ import annotations

import click

from .errors import KgError

BACKENDS = ("json", "neo4j")


def read_input(graph_json: str | None, *, backend: str, uri: str | None, database: str | None):
    """The graph to show or export: a graph JSON file, or what Neo4j holds."""
    name = backend.strip().lower()
    if name not in BACKENDS:
        raise KgError(f"unknown backend {backend!r}; choose one of: {', '.join(BACKENDS)}")
    if name == "neo4j":
        if graph_json:
            raise KgError(f"--backend neo4j reads the graph from Neo4j; drop the input file {graph_json!r}")
        from kg.loaders.neo4j_conn import Neo4jSettings

        from kg.loaders.neo4j_reader import read_neo4j

        return read_neo4j(settings=Neo4jSettings.from_env(uri=uri, database=database))
    if not graph_json:
        raise KgError("give a graph JSON file (from `kg extract` or `kg build`), or --backend neo4j")
    from .graph import read_graph

    return read_graph(graph_json)


def input_options(fn):
    """Where the graph comes from: a graph JSON file, or Neo4j (settings as for `kg load`)."""
    for opt in reversed((
        click.argument("graph_json", required=False),
        click.option("--backend", default="json", show_default=True,
                     help=f"Read the graph from: {' or '.join(BACKENDS)} (neo4j: NEO4J_URI etc.)."),
        click.option("--uri", default=None, help="Neo4j Bolt URI (default: $NEO4J_URI, else bolt://127.0.0.1:7687)."),
        click.option("--database", default=None, help="Neo4j database (default: $NEO4J_DATABASE or the server's)."),
    )):
        fn = opt(fn)
    return fn


@click.command("export")
@input_options
@click.option("--format", "-f", "fmt", required=True,
              help="json, graphml, gexf, node-link, cytoscape, csv (a folder for neo4j-admin import) or cypher.")
@click.option("-o", "--output", required=True, type=click.Path(),
              help="Output file; for csv, the output folder (created, or replaced if it holds an earlier csv export).")
@click.option("--lexicon", type=click.Path(dir_okay=False), default=None,
              help="Relation vocabulary file that csv/cypher accept types from (default: the bundled one).")
def export(graph_json, backend, uri, database, fmt, output, lexicon):
    """Export GRAPH_JSON (or the Neo4j graph) for Gephi, yEd, Cytoscape, d3, networkx or Neo4j."""
    from .export import check_format, export_graph

    name = check_format(fmt)  # before reading a large graph, so a typo fails at once
    graph = read_input(graph_json, backend=backend, uri=uri, database=database)
    written = export_graph(graph, fmt=name, output=output, lexicon=lexicon)
    click.echo(f"wrote {name}: {len(graph.entities)} entities, {len(graph.relations)} relations -> "
               + (f"{output}/ ({', '.join(p.name for p in written)})" if len(written) > 1 else str(written[0])))


@click.command("view")
@input_options
@click.option("-o", "--output", default="graph.html", show_default=True, type=click.Path(dir_okay=False),
              help="The HTML file to write (one self-contained page).")
@click.option("--title", default=None, help="Page title (default: the document's title, or a count of documents).")
def view(graph_json, backend, uri, database, output, title):
    """Write an interactive HTML view of GRAPH_JSON (or the Neo4j graph): search, filters, evidence."""
    from .view import write_view

    graph = read_input(graph_json, backend=backend, uri=uri, database=database)
    path = write_view(graph, output=output, title=title)
    click.echo(f"wrote {path} ({len(graph.entities)} entities, {len(graph.relations)} relations); open it in a browser")
