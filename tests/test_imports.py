"""The project's modules import each other without a cycle, counting imports inside functions."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"kg": ROOT / "kg", "kg.loaders": ROOT / "loaders", "kg.queries": ROOT / "queries"}


def project_modules() -> dict[str, Path]:
    """Module name -> file, for every module installed under `kg` (loaders/ and queries/ as kg.*)."""
    out = {}
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            name = ".".join((package, *parts))
            out[name.removesuffix(".__init__")] = path
    return out


def _base(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for _ in range(node.level - 1):
        package = package.rsplit(".", 1)[0]
    return f"{package}.{node.module}" if node.module else package


def imported(module: str, path: Path, known: set[str]) -> set[str]:
    """The project modules that `module` imports anywhere in its file (top level, functions, classes)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, path, node)
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in known else base)
    return {m for m in found if m in known and m != module}


def import_graph() -> nx.DiGraph:
    modules = project_modules()
    g = nx.DiGraph()
    g.add_nodes_from(modules)
    for name, path in modules.items():
        g.add_edges_from((name, target) for target in imported(name, path, set(modules)))
    return g


def test_the_import_graph_is_read_in_full():
    g = import_graph()
    assert {"kg.cli", "kg.schema", "kg.loaders.neo4j_loader", "kg.queries.local", "kg.data"} <= set(g)
    assert g.has_edge("kg.queries.local", "kg.schema") and g.has_edge("kg", "kg.api")  # a deferred import counts
    assert g.has_edge("kg.lexicon", "kg.data")  # `from . import data`


def test_no_import_cycle():
    cycles = sorted(sorted(c) for c in nx.simple_cycles(import_graph()))
    assert cycles == []


def test_a_cycle_would_be_seen(tmp_path):
    """The check itself: a deferred import back into a module is a cycle."""
    g = import_graph()
    g.add_edge("kg.schema", "kg.graph")  # kg.graph imports kg.schema
    assert list(nx.simple_cycles(g))


def test_the_architecture_doc_names_files_that_exist():
    """docs/architecture.md lists the files to touch: each path it names is in the tree."""
    import re

    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:kg|loaders|queries|tests)/[\w/]+\.(?:py|json|md))`", text))
    on_disk = {p.removeprefix("kg/") if p.startswith(("kg/loaders/", "kg/queries/")) else p for p in named}
    missing = sorted(p for p in on_disk if not (ROOT / p).exists() and "<name>" not in p)
    assert len(named) > 20 and missing == []
