"""Export a graph for other tools, and read those exports back.

Formats (``FORMATS``):

- ``json``: the graph JSON of CONTRACT.md.
- ``graphml`` and ``gexf``: Gephi, yEd, Cytoscape desktop. They hold only
  scalars, so list and dict attributes (aliases, roles, mentions, evidence,
  properties) are stored as JSON strings under their own names.
- ``node-link``: networkx's node-link JSON with d3's key names
  (``nodes``/``links``; read with ``nx.node_link_graph(data, edges="links")``).
- ``cytoscape``: Cytoscape.js elements JSON (``nx.cytoscape_graph`` reads it).
- ``csv``: a folder of ``neo4j-admin database import`` files (see `kg.export_neo4j`).
- ``cypher``: a script of parameter-free ``MERGE`` statements (see `kg.export_neo4j`).

The networkx-based formats share one node and edge shape (`kg.loaders.networkx_loader`)
plus a ``label`` on every node (entity name, document title) and edge (relation
type), which is what Gephi, yEd and Cytoscape show. Every file is written whole
or not at all.
"""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Callable

import networkx as nx

from kg.loaders.networkx_loader import _decode, from_networkx, scalar_copy, to_networkx

from .errors import ExportError, KgError, OutputError
from .export_neo4j import csv_files, cypher_script
from .graph import dumps, read_graph, usual_mode, write_atomic
from .model import Graph

FORMATS = ("json", "graphml", "gexf", "node-link", "cytoscape", "csv", "cypher")
FOLDER_FORMATS = frozenset({"csv"})


def check_format(fmt: str) -> str:
    """The format's canonical name, or an error that lists the valid ones.

    >>> check_format("GraphML")
    'graphml'
    >>> check_format("png")
    Traceback (most recent call last):
    kg.errors.ExportError: unknown export format 'png'; choose one of: json, graphml, gexf, node-link, cytoscape, csv, cypher
    """
    name = fmt.strip().lower()
    if name not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return name


# --- the shape shared by the networkx-based formats ---------------------------------------

def portable(graph: Graph):
    """The networkx graph of `graph`, with labels, and node ``id`` equal to the node key.

    A document node is keyed ``doc:<id>``; GEXF and Cytoscape take a node's ``id``
    attribute as its identity, so the document's own id moves to ``doc_id``.
    """

    g = to_networkx(graph)
    for node, data in g.nodes(data=True):
        if data.get("kind") == "document":
            data["doc_id"] = data["id"]
            data["label"] = data.get("title") or data["id"]
        else:
            data["label"] = data["name"]
        data["id"] = node
    for _, _, data in g.edges(data=True):
        data["label"] = data["type"]
    return g


def from_portable(g) -> Graph:
    """The `Graph` held in a graph made by `portable` and read back by networkx."""

    out = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        data = {k: _decode(v) for k, v in data.items() if k not in ("label", "value")}
        if data.get("kind") == "document":
            data["id"] = data.pop("doc_id")
            data.pop("name", None)  # cytoscape_data adds one to every node
        out.add_node(node, **data)
    # read_gexf returns a DiGraph when no two edges share their ends.
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, None, d) for u, v, d in g.edges(data=True))
    for u, v, key, data in edges:
        data = {k: _decode(x) for k, x in data.items() if k not in ("key", "networkx_key")}
        data["type"] = data.get("type") or data.pop("label", None) or key
        data.pop("label", None)
        out.add_edge(u, v, key=data["type"], **data)
    return from_networkx(out)


# --- writers: Graph -> text ---------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(write, g) -> str:
    """`write`'s XML as text. networkx's generate_* split lines with str.splitlines, which also
    breaks at CR, U+2028 and friends inside values, so this writes to a buffer instead.

    XML parsers turn a raw CR in element text into LF, so CR becomes a character reference.
    XML 1.0 cannot hold other control characters at all: they become U+FFFD. (Lists and
    dicts are JSON strings, whose control characters are already escaped as \\uXXXX.)
    """
    buf = io.BytesIO()
    write(g, buf)
    return _NOT_XML.sub("\ufffd", buf.getvalue().decode("utf-8").replace("\r", "&#13;"))


def _graphml(graph: Graph) -> str:

    return _xml(nx.write_graphml, scalar_copy(portable(graph)))


def _gexf(graph: Graph) -> str:

    g = scalar_copy(portable(graph))
    # GEXF reserves an edge's `type` (directed/undirected): the relation type travels as its label.
    for _, _, data in g.edges(data=True):
        del data["type"]
    for _, data in g.nodes(data=True):
        del data["id"]
    return _xml(nx.write_gexf, g)


def _node_link(graph: Graph) -> str:

    data = nx.node_link_data(portable(graph), edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _cytoscape(graph: Graph) -> str:

    data = nx.cytoscape_data(portable(graph))
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _cypher(graph: Graph, lexicon: str | None = None) -> str:
    return cypher_script(graph, lexicon=lexicon)


TEXT_WRITERS: dict[str, Callable[[Graph], str]] = {
    "json": dumps, "graphml": _graphml, "gexf": _gexf, "node-link": _node_link, "cytoscape": _cytoscape,
}


def render(graph: Graph, *, fmt: str, lexicon: str | None = None) -> str:
    """One single-file format as text; `lexicon` extends the relation types cypher accepts.

    >>> from kg.model import Entity
    >>> print(render(Graph(entities=(Entity("state:x", "X", "State"),)), fmt="cypher").splitlines()[-1])
    MERGE (n:Entity {id: 'state:x'}) SET n:State, n.name = 'X', n.type = 'State', n.aliases = [], n.roles = [], n.mentions = [], n.search = ['x'], n.search_text = ' x', n.mention_count = 0;
    """
    name = check_format(fmt)
    if name in FOLDER_FORMATS:
        raise ExportError(f"format {name!r} writes a folder of files; give an output folder with -o")
    if name == "cypher":
        return _cypher(graph, lexicon)
    return TEXT_WRITERS[name](graph)


def export_graph(graph: Graph, *, fmt: str, output: str | os.PathLike, lexicon: str | None = None) -> list[Path]:
    """Write `graph` as `fmt` to `output` (a folder for csv); return the files written."""
    name = check_format(fmt)
    out = Path(output)
    if name in FOLDER_FORMATS:
        return write_folder(out, csv_files(graph, lexicon=lexicon))
    text = render(graph, fmt=name, lexicon=lexicon)
    if out.is_dir():
        raise ExportError(f"{out}: is a folder; give a file name for the {name} export")
    try:
        write_atomic(out, text)
    except OutputError as exc:
        raise ExportError(str(exc)) from None
    return [out]


def write_folder(out: Path, files: dict[str, str]) -> list[Path]:
    """Write `files` (name -> text) as the folder `out`, all or nothing.

    They go to a temporary folder beside `out` first, renamed into place at the end.
    An existing `out` is replaced only if it holds nothing but files of these names
    (an earlier export), so a mistyped path never deletes someone's folder.
    """
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a folder; the csv export writes a folder")
    if out.is_dir() and not {p.name for p in out.iterdir()} <= set(files):
        raise ExportError(f"{out}: folder holds other files; give a new or empty folder for the csv export")
    try:
        tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
        os.chmod(tmp, usual_mode(0o777))  # mkdtemp makes 0700; the folder gets the usual mode, like its files
    except OSError as exc:
        raise ExportError(f"{out}: cannot write ({exc.strerror or exc})") from None
    try:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8", newline="")
        if out.is_dir():
            old = out.with_name(f"{tmp.name}.old")
            os.rename(out, old)
            os.rename(tmp, out)
            shutil.rmtree(old)
        else:
            os.rename(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ExportError(f"{out}: cannot write ({exc.strerror or exc})") from None
    return [out / name for name in files]


# --- readers: an export -> Graph (for checking round trips, and for re-importing) -------

def read_export(path: str | os.PathLike, *, fmt: str) -> Graph:
    """Read back a graph written by `export_graph` in one of the networkx-based formats or json."""

    name = check_format(fmt)
    if name == "json":
        return read_graph(path)
    if name in ("csv", "cypher"):
        raise ExportError(f"reading {name} exports back is done by Neo4j (load them there)")
    if name == "graphml":
        return from_portable(nx.read_graphml(path, force_multigraph=True))
    if name == "gexf":
        return from_portable(nx.read_gexf(path))
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if name == "node-link":
        return from_portable(nx.node_link_graph(data, edges="links"))
    return from_portable(nx.cytoscape_graph(data))


__all__ = ["FORMATS", "ExportError", "check_format", "export_graph", "render", "read_export",
           "portable", "from_portable", "write_folder"]
