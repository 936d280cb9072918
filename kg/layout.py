"""Node positions for `kg view`, computed once when the page is written and saved in it.

Each connected component of the relation graph is laid out on its own (networkx's
ForceAtlas2; a star or a line for the tiniest), scaled so that a typical relation is
one unit long, and the components are packed in rows, largest first. networkx's
ForceAtlas2 compares every pair of nodes on each step, so a component larger than
`CORE` nodes lays out its `CORE` most connected nodes that way and places each other
node beside the neighbours already placed. Entities without relations go in a grid
after the components. Positions depend only on the graph (a fixed seed).

>>> pos = layout(["a", "b", "c", "lone"], [("a", "b"), ("b", "c")])
>>> sorted(pos) == ["a", "b", "c", "lone"] and all(len(p) == 2 for p in pos.values())
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
SMALL = 6           # components up to this size are drawn as a star around their hub
GOLDEN = math.pi * (3 - math.sqrt(5))
Pos = dict[str, tuple[float, float]]


def layout(nodes: Iterable[str], edges: Iterable[tuple[str, str]], *, seed: int = 7) -> Pos:
    """A position for every node: components packed, lone nodes in a grid below them."""
    g = nx.Graph()
    g.add_nodes_from(sorted(set(nodes)))
    g.add_edges_from((u, v) for u, v in edges if u != v)
    components = sorted((sorted(c) for c in nx.connected_components(g) if len(c) > 1),
                        key=lambda c: (-len(c), c[0]))
    placed = [_component(g.subgraph(c), seed) for c in components]
    lone = sorted(n for n in g if g.degree(n) == 0)
    return _pack(placed, lone)


def _component(g: nx.Graph, seed: int) -> Pos:
    if len(g) <= SMALL:
        return _star(g)
    core = sorted(g, key=lambda n: (-g.degree(n), n))[:CORE]
    sub = g.subgraph(core)
    start = {n: np.array([math.cos(i * GOLDEN) * math.sqrt(i + 1), math.sin(i * GOLDEN) * math.sqrt(i + 1)])
             for i, n in enumerate(core)}
    pos = {n: (float(x), float(y)) for n, (x, y) in
           nx.forceatlas2_layout(sub, pos=start, max_iter=100, seed=seed, scaling_ratio=2.0).items()}
    pos = _unit_edges(sub, pos)
    _grow(g, pos)
    return pos


def _star(g: nx.Graph) -> Pos:
    hub = min(g, key=lambda n: (-g.degree(n), n))
    others = [n for n in sorted(g) if n != hub]
    pos = {hub: (0.0, 0.0)}
    for i, n in enumerate(others):
        angle = 2 * math.pi * i / len(others)
        pos[n] = (math.cos(angle), math.sin(angle))
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


def _pack(components: list[Pos], lone: list[str]) -> Pos:
    """Components in rows (largest first, each in its bounding box), then lone nodes in a grid."""
    boxes = []
    for pos in components:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        boxes.append((pos, min(xs), min(ys), max(xs) - min(xs) + 2, max(ys) - min(ys) + 2))
    area = sum(w * h for _, _, _, w, h in boxes) + len(lone) * 4
    width = max([math.sqrt(area) * 1.1] + [w for *_, w, _ in boxes[:1]])
    out: Pos = {}
    x = y = row = 0.0
    for pos, x0, y0, w, h in boxes:
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        out.update({n: (px - x0 + 1 + x, py - y0 + 1 + y) for n, (px, py) in pos.items()})
        x, row = x + w, max(row, h)
    y += row + 1
    per_row = max(1, int(width // 2))
    for i, n in enumerate(lone):
        out[n] = (2.0 * (i % per_row), y + 2.0 * (i // per_row))
    return out
