"""The data passed between the stages: text -> extract -> resolve -> graph -> load -> query.

Every stage takes and returns these frozen dataclasses, so a stage can run in
another process (they pickle) and nothing downstream mutates what it was given.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping

ENTITY_TYPES = ("Person", "State", "Organisation", "Place", "Event")


@dataclass(frozen=True)
class Document:
    """One input article's metadata (its text travels separately in `SourceText`)."""

    id: str
    source: str
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    content_hash: str | None = None


@dataclass(frozen=True)
class SourceText:
    """A document and its raw text exactly as read; offsets everywhere point into `raw`."""

    document: Document
    raw: str

    @staticmethod
    def hash_of(raw: str) -> str:
        """
        >>> SourceText.hash_of("abc")[:12]
        'ba7816bf8f01'
        """
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PreparedText:
    """A document ready to parse: `content` is `raw` with page chrome blanked out.

    Blanking keeps every character where it was, so offsets found in `content`
    are offsets into the raw file.
    """

    document: Document
    raw: str
    content: str


@dataclass(frozen=True)
class Mention:
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Evidence:
    doc: str
    start: int
    end: int
    sentence: str
    date: str | None = None


@dataclass(frozen=True)
class Entity:
    """A resolved entity; within one document's extraction `id` is local to it."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    source: str
    type: str
    target: str
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5
    properties: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes two findings the same relation (see `kg.graph`)."""
        return (self.source, self.type, self.target)


@dataclass(frozen=True)
class Extraction:
    """What the extract stage found in one document (entity ids local to it)."""

    document: Document
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Graph:
    """The resolved graph of a corpus: what `kg extract` writes as graph JSON."""

    documents: tuple[Document, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
