"""`kg load` and `kg query`: thin click commands over `kg.loaders.neo4j_loader` and `queries`.

Library errors (`kg.errors.KgError`) are turned into one-line messages by the
`kg.cli` group, so nothing here catches them.
"""
from __future__ import annotations

from pathlib import Path

import click

from kg.loaders.neo4j_bulk import BULK_BATCH
from kg.loaders.neo4j_conn import driver_logs, open_driver, translated_errors
from kg.loaders.neo4j_loader import DEFAULT_BATCH, load_graph
from kg.loaders.neo4j_sync import retract_documents, stored_hashes

from .cli_options import (backend_option, examples, graph_argument, graph_option, neo4j_options, neo4j_settings,
                          out_dir_option, quiet_option, read_graph_input, refuse_overwriting_graph)
from .errors import KgError
from .graph import read_graph
from .retract import without_documents


def load_into_neo4j(graph, *, batch_size: int | None = None, lexicon: str | None = None, bulk: bool = False,
                    quiet: bool = False, analytics: bool = False, **conn) -> str:
    """Load `graph` into Neo4j (merging, or `bulk` into an empty database); with `analytics`, then
    store pagerank and community on every entity. Returns a summary line. The driver's retry
    warnings are one line each (none with `quiet`)."""
    driver_logs(quiet=quiet)
    settings = neo4j_settings(**conn)
    report = load_graph(graph, settings=settings, batch_size=batch_size or (BULK_BATCH if bulk else DEFAULT_BATCH),
                        lexicon=lexicon, bulk=bulk, analytics=analytics)
    extra = "; pagerank and community stored on every entity" if analytics else ""
    return f"{report} into {settings.describe()}{extra}"


@click.command(epilog=examples(
    "kg load --backend neo4j                     # out/graph.json into Neo4j ($NEO4J_URI etc.)",
    "kg load graph.json --backend neo4j --uri bolt://db:7687 --username neo4j",
    "kg load graph.json --out out/               # the local graph: out/graph.json + out/graph.graphml",
    "kg load graph.json --backend neo4j --bulk   # a new, empty database: CREATE, not MERGE"))
@graph_argument
@backend_option("neo4j: merge into the Neo4j database (see --uri); networkx: write the local graph into --out.")
@out_dir_option("networkx backend: folder for graph.json and graph.graphml.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Rows per transaction (neo4j backend; default 1000, with --bulk 10000).")
@click.option("--bulk", is_flag=True,
              help="neo4j backend: create the graph in an empty database (CREATE, no merging; refused if not empty).")
@click.option("--lexicon", type=click.Path(dir_okay=False), default=None,
              help="Lexicon file whose extra relation types the graph may use.")
@click.option("--analytics", is_flag=True,
              help="neo4j backend: then store `pagerank` and `community` on every entity (as `kg query central`/`communities`).")
@quiet_option
@neo4j_options
def load(graph, backend, out_dir, batch_size, bulk, lexicon, analytics, quiet, **conn):
    """Load GRAPH (graph JSON, default out/graph.json) into Neo4j, merging with what is there,
    or into the local graph folder --out."""
    if bulk and backend != "neo4j":
        raise click.UsageError("--bulk loads into Neo4j: add --backend neo4j")
    if analytics and backend != "neo4j":
        raise KgError("--analytics stores pagerank and community in Neo4j: add --backend neo4j "
                      "(on the local graph, `kg query central` and `kg query communities` compute them)")
    if backend == "networkx":
        refuse_overwriting_graph(graph, files=[Path(out_dir) / "graph.json", Path(out_dir) / "graph.graphml"])
    data = read_graph_input(graph)
    if backend == "neo4j":
        click.echo(load_into_neo4j(data, batch_size=batch_size, lexicon=lexicon, bulk=bulk, analytics=analytics,
                                   quiet=quiet, **conn))
        return
    click.echo(write_local_graph(data, out_dir))


def write_local_graph(graph, out_dir) -> str:
    """OUT/graph.json and OUT/graph.graphml (for `kg build` and `kg load`); returns what was written."""
    from kg.loaders.networkx_loader import write_graph_files

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KgError(f"{out}: cannot create output folder ({exc.strerror})") from None
    json_file, graphml_file = write_graph_files(graph, out)
    return f"wrote {json_file} and {graphml_file}"


@click.command(epilog=examples(
    "kg delete reuters-42                        # from out/graph.json (and out/graph.graphml)",
    "kg delete reuters-42 reuters-43 --backend neo4j"))
@click.argument("doc_ids", nargs=-1, required=True)
@backend_option("networkx: the local graph in --out; neo4j: the Neo4j database (see --uri).")
@out_dir_option("networkx backend: folder whose graph.json and graph.graphml are rewritten.")
@neo4j_options
def delete(doc_ids, backend, out_dir, **conn):
    """Remove documents DOC_ID... (a retracted article) and all that only they support from a graph.

    Their mentions and evidence go, then relations left without evidence, entities left with no
    mention and no relation, and the documents; a re-run after an interruption finishes the job.
    """
    if backend == "neo4j":
        settings = neo4j_settings(**conn)
        driver = open_driver(settings)
        try:
            with translated_errors(settings, "deleting documents"):
                present = set(stored_hashes(driver, doc_ids, database=settings.database))
                retract_documents(driver, present, database=settings.database)
        finally:
            driver.close()
        where = settings.describe()
    else:
        graph = read_graph(Path(out_dir) / "graph.json")
        present = {d.id for d in graph.documents} & set(doc_ids)
        write_local_graph(without_documents(graph, present), out_dir)
        where = str(Path(out_dir) / "graph.json")
    missing = [d for d in dict.fromkeys(doc_ids) if d not in present]
    click.echo(f"deleted {len(present)} documents from {where}"
               + (f"; not there (already deleted?): {', '.join(missing)}" if missing else ""))


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


@click.command(epilog=examples(
    "kg query --list",
    "kg query roles -p person=\"Sergei Lavrov\"            # on out/graph.json",
    "kg query timeline -p since=2016-09-01 --format csv",
    "kg query path -p source=Aleppo -p target=\"John Kerry\" --backend neo4j",
    "kg query --backend neo4j --cypher 'MATCH (n:State) RETURN n.name AS name'"))
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@backend_option("Where to run it: networkx (the local graph, --graph) or neo4j (see --uri; --cypher needs it).")
@graph_option(name="graph_file")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="table (aligned columns), json (a list of objects) or csv (a header row).")
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
        if name is not None or backend != "neo4j":
            raise QueryError("--cypher runs ad-hoc Cypher on Neo4j: give --backend neo4j and no query NAME")
        rows = run_cypher(cypher, values, settings=neo4j_settings(**conn))
    else:
        settings = neo4j_settings(**conn) if backend == "neo4j" else None
        rows = run_query(name, values, backend=backend, graph=graph_file, settings=settings)
        if not rows:
            from kg.queries.hints import unknown_entities

            for note in unknown_entities(name, values, backend=backend, graph=graph_file, settings=settings):
                click.echo(f"note: {note}", err=True)
    click.echo(format_rows(rows, fmt), nl=fmt != "csv")
