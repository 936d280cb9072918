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


# What an import inside a function may defer: a library slow to import (kept off `import kg` and `kg --help`),
# or an optional one (an extra, or the notebook's), so that kg imports without it.
HEAVY = {"spacy", "networkx", "scipy", "neo4j", "tqdm"}
OPTIONAL = {"pandas", "pyarrow", "dask", "distributed", "IPython"}


def _module_level(tree: ast.AST):
    """The import statements run when the module is imported (not those inside functions)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _module_level(node)


def _targets(module: str, path: Path, node: ast.AST, known: set[str]) -> set[str]:
    """Project modules by name, other libraries by their top-level package."""
    if isinstance(node, ast.Import):
        return {a.name if a.name in known else a.name.split(".")[0] for a in node.names}
    base = _base(module, path, node)
    return {f"{base}.{a.name}" if f"{base}.{a.name}" in known else (base if base in known else base.split(".")[0])
            for a in node.names}


def libraries_loaded(start: set[str], modules: dict[str, Path]) -> set[str]:
    """The heavy and optional libraries that importing `start` (project modules or libraries) loads."""
    seen, todo, found = set(), list(start), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if name not in modules:
            found |= {name} & (HEAVY | OPTIONAL)
            continue
        for parent in (name.rsplit(".", i)[0] for i in range(1, name.count(".") + 1)):
            todo.append(parent)  # a submodule's import runs its packages' __init__ first
        tree = ast.parse(modules[name].read_text(encoding="utf-8"))
        for node in _module_level(tree):
            todo += _targets(name, modules[name], node, set(modules))
    return found


def deferred_imports() -> list[tuple[str, int, set[str]]]:
    """(module, line, what it imports) for each import inside a function."""
    modules, out = project_modules(), []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lines = set()
        for fn in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)) and node.lineno not in lines:
                    lines.add(node.lineno)
                    out.append((name, node.lineno, _targets(name, path, node, set(modules))))
    return out


def test_each_import_inside_a_function_keeps_a_heavy_or_optional_library_off_the_import():
    """Else it belongs at the top of its module. `kg/__init__.py`'s lazy API is the one exception: `import kg`
    loads none of the library (tests/test_api.py)."""
    modules = project_modules()
    needless = []
    for module, line, targets in deferred_imports():
        if module == "kg" or targets & OPTIONAL:
            continue
        if not libraries_loaded(targets, modules) - libraries_loaded({module}, modules):
            needless.append(f"{modules[module].relative_to(ROOT)}:{line} {sorted(targets)}")
    assert needless == []


def test_a_needless_deferred_import_would_be_seen():
    modules = project_modules()
    assert libraries_loaded({"kg.progress"}, modules) == set()  # tqdm is imported inside progress_bar
    assert libraries_loaded({"kg.queries.hints"}, modules) == {"networkx"}  # through kg.queries.run
    assert "spacy" in libraries_loaded({"kg.pipeline"}, modules) and len(deferred_imports()) > 20


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
