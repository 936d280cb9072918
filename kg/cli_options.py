"""Options that mean the same on every `kg` command; new commands take them from here.

- `backend_option`: `--backend [networkx|neo4j]`, default networkx. networkx is the local graph
  (graph JSON files), neo4j the Neo4j database that `neo4j_options` points at.
- `neo4j_options`: `--uri/--username/--password/--database`, on every command that can talk
  to Neo4j; unset ones come from the NEO4J_* variables.
- `graph_argument` / `graph_option`: the graph a command reads, default `out/graph.json`
  (where `kg build` writes it).
- `output_option`: `-o/--output` names a file (default stdout where the command can write
  there); `out_dir_option`: `--out` names a folder.
- `quiet_option`: `--quiet/-q`, no progress or warnings on stderr.
- `examples(...)`: the "Examples" epilog of a command's --help.
"""
from __future__ import annotations

from pathlib import Path

import click

from kg.loaders.neo4j_conn import Neo4jSettings
from kg.loaders.neo4j_reader import read_neo4j

from .errors import KgError
from .graph import read_graph
from .inputs import refuse_overwriting_inputs

BACKENDS = ("networkx", "neo4j")
DEFAULT_GRAPH = "out/graph.json"
DEFAULT_OUT = "out"


def examples(*lines: str) -> str:
    """An epilog listing example command lines, kept as written by click's help formatter.

    >>> print(examples("kg build samples/", "kg query --list"))
    \b
    Examples:
      kg build samples/
      kg query --list
    """
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def backend_option(help: str = "Where the graph is: networkx (local graph JSON) or neo4j "
                                "(the Neo4j database; see --uri)."):
    return click.option("--backend", type=click.Choice(BACKENDS), default="networkx", show_default=True,
                        help=help)


def neo4j_options(fn):
    """--uri/--username/--password/--database; unset ones come from NEO4J_* variables."""
    for opt in reversed((
        click.option("--uri", default=None, help="Neo4j Bolt URI (default: $NEO4J_URI, else bolt://127.0.0.1:7687)."),
        click.option("--username", default=None, help="Neo4j user (default: $NEO4J_USERNAME, else neo4j)."),
        click.option("--password", default=None, help="Neo4j password (default: $NEO4J_PASSWORD; prefer the variable)."),
        click.option("--database", default=None, help="Neo4j database (default: $NEO4J_DATABASE, else the server's)."),
    )):
        fn = opt(fn)
    return fn


def neo4j_settings(*, uri: str | None, username: str | None, password: str | None, database: str | None):
    """The connection the options (and NEO4J_* variables) describe."""
    return Neo4jSettings.from_env(uri=uri, username=username, password=password, database=database)


def graph_argument(fn=None, *, name: str = "graph"):
    """An optional GRAPH argument: graph JSON to read; None stands for out/graph.json
    (see `read_graph_input`), so that a command can tell whether one was given."""
    deco = click.argument(name, required=False, default=None, type=click.Path(dir_okay=False))
    return deco(fn) if fn else deco


def read_graph_input(graph: str | None, *, backend: str = "networkx", **conn):
    """The graph a command reads: graph JSON (default out/graph.json), or what Neo4j holds."""
    if backend == "neo4j":
        if graph:
            raise KgError(f"--backend neo4j reads the graph from Neo4j; drop the graph file {graph!r}")
        return read_neo4j(settings=neo4j_settings(**conn))
    if graph is None and not Path(DEFAULT_GRAPH).exists():
        raise KgError(f"{DEFAULT_GRAPH}: no such file; give a graph JSON file, or make this one with "
                      "`kg build ARTICLES --out out/`")
    return read_graph(graph or DEFAULT_GRAPH)


def refuse_overwriting_graph(graph: str | None, *, backend: str = "networkx", files=(), folders=()) -> None:
    """Before reading: an output onto the graph file read (or a folder holding it) would destroy it."""
    path = graph or DEFAULT_GRAPH
    if backend != "neo4j" and Path(path).is_file():
        refuse_overwriting_inputs([path], files=files, folders=folders)


def graph_option(fn=None, *, name: str = "graph"):
    """--graph FILE, for commands whose argument is something else (kg query NAME)."""
    deco = click.option("--graph", name, type=click.Path(dir_okay=False), default=DEFAULT_GRAPH, show_default=True,
                        help="Graph JSON (or .graphml) to read (networkx backend).")
    return deco(fn) if fn else deco


def output_option(help: str = "File to write (default: stdout).", default: str | None = None, **kwargs):
    return click.option("-o", "--output", type=click.Path(dir_okay=False), default=default,
                        show_default=default is not None, help=help, **kwargs)


def out_dir_option(help: str = "Folder to write into.", default: str | None = DEFAULT_OUT, **kwargs):
    return click.option("--out", "out_dir", type=click.Path(file_okay=False), default=default,
                        show_default=default is not None, help=help, **kwargs)


def quiet_option(fn):
    return click.option("--quiet", "-q", is_flag=True, help="No progress bar or warnings on stderr.")(fn)
