"""Node positions for `kg view`, computed once when the page is written and saved in it.

Each connected component of the relation graph is laid out on its own (networkx's
ForceAtlas2; the tiniest as a short list, the hub above its neighbours), scaled so that
a typical relation is one unit long, and the components are packed in rows, largest
first. The page writes each name to the right of its node, so every component's box
leaves room for the names of its nodes (`CHAR` units a character; they fit once a relation
is drawn about 50 pixels long: the page draws only the names that fit) and the lone
entities' grid is as wide as their names. networkx's
ForceAtlas2 compares every pair of nodes on each step, so a component larger than
`CORE` nodes lays out its `CORE` most connected nodes that way and places each other
node beside the neighbours already placed. Entities without relations go in a grid
after the components. Positions depend only on the graph (a fixed seed).

>>> pos = layout(["a", "b", "c", "lone"], [("a", "b"), ("b", "c")])
>>> sorted(pos) == ["a", "b", "c", "lone"] and all(len(p) == 2 for p in pos.values())
True
>>> pos["b"][1] < pos["a"][1] < pos["c"][1]  # a small component is a list, hub (b) on top
True
>>> layout([], [])
{}
"""
from __future__ import annotations

import math
from typing import Iterable

import networkx as nx
import numpy as np

CORE = 600          # ForceAtlas2 on at most this many nodes of one component
SMALL = 6           # components up to this size are drawn as a list under their hub
CHAR = 0.16         # units a character of a name takes (about 8 px at 50 px a relation)
NAME_GAP = 0.3      # from a node's centre to where its name starts
ROW = 0.6           # between the rows of a small component's list and of the lone entities' grid
MAX_NAME = 40       # characters: a longer name gets no more room
ASPECT = 1.3        # width / height of the screen the packing fills best
GOLDEN = math.pi * (3 - math.sqrt(5))
Pos = dict[str, tuple[float, float]]


def label_room(name: str) -> float:
    """How far right of its node a name reaches, in layout units."""
    return NAME_GAP + CHAR * min(len(name), MAX_NAME)


def layout(nodes: Iterable[str], edges: Iterable[tuple[str, str]], *, seed: int = 7,
           names: dict[str, str] | None = None) -> Pos:
    """A position for every node: components packed, lone nodes in a grid below them.

    `names` (node -> the name the page writes beside it; a missing one takes its id) sets the
    room the packing leaves right of each node."""
    g = _graph(nodes, edges)
    placed = [_component(g.subgraph(c), seed) for c in _components(g)]
    lone = sorted(n for n in g if g.degree(n) == 0)
    room = {n: label_room((names or {}).get(n, n)) for n in g}
    return _pack(placed, lone, room)


def groups(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """The number of each node's connected component (largest first; a lone node is one alone).

    >>> groups(["a", "b", "c", "lone"], [("b", "c")])
    {'b': 0, 'c': 0, 'a': 1, 'lone': 2}
    """
    g = _graph(nodes, edges)
    components = _components(g)
    out = {n: i for i, c in enumerate(components) for n in c}
    lone = sorted(n for n in g if n not in out)
    out.update({n: len(components) + i for i, n in enumerate(lone)})
    return out


def _graph(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(sorted(set(nodes)))
    g.add_edges_from((u, v) for u, v in edges if u != v)
    return g


def _components(g: nx.Graph) -> list[list[str]]:
    """The connected components of more than one node, largest first."""
    return sorted((sorted(c) for c in nx.connected_components(g) if len(c) > 1), key=lambda c: (-len(c), c[0]))


def _component(g: nx.Graph, seed: int) -> Pos:
    if len(g) <= SMALL:
        return _list(g)
    core = sorted(g, key=lambda n: (-g.degree(n), n))[:CORE]
    sub = g.subgraph(core)
    start = {n: np.array([math.cos(i * GOLDEN) * math.sqrt(i + 1), math.sin(i * GOLDEN) * math.sqrt(i + 1)])
             for i, n in enumerate(core)}
    pos = {n: (float(x), float(y)) for n, (x, y) in
           nx.forceatlas2_layout(sub, pos=start, max_iter=100, seed=seed, scaling_ratio=2.0).items()}
    pos = _unit_edges(sub, pos)
    _grow(g, pos)
    return pos


def _list(g: nx.Graph) -> Pos:
    """The hub, and its neighbours in a column below it and a little to the right: each node on
    a row of its own, so that no name runs into another node (a star's would)."""
    hub = min(g, key=lambda n: (-g.degree(n), n))
    others = [n for n in sorted(g) if n != hub]
    pos = {hub: (0.0, 0.0)}
    for i, n in enumerate(others):
        pos[n] = (0.5, ROW * (i + 1))  # (y grows downwards on the page)
    return pos


def _unit_edges(g: nx.Graph, pos: Pos) -> Pos:
    """Scale so that the median relation is one unit long."""
    lengths = sorted(math.dist(pos[u], pos[v]) for u, v in g.edges())
    median = lengths[len(lengths) // 2] if lengths else 1.0
    factor = 1.0 / median if median > 0 else 1.0
    return {n: (x * factor, y * factor) for n, (x, y) in pos.items()}


def _grow(g: nx.Graph, pos: Pos) -> None:
    """Place the nodes beyond the core, nearest first, next to their placed neighbours."""
    frontier = sorted(pos)
    while len(pos) < len(g):
        ring = sorted({m for n in frontier for m in g[n] if m not in pos})
        for i, n in enumerate(ring):
            near = [pos[m] for m in g[n] if m in pos]
            x = sum(p[0] for p in near) / len(near)
            y = sum(p[1] for p in near) / len(near)
            angle = i * GOLDEN
            pos[n] = (x + 0.6 * math.cos(angle), y + 0.6 * math.sin(angle))
        frontier = ring


def _pack(components: list[Pos], lone: list[str], room: dict[str, float]) -> Pos:
    """Components in rows (largest first, each in its bounding box widened by its names), as wide
    as makes the whole best fill a landscape screen; then lone nodes in a grid of columns as wide
    as their longest name."""
    boxes = []
    for pos in components:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        right = max(p[0] + room[n] for n, p in pos.items())
        boxes.append((pos, min(xs), min(ys), right - min(xs) + 1, max(ys) - min(ys) + 1.5))
    side = math.sqrt(sum(w * h for *_, w, h in boxes))
    widest = max((w for *_, w, _ in boxes), default=0.0)
    tries = [_rows(boxes, max(widest, side * f)) for f in (0.8, 1.0, 1.2, 1.4, 1.7, 2.0, 2.5)]
    out, width, height = min(tries, key=lambda t: max(t[1] / ASPECT, t[2]))
    column = max((room[n] for n in lone), default=0.0) + 0.5
    per_row = max(1, int(max(width, side) // column))
    for i, n in enumerate(lone):
        out[n] = (column * (i % per_row), height + 1 + ROW * (i // per_row))
    return out


def _rows(boxes: list, width: float) -> tuple[Pos, float, float]:
    """The boxes in rows no wider than `width` (a wider box alone in its row): positions, the
    width used and the height."""
    out: Pos = {}
    x = y = row = used = 0.0
    for pos, x0, y0, w, h in boxes:
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        out.update({n: (px - x0 + x, py - y0 + y) for n, (px, py) in pos.items()})
        x, row, used = x + w, max(row, h), max(used, x + w)
    return out, used, y + row
