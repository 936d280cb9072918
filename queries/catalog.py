"""The named queries: one ``<name>.cypher`` file each, with its parameters in a header.

A header line ``// @param NAME KIND [= DEFAULT] [in MIN..[MAX]] -- description``
declares a parameter. KIND is ``str``, ``int``, ``reltype`` (a relation type of
the vocabulary), ``enttype`` (an entity type), ``category`` (a PLOVER event category) or ``date``
(ISO: YYYY, YYYY-MM or YYYY-MM-DD); a parameter without a default
is required, ``= null`` makes it optional. Names and values are checked here,
before any query runs: an unknown query or parameter, a missing one, a
non-integer or out-of-range number or an unknown type is a `QueryError`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

from kg.errors import KgError, QueryError, SchemaError
from kg.lexicon import PLOVER_CATEGORIES, load_lexicon
from kg.model import ENTITY_TYPES
from kg.schema import MENTIONED_IN, check_rel_type, relation_vocabulary

NAME_RE = re.compile(r"[a-z][a-z0-9_]*")
PARAM_RE = re.compile(r"//\s*@param\s+(?P<name>[a-z_][a-z0-9_]*)\s+(?P<kind>str|int|reltype|enttype|category|date)"
                      r"(?:\s*=\s*(?P<default>\S+))?(?:\s+in\s+(?P<min>\d+)\.\.(?P<max>\d+)?)?\s*--\s*(?P<doc>.*)")
REQUIRED = object()


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    default: Any
    doc: str
    minimum: int | None = None
    maximum: int | None = None

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def coerce(self, value: Any, query: str) -> Any:
        """The value as the query uses it, or `QueryError` naming the parameter.

        >>> Param("hops", "int", 1, "", 1, 2).coerce("2", "entity")
        2
        >>> Param("hops", "int", 1, "", 1, 2).coerce("3", "entity")
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: entity: hops must be between 1 and 2, not 3
        """
        if value is None:
            return None
        if self.kind == "int":
            return self._int(value, query)
        if not isinstance(value, str):
            raise QueryError(f"{query}: {self.name} must be text, not {value!r}")
        if self.kind == "reltype":
            return _reltype(value, query, self.name)
        if self.kind == "enttype":
            return _enttype(value, query, self.name)
        if self.kind == "category":
            return _category(value, query, self.name)
        if self.kind == "date":
            return _date(value, query, self.name)
        return value

    def _int(self, value: Any, query: str) -> int:
        try:
            number = int(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None:
            raise QueryError(f"{query}: {self.name} must be a whole number, not {value!r}")
        if not -2**63 <= number < 2**63:  # Neo4j's integers are 64-bit; the driver cannot send more
            raise QueryError(f"{query}: {self.name} must be at most {2**63 - 1}, not {number}")
        if (self.minimum is not None and number < self.minimum) or (self.maximum is not None and number > self.maximum):
            span = f"between {self.minimum} and {self.maximum}" if self.maximum is not None else f"at least {self.minimum}"
            raise QueryError(f"{query}: {self.name} must be {span}, not {number}")
        return number


def _reltype(value: str, query: str, name: str) -> str:
    try:
        check_rel_type(value, relation_vocabulary(load_lexicon()))
    except SchemaError as exc:
        raise QueryError(f"{query}: {name}: {exc}") from None
    if value == MENTIONED_IN:
        raise QueryError(f"{query}: {name}: {MENTIONED_IN} is not a relation between entities")
    return value


def _enttype(value: str, query: str, name: str) -> str:
    for etype in ENTITY_TYPES:
        if value.lower() == etype.lower():
            return etype
    raise QueryError(f"{query}: {name} must be one of {', '.join(ENTITY_TYPES)}, not {value!r}")


def _date(value: str, query: str, name: str) -> str:
    """An ISO date or a prefix of one, as the dates it is compared with are written.

    >>> _date(" 2016-09 ", "timeline", "since")
    '2016-09'
    >>> _date("September", "timeline", "since")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: timeline: since must be an ISO date (2016, 2016-09 or 2016-09-20), not 'September'
    """
    text = value.strip()
    if not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?", text):
        raise QueryError(f"{query}: {name} must be an ISO date (2016, 2016-09 or 2016-09-20), not {value!r}")
    return text


def _category(value: str, query: str, name: str) -> str:
    if value.upper() in PLOVER_CATEGORIES:
        return value.upper()
    raise QueryError(f"{query}: {name} must be a PLOVER category, one of {', '.join(PLOVER_CATEGORIES)}; not {value!r}")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    params: tuple[Param, ...]
    text: str

    def bind(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Every parameter's value: given ones checked and coerced, defaults for the rest."""
        known = {p.name: p for p in self.params}
        for key in given:
            if key not in known:
                names = ", ".join(known) or "none"
                raise QueryError(f"query {self.name!r} has no parameter {key!r} (its parameters: {names})")
        values = {}
        for p in self.params:
            if p.name not in given or given[p.name] is None:
                if p.required:
                    raise QueryError(f"query {self.name!r} needs the parameter {p.name} ({p.doc})",
                                     option="params", value=p.name)
                values[p.name] = p.default
            else:
                values[p.name] = p.coerce(given[p.name], self.name)
        return values


def _default(raw: str | None, kind: str) -> Any:
    if raw is None:
        return REQUIRED
    if raw == "null":
        return None
    return int(raw) if kind == "int" else raw


def parse(name: str, text: str) -> NamedQuery:
    """A `NamedQuery` from the text of its .cypher file.

    >>> q = parse("demo", "// demo: a demo of\\n// two lines.\\n// @param n int = 5 in 1.. -- how many\\nRETURN $n AS n\\n")
    >>> q.summary, q.params[0].default, q.params[0].minimum, q.bind({"n": "7"})
    ('a demo of two lines.', 5, 1, {'n': 7})
    """
    params, summary, in_summary = [], "", False
    for line in text.splitlines():
        if not line.startswith("//"):
            continue
        if not summary and line.startswith(f"// {name}:"):
            summary, in_summary = line[len(f"// {name}:"):].strip(), True
        elif in_summary and not line.startswith(("// @param", "// Rows")) and line[2:].strip():
            summary += " " + line[2:].strip()  # the summary goes on to the parameters
        else:
            in_summary = False
        m = PARAM_RE.fullmatch(line.strip())
        if m:
            params.append(Param(m["name"], m["kind"], _default(m["default"], m["kind"]), m["doc"].strip(),
                                int(m["min"]) if m["min"] else None, int(m["max"]) if m["max"] else None))
    return NamedQuery(name, summary, tuple(params), text)


@lru_cache(maxsize=1)
def query_names() -> tuple[str, ...]:
    """The names of the bundled queries.

    >>> "negotiations" in query_names() and "top_entities" in query_names()
    True
    """
    files = resources.files(__package__).iterdir()
    return tuple(sorted(f.name[:-len(".cypher")] for f in files if f.name.endswith(".cypher")))


@lru_cache(maxsize=None)
def get_query(name: str) -> NamedQuery:
    """The named query, refused before any file is read unless its name is one of `query_names()`."""
    if not isinstance(name, str) or not NAME_RE.fullmatch(name) or name not in query_names():
        raise QueryError(f"unknown query {name!r}: one of {', '.join(query_names())}")
    text = resources.files(__package__).joinpath(f"{name}.cypher").read_text(encoding="utf-8")
    return parse(name, text)
