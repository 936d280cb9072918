"""Shared helpers for tests that parse real sentences (imported by the test modules)."""
from __future__ import annotations

from functools import lru_cache

from kg.extractor import Extractor
from kg.lexicon import load_lexicon
from kg.model import Document, SourceText
from kg.nlp import load_model
from kg.resolve import Resolver
from kg.text import prepare


@lru_cache(maxsize=1)
def extractor() -> Extractor:
    return Extractor(load_model(), lexicon=load_lexicon())


def extract_text(text: str, doc_id: str = "t.txt"):
    """The resolved graph of one text."""
    prepared = prepare(SourceText(Document(doc_id, doc_id), text))
    extraction = extractor().extract(load_model()(prepared.content), prepared)
    resolver = Resolver(symmetric=load_lexicon().symmetric)
    resolver.add(extraction)
    return resolver.graph()


def facts(graph) -> set[tuple[str, str, str]]:
    """(source name, type, target name) for every relation of a graph."""
    names = {e.id: e.name for e in graph.entities}
    return {(names[r.source], r.type, names[r.target]) for r in graph.relations}


def typed(graph) -> set[tuple[str, str]]:
    return {(e.name, e.type) for e in graph.entities}
