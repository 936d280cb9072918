"""notebooks/explore.ipynb runs top to bottom in a real kernel (the venv's python), without an error."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from kg import queries

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "explore.ipynb"


@pytest.fixture
def executed(request):
    if os.environ.get("NEO4J_URI"):
        request.getfixturevalue("neo4j_db")  # the notebook loads the samples into an emptied database
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient
    from jupyter_client.kernelspec import KernelSpecManager, NATIVE_KERNEL_NAME

    nb = nbformat.read(NOTEBOOK, as_version=4)
    # Use the interpreter running the tests (the venv's), not whatever `python3` a kernelspec names.
    manager = KernelSpecManager()
    manager.get_kernel_spec(NATIVE_KERNEL_NAME)  # ipykernel is installed (the `test` extra)
    client = NotebookClient(nb, timeout=300, kernel_name=NATIVE_KERNEL_NAME,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.km = client.kernel_manager_class(kernel_name=NATIVE_KERNEL_NAME, kernel_spec_manager=manager)
    client.km.kernel_cmd = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    client.execute()  # raises CellExecutionError on the first failing cell
    return nb


def outputs(nb, index: int) -> str:
    parts = []
    for out in nb.cells[index].get("outputs", []):
        parts.append(out.get("text", ""))
        parts.append(out.get("data", {}).get("text/plain", ""))
        parts.append(out.get("data", {}).get("text/html", ""))
    return "\n".join(parts)


def cell_with(nb, needle: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and needle in c.source)


def test_notebook_runs_and_shows_the_graph(executed):
    nb = executed
    assert all(c.get("execution_count") for c in nb.cells if c.cell_type == "code")
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    built = outputs(nb, cell_with(nb, "graph = kg.extract"))
    articles = len(list((NOTEBOOK.parent.parent / "samples").rglob("*.txt")))
    assert articles > 1 and f"{articles} documents" in built and " entities, " in built
    assert "United States" in outputs(nb, cell_with(nb, "entities = pd.DataFrame"))
    queries_out = outputs(nb, cell_with(nb, "local_results = {}"))
    for name in ("top_entities", "roles", "denials", "negotiations", "path", "timeline"):
        assert f"{name}: " in queries_out
    view = outputs(nb, cell_with(nb, "kg.show(graph"))
    assert '<iframe srcdoc="' in view and "kg-data" in view
    neo4j = outputs(nb, cell_with(nb, 'os.environ.get("NEO4J_URI")'))
    if os.environ.get("NEO4J_URI"):
        assert "same as local: False" not in neo4j and neo4j.count("same as local: True") == len(queries.query_names())
    else:
        assert "skipping the Neo4j part" in neo4j
    central = outputs(nb, cell_with(nb, 'central = kg.query_frame("central"'))
    assert "pagerank" in central and "United States" in central
    groups = outputs(nb, cell_with(nb, 'communities = kg.query_frame("communities"'))
    assert "communities of 2 entities or more" in groups
    drawn = outputs(nb, cell_with(nb, 'colour_by="community"'))
    assert '<iframe srcdoc="' in drawn and "&quot;community&quot;: 0" in drawn and "&quot;colour&quot;: &quot;community&quot;" in drawn
    searched = outputs(nb, cell_with(nb, 'found = kg.query_frame("search"'))
    person = searched.split("first match ", 1)[1].split(" (", 1)[0].strip("'")
    assert searched.startswith("search '") and person and "letters changed" in searched
    evidence = outputs(nb, cell_with(nb, "subject = max("))
    assert "offsets" in evidence and "sentence" in evidence
