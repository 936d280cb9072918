"""The data passed between the stages: text -> extract -> resolve -> graph -> load -> query.

Every stage takes and returns these frozen dataclasses, so a stage can run in
another process (they pickle) and nothing downstream mutates what it was given.
The ones made per mention and per finding have slots: a 50 MB text makes millions (issue 8).
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping


class EntityType(str, Enum):
    """The kinds of entity. A member is a `str` equal to its name ("Person"), so code compares
    `entity.type == EntityType.PERSON` while the data (graph JSON, pickles, stores) holds plain strings.

    >>> EntityType.PERSON == "Person", f"{EntityType.STATE}", EntityType("Place") is EntityType.PLACE
    (True, 'State', True)
    """

    PERSON = "Person"
    STATE = "State"
    ORGANISATION = "Organisation"
    PLACE = "Place"
    EVENT = "Event"

    __str__ = str.__str__
    __format__ = str.__format__


ENTITY_TYPES = tuple(t.value for t in EntityType)


@dataclass(frozen=True, order=True)
class LocalRef:
    """An entity within one document's extraction, before resolution: mention `index` (kind "m")
    or named event `index` (kind "e"). `str()` is its id in the `Extraction`.

    >>> str(LocalRef.mention(3)), LocalRef.event(1).is_mention
    ('m3', False)
    """

    kind: str
    index: int

    @classmethod
    def mention(cls, index: int) -> "LocalRef":
        return cls("m", index)

    @classmethod
    def event(cls, index: int) -> "LocalRef":
        return cls("e", index)

    @property
    def is_mention(self) -> bool:
        return self.kind == "m"

    def __str__(self) -> str:
        return f"{self.kind}{self.index}"


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
    """A document ready to parse: `content` is `raw` without page chrome and with its
    white space tidied (hard line wraps joined, runs of blanks made one).

    `shifts` maps content offsets back to raw ones: (content offset, raw minus
    content) at each point where the difference changes, first at offset 0.
    """

    document: Document
    raw: str
    content: str
    shifts: tuple[tuple[int, int], ...] = ((0, 0),)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw offsets of content[start:end] (which starts and ends on a non-blank)."""
        return self._raw(start), self._raw(max(start, end - 1)) + (1 if end > start else 0)

    def _raw(self, offset: int) -> int:
        index = bisect.bisect_right(self.shifts, (offset, float("inf"))) - 1
        return offset + self.shifts[max(index, 0)][1]


@dataclass(frozen=True, slots=True)
class Mention:
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Evidence:
    doc: str
    start: int
    end: int
    sentence: str
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved entity; within one document's extraction `id` is local to it."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    roles: tuple[str, ...] = ()
    # background knowledge about the thing ("country", "actor_roles" of a person in the actor dictionaries)
    properties: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
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
class Failure:
    """An unexpected error while extracting one document: the run reports it and goes on with the rest."""

    error: str  # one line: "AttributeError: 'NoneType' object has no attribute 'kind'"
    traceback: str = ""  # shown with --debug; text, since it may come from a worker process


@dataclass(frozen=True)
class Extraction:
    """What the extract stage found in one document (entity ids local to it); `failure` if it could not."""

    document: Document
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[str, ...] = ()
    failure: Failure | None = None


@dataclass(frozen=True)
class Graph:
    """The resolved graph of a corpus: what `kg extract` writes as graph JSON."""

    documents: tuple[Document, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
