"""`kg export` and `kg view`: thin commands over `kg.export` and `kg.view` (registered in `kg.cli`)."""
from __future__ import annotations

import click

from .cli_options import (backend_option, examples, graph_argument, neo4j_options, out_dir_option, output_option,
                          read_graph_input, refuse_overwriting_graph)
from .errors import ExportError
from .view import write_view


@click.command("export", epilog=examples(
    "kg export --format gexf -o graph.gexf           # out/graph.json as GEXF",
    "kg export graph.json --format node-link > g.json",
    "kg export --format csv --out neo4j-import/      # a folder for neo4j-admin import",
    "kg export --backend neo4j --format graphml -o db.graphml"))
@graph_argument
@click.option("--format", "-f", "fmt", required=True,
              help="json, graphml, gexf, node-link, cytoscape, cypher (one file) or csv (a folder for neo4j-admin import).")
@output_option("File to write (one-file formats; default: stdout).")
@out_dir_option("Folder to write (csv: created, or replaced if it holds an earlier csv export).", default=None)
@click.option("--lexicon", type=click.Path(dir_okay=False), default=None,
              help="Relation vocabulary file that csv/cypher accept types from (default: the bundled one).")
@backend_option()
@neo4j_options
def export(graph, fmt, output, out_dir, lexicon, backend, **conn):
    """Export GRAPH (graph JSON, default out/graph.json; or the Neo4j graph) for Gephi, yEd,
    Cytoscape, d3, networkx or Neo4j."""
    from .export import FOLDER_FORMATS, check_format, export_graph, render

    name = check_format(fmt)  # before reading a large graph, so a typo fails at once
    if name in FOLDER_FORMATS and (output or not out_dir):
        raise ExportError(f"format {name!r} writes a folder of files: give it with --out FOLDER, not -o")
    if name not in FOLDER_FORMATS and out_dir:
        raise ExportError(f"format {name!r} writes one file: give it with -o FILE (or none for stdout), not --out")
    refuse_overwriting_graph(graph, backend=backend, files=[output] if output else [], folders=[out_dir] if out_dir else [])
    data = read_graph_input(graph, backend=backend, **conn)
    if name not in FOLDER_FORMATS and not output:
        click.echo(render(data, fmt=name, lexicon=lexicon), nl=False)
        return
    written = export_graph(data, fmt=name, output=output or out_dir, lexicon=lexicon)
    where = (f"{str(out_dir).rstrip('/')}/ ({', '.join(p.name for p in written)})" if name in FOLDER_FORMATS
             else str(written[0]))
    click.echo(f"wrote {name}: {len(data.entities)} entities, {len(data.relations)} relations -> {where}")


@click.command("view", epilog=examples(
    "kg view                                  # out/graph.json -> graph.html",
    "kg view graph.json -o syria.html --title 'Syria talks'",
    "kg view --backend neo4j -o db.html"))
@graph_argument
@output_option("The HTML file to write (one self-contained page).", default="graph.html")
@click.option("--title", default=None, help="Page title (default: the document's title, or a count of documents).")
@backend_option()
@neo4j_options
def view(graph, output, title, backend, **conn):
    """Write an interactive HTML view of GRAPH (graph JSON, default out/graph.json; or the Neo4j
    graph): search, filters, evidence."""
    refuse_overwriting_graph(graph, backend=backend, files=[output])
    data = read_graph_input(graph, backend=backend, **conn)
    path = write_view(data, output=output, title=title)
    click.echo(f"wrote {path} ({len(data.entities)} entities, {len(data.relations)} relations); open it in a browser")
