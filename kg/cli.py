"""The `kg` command line: thin click commands over the library.

Every library error (`kg.errors.KgError`) becomes a one-line `click.ClickException`
here, in `KgGroup.invoke`, so no command prints a traceback for bad input.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from . import graph as graph_json
from .errors import KgError
from .model import Graph


class KgGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            raise click.ClickException("interrupted; outputs were not written (re-run to finish)") from None


@click.group(cls=KgGroup)
@click.version_option(package_name="kg")
def main() -> None:
    """Turn English news articles into an entity-and-relationship knowledge graph."""


def extraction_options(fn):
    """Options shared by the commands that read articles."""
    for opt in reversed((
        click.argument("paths", nargs=-1, required=True),
        click.option("--model", default=None, help="spaCy pipeline name or path (default: en_core_web_sm)."),
        click.option("--lexicon", type=click.Path(dir_okay=False), default=None,
                     help="JSON file extending the relation vocabulary (shape of kg/data/relations.json)."),
        click.option("--skip-errors", is_flag=True, help="Report unreadable inputs and go on with the rest."),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar or warnings on stderr."),
    )):
        fn = opt(fn)
    return fn


def run_extraction(paths, *, model, lexicon, skip_errors, quiet) -> Graph:
    from .pipeline import build_graph
    from .progress import progress_bar
    from .sources import read_sources

    errors: list[str] = []
    sources = read_sources(paths, skip_errors=skip_errors, errors=errors)
    with progress_bar(quiet=quiet) as bar:
        graph = build_graph(sources, model=model, lexicon=lexicon, progress=bar)
    for message in errors:
        click.echo(f"skipped: {message}", err=True)
    return graph


@main.command()
@extraction_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write here (default: stdout).")
def extract(paths, output, **options):
    """Extract the graph of PATHS (files, folders of *.txt, - for stdin) as graph JSON."""
    graph = run_extraction(paths, **options)
    text = graph_json.dumps(graph)
    if output:
        graph_json.write_atomic(output, text)
    else:
        click.echo(text, nl=False)


def summary(graph: Graph) -> str:
    """Documents, entities by type and relations by type, one line each."""
    ents = Counter(e.type for e in graph.entities)
    rels = Counter(r.type for r in graph.relations)
    fmt = lambda c: ", ".join(f"{k} {v}" for k, v in sorted(c.items())) or "none"
    return (f"documents: {len(graph.documents)}\nentities: {len(graph.entities)} ({fmt(ents)})\n"
            f"relations: {len(graph.relations)} ({fmt(rels)})")


@main.command()
@extraction_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out", show_default=True,
              help="Folder for graph.json and graph.graphml.")
def build(paths, out_dir, **options):
    """Build the graph of PATHS: graph JSON + GraphML in --out, and a summary."""
    from loaders.networkx_loader import to_networkx, write_graphml

    graph = run_extraction(paths, **options)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KgError(f"{out}: cannot create output folder ({exc.strerror})") from None
    graph_json.write_atomic(out / "graph.json", graph_json.dumps(graph))
    write_graphml(to_networkx(graph), out / "graph.graphml")
    click.echo(summary(graph))
    click.echo(f"wrote {out / 'graph.json'} and {out / 'graph.graphml'}")


# `kg export` and `kg view` are defined in kg/cli_export.py.
from .cli_export import export as _export_command, view as _view_command  # noqa: E402

main.add_command(_export_command)
main.add_command(_view_command)

# `kg load` and `kg query` (Neo4j and the named queries) are defined in kg/cli_neo4j.py.
from .cli_neo4j import load as _load_command, query as _query_command  # noqa: E402

main.add_command(_load_command)
main.add_command(_query_command)
