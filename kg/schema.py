"""The stored shape of a graph: the one place every backend, query and export takes it from.

- Node labels: ``Entity`` plus one of `kg.model.ENTITY_TYPES`, and ``Document``
  (`NODE_LABELS`); in NetworkX a document node is keyed ``doc:<id>`` (`DOC_PREFIX`).
- ``(entity)-[:MENTIONED_IN {count}]->(document)`` (`MENTIONED_IN`), one per document
  an entity is mentioned in; every other relationship is a relation between entities
  whose type is a name of the relation vocabulary.
- A relation-type name is ASCII ``[A-Z][A-Z0-9_]*`` (`check_type_name`), checked
  when a lexicon is read, when a graph is loaded and when it is exported, so a
  name a lexicon accepts is one Neo4j and the Cypher export accept too.
- Records: one builder each for the document, mention and evidence records
  (`document_record`, `mention_record`, `evidence_record`) with their inverses;
  the graph JSON, the NetworkX graph, the Neo4j rows and the view all use them.
- Neo4j stores no maps: a mention or evidence item is one canonical JSON string
  (`canonical`), a relation's qualifiers become properties of their own
  (`relation_props`, inverse `relation_qualifiers`).
"""
from __future__ import annotations

import json
import re
from dataclasses import fields
from json.encoder import encode_basestring as _encode_str
from typing import Any, Collection

from .errors import SchemaError
from .model import ENTITY_TYPES, Document, Evidence, Mention

ENTITY = "Entity"
DOCUMENT = "Document"
MENTIONED_IN = "MENTIONED_IN"
NODE_LABELS = (*ENTITY_TYPES, ENTITY, DOCUMENT)
DOC_PREFIX = "doc:"
TYPE_NAME_RE = re.compile(r"[A-Z][A-Z0-9_]*")
DOCUMENT_FIELDS = tuple(f.name for f in fields(Document))  # id, source, title, date, publisher, url, content_hash
# What a stored relation holds besides its qualifiers; a qualifier named like one gets a ``property_`` prefix.
RELATION_KEYS = frozenset({"id", "confidence", "evidence", "evidence_count", "docs", "dates", "sentences"})
RESERVED = RELATION_KEYS | {"type", "properties", "count"}
# What a stored entity node holds besides its background properties (`Entity.properties`: country, actor_roles).
# (search and search_text: the words of the name and aliases for the full-text index; pagerank and
# community: what `kg load --analytics` computes. Made by kg, so not properties of the entity.)
ENTITY_KEYS = frozenset({"id", "name", "type", "aliases", "roles", "mentions", "mention_count",
                         "search", "search_text", "pagerank", "community"})
QUALIFIER_PREFIX = "property_"


def relation_id(source: str, rtype: str, target: str) -> str:
    """A stable id for a relation.

    >>> relation_id("state:a", "MEETS_WITH", "state:b")
    'MEETS_WITH:state:a->state:b'
    """
    return f"{rtype}:{source}->{target}"


# --- names: labels and relation types -----------------------------------------------------

def check_type_name(name: Any) -> str:
    """`name` if it can be a relation type: ASCII ``[A-Z][A-Z0-9_]*`` (safe in Cypher unquoted).

    >>> check_type_name("G7_MEETS")
    'G7_MEETS'
    >>> check_type_name("ÉCRASE")
    Traceback (most recent call last):
    ...
    kg.errors.SchemaError: relationship type 'ÉCRASE' is not UPPER_SNAKE_CASE (ASCII A-Z, 0-9 and _, a letter first)
    """
    if not isinstance(name, str) or not TYPE_NAME_RE.fullmatch(name):
        raise SchemaError(f"relationship type {name!r} is not UPPER_SNAKE_CASE (ASCII A-Z, 0-9 and _, a letter first)")
    return name


def check_label(label: str) -> str:
    """`label` if it is one of the schema's node labels.

    >>> check_label("Person")
    'Person'
    >>> check_label("Person) DETACH DELETE (n")
    Traceback (most recent call last):
    ...
    kg.errors.SchemaError: node label 'Person) DETACH DELETE (n' is not one of Person, State, Organisation, Place, Event, Entity, Document
    """
    if label not in NODE_LABELS:
        raise SchemaError(f"node label {label!r} is not one of {', '.join(NODE_LABELS)}")
    return label


def relation_vocabulary(lexicon) -> frozenset[str]:
    """The relationship types a graph may hold: a `kg.lexicon.Lexicon`'s types and MENTIONED_IN.

    >>> from kg.lexicon import load_lexicon
    >>> {"NEGOTIATES_WITH", "MENTIONED_IN"} <= relation_vocabulary(load_lexicon())
    True
    """
    return frozenset(lexicon.types) | {MENTIONED_IN}


def check_rel_type(rtype: str, vocabulary: Collection[str]) -> str:
    """`rtype` if it is a valid name and in the vocabulary.

    >>> check_rel_type("DENIES", {"DENIES"})
    'DENIES'
    >>> check_rel_type("DENIES]->() DELETE r//", {"DENIES"})
    Traceback (most recent call last):
    ...
    kg.errors.SchemaError: relationship type 'DENIES]->() DELETE r//' is not UPPER_SNAKE_CASE (ASCII A-Z, 0-9 and _, a letter first)
    >>> check_rel_type("LIKES", {"DENIES"})
    Traceback (most recent call last):
    ...
    kg.errors.SchemaError: relationship type 'LIKES' is not in the relation vocabulary (the bundled relations.json and any lexicon file given)
    """
    check_type_name(rtype)
    if rtype not in vocabulary:
        raise SchemaError(f"relationship type {rtype!r} is not in the relation vocabulary "
                          "(the bundled relations.json and any lexicon file given)")
    return rtype


# --- records ------------------------------------------------------------------------------

def document_record(doc: Document) -> dict:
    """A document's fields that are set, ``id`` first.

    >>> document_record(Document("a.txt", "in/a.txt", date="2016-09-20"))
    {'id': 'a.txt', 'source': 'in/a.txt', 'date': '2016-09-20'}
    """
    return {k: getattr(doc, k) for k in DOCUMENT_FIELDS if getattr(doc, k) is not None}


def document_from_record(record: dict) -> Document:
    """The inverse of `document_record` (a missing ``source`` is the id)."""
    values = {k: record.get(k) for k in DOCUMENT_FIELDS}
    return Document(**{**values, "source": values["source"] or record["id"]})


def mention_record(mention: Mention) -> dict:
    """
    >>> mention_record(Mention("a.txt", 0, 6, "Moscow"))
    {'doc': 'a.txt', 'start': 0, 'end': 6, 'text': 'Moscow'}
    """
    return {"doc": mention.doc, "start": mention.start, "end": mention.end, "text": mention.text}


def mention_from_record(record: dict) -> Mention:
    return Mention(record["doc"], record["start"], record["end"], record.get("text", ""))


_EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))


def evidence_record(evidence: Evidence) -> dict:
    """The evidence item's fields that are set.

    >>> evidence_record(Evidence("a.txt", 0, 9, "They met."))
    {'doc': 'a.txt', 'start': 0, 'end': 9, 'sentence': 'They met.'}
    """
    return {k: v for k in _EVIDENCE_FIELDS if (v := getattr(evidence, k)) is not None}


def evidence_from_record(record: dict) -> Evidence:
    return Evidence(**record)


# --- property encoding (Neo4j holds no maps) ------------------------------------------------

def _json_value(value: Any) -> str:
    if isinstance(value, str):
        return _encode_str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical(obj: dict) -> str:
    r"""The JSON string stored for one mention or evidence item: sorted keys, no spaces, UTF-8 kept.

    >>> item = {"start": 1, "doc": "a.txt", "text": 'say "no" — ok', "ok": True}
    >>> print(canonical(item))
    {"doc":"a.txt","ok":true,"start":1,"text":"say \"no\" — ok"}
    >>> canonical(item) == json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    True
    """
    return "{" + ",".join(f"{_encode_str(k)}:{_json_value(obj[k])}" for k in sorted(obj)) + "}"


def mention_prefix(doc: str) -> str:
    """How every stored mention in document `doc` begins (keys are sorted, ``doc`` first)."""
    return '{"doc":' + json.dumps(doc, ensure_ascii=False) + ","


def _property_value(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
        return list(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def relation_props(properties: dict) -> dict:
    """A relation's qualifiers as Neo4j properties.

    >>> relation_props({"role": "Foreign Minister", "id": "x", "when": {"y": 1}, "gone": None})
    {'role': 'Foreign Minister', 'property_id': 'x', 'when': '{"y": 1}'}
    """
    out = {}
    for key, value in properties.items():
        if _property_value(value) is not None:
            out[QUALIFIER_PREFIX + key if key in RESERVED else key] = _property_value(value)
    return out


def relation_qualifiers(props: dict) -> dict:
    """The qualifiers among a stored relation's properties (the inverse of `relation_props`'s keys).

    >>> relation_qualifiers({"id": "r", "confidence": 0.5, "role": "envoy", "property_id": "x"})
    {'role': 'envoy', 'id': 'x'}
    """
    out = {}
    for key, value in props.items():
        if key not in RELATION_KEYS:
            name = key[len(QUALIFIER_PREFIX):] if key.startswith(QUALIFIER_PREFIX) else key
            out[name if name in RESERVED else key] = value
    return out
