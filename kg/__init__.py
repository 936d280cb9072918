"""kg: English news articles in, an entity-and-relationship knowledge graph out."""
from __future__ import annotations

__version__ = "0.1.0"


# --- the Python API (kg/api.py): kg.extract, kg.to_networkx, kg.to_json, kg.load_neo4j, kg.query, ...
# Imported on first use, so that `import kg` stays fast (no spaCy, networkx or neo4j until needed).
_API = ("as_sources", "build", "extract", "to_networkx", "to_json", "from_json", "read_graph", "export_graph",
        "write_view", "show", "load_neo4j", "query", "query_frame")


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
