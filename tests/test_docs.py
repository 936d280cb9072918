"""The documents of the repository say what kg does: docs/graph-json.md covers the contract
(../shared/CONTRACT.md, where it is beside the repository) and every field kg writes."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.graph import read_graph, to_json

ROOT = Path(__file__).resolve().parent.parent
SPEC = (ROOT / "docs" / "graph-json.md").read_text(encoding="utf-8")
CONTRACT = ROOT.parent / "shared" / "CONTRACT.md"


def field_names(markdown: str) -> set[str]:
    """The field names a spec mentions: keys of its JSON examples and `a[].b.c` paths in backticks.

    >>> sorted(field_names('`documents[].id`, `score.py` and ```json\\n{"format": "x"}\\n```'))
    ['documents', 'format', 'id']
    """
    names = set(re.findall(r'"([a-z_]+)"\s*:', markdown))
    for path in re.findall(r"`([a-z_]+(?:\[\])?(?:\.[a-z_]+(?:\[\])?)+)`", markdown):
        if not re.search(r"\.(py|md|tex|json|txt)$", path):  # a file name, not a field path
            names.update(part for part in re.split(r"\[\]|\.", path) if part)
    return names


def documented(name: str) -> bool:
    return f'"{name}"' in SPEC or re.search(rf"`(?:[a-z_\[\].]*\.)?{name}(?:\[\])?`", SPEC) is not None


@pytest.mark.skipif(not CONTRACT.exists(), reason="../shared/CONTRACT.md is not beside the repository")
def test_every_field_of_the_contract_is_in_docs_graph_json():
    names = field_names(CONTRACT.read_text(encoding="utf-8"))
    assert {"documents", "entities", "relations", "mentions", "evidence", "plover"} <= names
    assert sorted(n for n in names if not documented(n)) == []


def test_every_field_kg_writes_is_in_docs_graph_json():
    data = to_json(read_graph(ROOT / "tests" / "fixtures" / "export_syria_talks.json"))
    written = set(data)
    for part in ("documents", "entities", "relations"):
        for item in data[part]:
            written.update(item)
            for key in ("mentions", "evidence"):
                written.update(k for record in item.get(key, []) for k in record)
    assert sorted(n for n in written if not documented(n)) == []


def test_the_example_in_docs_graph_json_is_json():
    example = re.search(r"```json\n(.*?)```", SPEC, re.S).group(1)
    assert json.loads(example.replace('"..."', '""'))["format"] == "kg-graph/1"
