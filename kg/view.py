"""`kg view`: one self-contained HTML page to explore a graph in a browser.

The page embeds its script and style (kg/data/view.js, view.css) and the graph as
JSON, so it opens without a network; its Content-Security-Policy forbids loading
anything else. Nodes are coloured by entity type and sized by mentions; clicking a
node or an edge shows its aliases, roles and evidence sentences with document and date.
"""
from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

from .errors import KgError, OutputError, ViewError
from .graph import relation_to_json, write_atomic
from .data import read_text as data_text
from .lexicon import load_lexicon
from .model import Graph
from .schema import document_record

VIEW_DOCUMENT_FIELDS = ("title", "date", "publisher", "source")  # what the details panel shows

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<div id="side">
  <h1 id="title">{title}</h1>
  <div id="counts"><span id="count-nodes">{n_nodes}</span> entities &middot; <span id="count-edges">{n_edges}</span> relations shown</div>
  <div id="partial"></div>
  <input id="search" type="search" placeholder="Search by name or alias" autocomplete="off">
  <div id="search-result"></div>
  <label class="option">Colour by <select id="colour-by"><option value="type">entity type</option><option value="community">community</option></select></label>
  <h2>Entity types</h2><div class="filters" id="entity-types"></div>
  <label class="option"><input type="checkbox" id="lone"><span>entities without relations (<span id="lone-count"></span>)</span></label>
  <h2>Relation types</h2><div class="filters" id="relation-types"></div>
  <div id="plover-section"><h2>PLOVER categories</h2><div class="filters" id="plover-types"></div></div>
  <div id="details"></div>
</div>
<div id="main">
  <div id="graph"></div>
  <button id="fit" type="button">Fit</button>
</div>
<script type="application/json" id="kg-data">{data}</script>
<script>{renderer}</script>
<script>{labels}</script>
<script>{js}</script>
</body>
</html>
"""

def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' can end or open a tag.

    >>> script_json({"name": "</script><b>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


START_LIMIT = 3000   # past this many entities with relations, the page starts on the most connected
START_SIZE = 1000
BUNDLE = "vendor/view.bundle.js"
BUILD_HINT = "run `scripts/build-view` in the kg source tree (needs Node.js 20 and npm), then reinstall"


def view_data(graph: Graph, *, symmetric: frozenset[str] = frozenset(),
              communities: dict[str, int] | None = None) -> dict:
    """What the page's script reads: nodes (with their saved positions), edges and documents."""
    from .layout import groups, layout

    ids, ends = [e.id for e in graph.entities], [(r.source, r.target) for r in graph.relations]
    pos = layout(ids, ends, names={e.id: e.name for e in graph.entities})
    group = groups(ids, ends)  # a name may run over a node of its own component only
    nodes = []
    for ent in graph.entities:
        per_doc: dict[str, int] = {}
        for m in ent.mentions:
            per_doc[m.doc] = per_doc.get(m.doc, 0) + 1
        x, y = pos[ent.id]
        node = {"id": ent.id, "name": ent.name, "type": ent.type, "aliases": list(ent.aliases),
                "roles": list(ent.roles), "mentions": len(ent.mentions), "docs": per_doc,
                "x": round(x, 3), "y": round(y, 3), "group": group[ent.id]}
        if communities is not None:
            node["community"] = communities.get(ent.id)
        nodes.append(node)
    edges = [relation_to_json(r) for r in graph.relations]  # the graph JSON's relation records
    documents = {d.id: {k: v for k, v in document_record(d).items() if k in VIEW_DOCUMENT_FIELDS}
                 for d in graph.documents}
    data = {"nodes": nodes, "edges": edges, "documents": documents, "symmetric": sorted(symmetric)}
    start = start_set(graph)
    if start is not None:
        data["start"] = start
    return data


def start_set(graph: Graph, *, limit: int | None = None, size: int | None = None) -> list[str] | None:
    """The most connected entities a large graph's page starts on (None: draw every connected one)."""
    limit = START_LIMIT if limit is None else limit
    size = START_SIZE if size is None else size
    degree: dict[str, int] = {}
    for r in graph.relations:
        for end in {r.source, r.target}:
            degree[end] = degree.get(end, 0) + 1
    if len(degree) <= limit:
        return None
    return sorted(degree, key=lambda n: (-degree[n], n))[:size]


def renderer_script() -> str:
    """The bundled renderer (sigma.js and graphology, built from viewer/ by scripts/build-view)."""
    try:
        return data_text(BUNDLE)
    except (FileNotFoundError, NotADirectoryError):
        raise ViewError(f"kg view: the graph renderer (kg/data/{BUNDLE}) is not built: {BUILD_HINT}") from None


def default_title(graph: Graph) -> str:
    if len(graph.documents) == 1:
        doc = graph.documents[0]
        return doc.title or doc.id
    return f"Knowledge graph of {len(graph.documents)} documents"


def render_html(graph: Graph, *, title: str | None = None, communities: dict[str, int] | None = None,
                colour: str = "type") -> str:
    """The whole page as a string; `communities` (entity id -> number) adds colouring by community."""
    renderer = renderer_script()
    data = view_data(graph, symmetric=load_lexicon().symmetric, communities=communities)
    data["colour"] = colour
    return PAGE.format(title=html.escape(title or default_title(graph)),
                       css=data_text("view.css"), renderer=renderer,
                       labels=data_text("labels.js"), js=data_text("view.js"),
                       data=script_json(data), n_nodes=len(data["nodes"]), n_edges=len(data["edges"]))


def write_view(graph: Graph, *, output: str | os.PathLike, title: str | None = None) -> Path:
    """Write the page to `output`, whole or not at all."""
    out = Path(output)
    if out.is_dir():
        raise ViewError(f"{out}: is a folder; give a file name such as graph.html")
    text = render_html(graph, title=title)
    try:
        write_atomic(out, text)
    except OutputError as exc:
        raise ViewError(str(exc)) from None
    return out


def communities_of(graph: Graph) -> dict[str, int]:
    """Entity id -> Louvain community, as `kg query communities` numbers them."""
    from kg.loaders.networkx_loader import to_networkx
    from kg.queries.analytics import from_networkx, partition

    return partition(from_networkx(to_networkx(graph)))


def notebook_html(graph: Graph, *, height: int = 640, title: str | None = None, colour_by: str = "type"):
    """The view for a Jupyter notebook: the page in an iframe, so its script and style stay apart."""
    from IPython.display import HTML

    if colour_by not in ("type", "community"):
        raise ViewError(f"colour_by must be 'type' or 'community', not {colour_by!r}")
    groups = communities_of(graph) if colour_by == "community" else None
    page = html.escape(render_html(graph, title=title, communities=groups, colour=colour_by), quote=True)
    # (In a div: IPython warns about HTML that starts with an iframe.)
    return HTML(f'<div class="kg-view"><iframe srcdoc="{page}" style="width:100%;height:{int(height)}px;'
                f'border:1px solid #ddd" sandbox="allow-scripts"></iframe></div>')
