"""Words of names as search compares them: lower case, accents dropped, split at anything not a
letter or digit. `kg load` stores them on each entity for Neo4j's full-text index (`search_text`),
and `kg query search` compares query words with them on both backends (`kg.queries.analytics`).

>>> words("Bashar al-Assad's U.S. envoy in Zürich")
['bashar', 'al', 'assad', 's', 'u', 's', 'envoy', 'in', 'zurich']
>>> search_terms("Sergei Lavrov", ["Lavrov", "Mr. Lavrov"])
['lavrov', 'mr', 'sergei']
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

WORD_RE = re.compile(r"[^\W_]+")
SEARCH_INDEX = "kg_entity_search"


def fold(text: str) -> str:
    """Lower case without accents: 'SÃO' -> 'sao'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return WORD_RE.findall(fold(text))


def search_terms(name: str | None, aliases: Iterable[str]) -> list[str]:
    """The words of a name and its aliases, sorted, once each (what the full-text index holds)."""
    return sorted({w for text in (name or "", *aliases) for w in words(text)})
