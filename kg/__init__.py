"""kg: English news articles in, an entity-and-relationship knowledge graph out."""
from __future__ import annotations

__version__ = "0.1.0"
