"""The graph stage: resolved findings -> one `Graph`, and the graph JSON of CONTRACT.md.

Relations are kept one per (source, type, target); symmetric types are stored
once per pair with the ends in sorted order; repeated findings add evidence.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import GraphFormatError, KgError, OutputError
from .model import ENTITY_TYPES, Document, Entity, Evidence, Graph, Mention, Relation
from .schema import DOCUMENT_FIELDS, document_record, evidence_record, mention_record, relation_id

FORMAT = "kg-graph/1"


def canonical_ends(relation: Relation, symmetric: frozenset[str]) -> Relation:
    """Put a symmetric relation's ends in sorted order, so each pair is stored once."""
    if relation.type in symmetric and relation.target < relation.source:
        return Relation(relation.target, relation.type, relation.source, relation.evidence,
                        relation.confidence, relation.properties)
    return relation


def merge_relations(relations: Iterable[Relation], symmetric: frozenset[str]) -> list[Relation]:
    """One relation per (source, type, target): evidence joined, best confidence kept.

    >>> ev = Evidence("d", 0, 5, "A met B")
    >>> rels = [Relation("b", "MEETS_WITH", "a", (ev,), 0.6), Relation("a", "MEETS_WITH", "b", (ev,), 0.8)]
    >>> [(r.source, r.target, len(r.evidence), r.confidence) for r in merge_relations(rels, frozenset({"MEETS_WITH"}))]
    [('a', 'b', 1, 0.8)]
    """
    merged: dict[tuple, _Merged] = {}
    for rel in map(lambda r: canonical_ends(r, symmetric), relations):
        old = merged.get(rel.key)
        if old is None:
            merged[rel.key] = _Merged(rel)
        else:
            old.add(rel)
    return sorted((m.relation() for m in merged.values()), key=lambda r: r.key)


class _Merged:
    """The findings of one relation so far. A set beside the evidence list keeps merging linear:
    a 50 MB text gives one relation tens of thousands of evidence items (issue 8)."""

    __slots__ = ("first", "evidence", "seen", "confidence", "properties")

    def __init__(self, rel: Relation) -> None:
        self.first = rel
        self.evidence: list[Evidence] | None = None  # made at the second finding: most relations have one
        self.seen: set[Evidence] = set()
        self.confidence, self.properties = rel.confidence, rel.properties

    def add(self, rel: Relation) -> None:
        if self.evidence is None:
            self.evidence, self.seen = list(self.first.evidence), set(self.first.evidence)
        new = [e for e in rel.evidence if e not in self.seen]  # as before: only what the earlier ones lack
        self.evidence += new
        self.seen.update(new)
        self.confidence = max(self.confidence, rel.confidence)
        self.properties = {**rel.properties, **self.properties}  # the earliest finding's value wins

    def relation(self) -> Relation:
        if self.evidence is None:
            return self.first
        old = self.first
        return Relation(old.source, old.type, old.target, tuple(self.evidence), self.confidence, self.properties)


# --- graph JSON ---------------------------------------------------------------------------

def entity_to_json(ent: Entity) -> dict:
    out = {"id": ent.id, "name": ent.name, "type": ent.type, "aliases": list(ent.aliases),
           "mentions": [mention_record(m) for m in ent.mentions]}
    if ent.roles:
        out["roles"] = list(ent.roles)
    if ent.properties:
        out["properties"] = dict(ent.properties)
    return out


def relation_to_json(rel: Relation) -> dict:
    return {"id": relation_id(*rel.key), "source": rel.source, "type": rel.type, "target": rel.target,
            "properties": dict(rel.properties), "confidence": round(rel.confidence, 3),
            "evidence": [evidence_record(e) for e in rel.evidence]}


# The contract's lists, in order, with the record of each item.
SECTIONS = (("documents", document_record), ("entities", entity_to_json), ("relations", relation_to_json))


def to_json(graph: Graph) -> dict:
    """The graph as the contract's JSON object."""
    return {"format": FORMAT, **{key: [record(x) for x in getattr(graph, key)] for key, record in SECTIONS}}


def _field(obj: Any, key: str, kind: type | tuple, where: str, required: bool = True) -> Any:
    if not isinstance(obj, dict):
        raise GraphFormatError(f"{where}: expected an object")
    if key not in obj or obj[key] is None:
        if required:
            raise GraphFormatError(f"{where}.{key}: missing")
        return None
    if not isinstance(obj[key], kind) or isinstance(obj[key], bool) and kind is not bool:
        raise GraphFormatError(f"{where}.{key}: expected {getattr(kind, '__name__', kind)}, got {obj[key]!r:.60}")
    return obj[key]


def _document(d: Any, where: str) -> Document:
    opt = {k: _field(d, k, str, where, False) for k in DOCUMENT_FIELDS[2:]}  # after id and source
    return Document(_field(d, "id", str, where), _field(d, "source", str, where, False) or d["id"], **opt)


def _entity(e: Any, where: str) -> Entity:
    etype = _field(e, "type", str, where)
    if etype not in ENTITY_TYPES:
        raise GraphFormatError(f"{where}.type: {etype!r} is not one of {', '.join(ENTITY_TYPES)}")
    mentions = tuple(Mention(_field(m, "doc", str, f"{where}.mentions[{i}]"), _field(m, "start", int, f"{where}.mentions[{i}]"),
                             _field(m, "end", int, f"{where}.mentions[{i}]"),
                             _field(m, "text", str, f"{where}.mentions[{i}]", False) or "")
                     for i, m in enumerate(_field(e, "mentions", list, where, False) or []))
    return Entity(_field(e, "id", str, where), _field(e, "name", str, where), etype,
                  _strings(e, "aliases", where), mentions, _strings(e, "roles", where),
                  _field(e, "properties", dict, where, False) or {})


def _strings(obj: dict, key: str, where: str) -> tuple[str, ...]:
    """An optional list of text values."""
    values = tuple(_field(obj, key, list, where, False) or ())
    for i, value in enumerate(values):
        if not isinstance(value, str):
            raise GraphFormatError(f"{where}.{key}[{i}]: expected str, got {value!r:.60}")
    return values


def _relation(r: Any, where: str, ids: set[str]) -> Relation:
    source, target = _field(r, "source", str, where), _field(r, "target", str, where)
    for end, key in ((source, "source"), (target, "target")):
        if end not in ids:
            raise GraphFormatError(f"{where}.{key}: {end!r} is not the id of an entity")
    evidence = tuple(_evidence(e, f"{where}.evidence[{i}]") for i, e in enumerate(_field(r, "evidence", list, where, False) or []))
    conf = _field(r, "confidence", (int, float), where, False)
    return Relation(source, _field(r, "type", str, where), target, evidence,
                    0.5 if conf is None else float(conf), dict(_field(r, "properties", dict, where, False) or {}))


def _evidence(e: Any, where: str) -> Evidence:
    return Evidence(_field(e, "doc", str, where), _field(e, "start", int, where, False) or 0,
                    _field(e, "end", int, where, False) or 0, _field(e, "sentence", str, where, False) or "",
                    _field(e, "date", str, where, False))


def from_json(data: Any) -> Graph:
    """A `Graph` from contract JSON; raises GraphFormatError naming the first bad field."""
    if not isinstance(data, dict):
        raise GraphFormatError("top level: expected a JSON object with documents, entities, relations")
    if data.get("format", FORMAT) != FORMAT:  # a hand-made file without one is read as the current format
        raise GraphFormatError(f"format {data['format']!r:.60} is not {FORMAT!r}: this kg reads only "
                               f"{FORMAT} graph JSON (from `kg extract` or `kg build`)")
    docs = tuple(_document(d, f"documents[{i}]") for i, d in enumerate(_field(data, "documents", list, "graph", False) or []))
    ents = tuple(_entity(e, f"entities[{i}]") for i, e in enumerate(_field(data, "entities", list, "graph")))
    ids = {e.id for e in ents}
    rels = tuple(_relation(r, f"relations[{i}]", ids) for i, r in enumerate(_field(data, "relations", list, "graph")))
    return Graph(docs, ents, rels)


def read_graph(path: str | os.PathLike, *, pair: bool = True) -> Graph:
    """Read graph JSON from `path`, with a one-line error for anything wrong. With `pair`, one of
    OUT/graph.json and OUT/graph.graphml whose twin is from another build is refused."""
    if pair:
        check_pair(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except FileNotFoundError:
        raise GraphFormatError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GraphFormatError(f"{path}: not readable graph JSON ({exc})") from None
    except RecursionError:
        raise GraphFormatError(f"{path}: not graph JSON (nested too deeply)") from None
    bad = lone_surrogate_in(data) if SURROGATE_ESCAPE.search(text) else None
    if bad:
        raise GraphFormatError(f"{path}: {bad}: a lone surrogate escape (half a UTF-16 pair) is not text; "
                               "re-create the file with `kg extract`")
    try:
        return from_json(data)
    except GraphFormatError as exc:
        raise GraphFormatError(f"{path}: {exc}") from None


SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def lone_surrogate_in(data: Any) -> str | None:
    """Where (a JSON path) the first string holding a lone surrogate is, if one does.

    >>> lone_surrogate_in({"entities": [{"name": "ok"}, {"name": "x\\ud83d"}]})
    'entities[1].name'
    >>> lone_surrogate_in(json.loads('{"name": "\\\\ud83d\\\\ude00"}')) is None  # a whole pair
    True
    """
    stack = [("", data)]
    while stack:  # a loop, not recursion: the JSON may be nested deeply
        where, value = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return where or "top level"
        elif isinstance(value, dict):
            stack += [(f"{where}.{k}" if where else str(k), v) for k, v in reversed(value.items())]
            stack += [(f"{where} key", k) for k in value]
        elif isinstance(value, list):
            stack += [(f"{where}[{i}]", v) for i, v in reversed(list(enumerate(value)))]
    return None


def usual_mode(mode: int) -> int:
    """`mode` less the process umask: what a plain open() or mkdir() would have given."""
    umask = os.umask(0)
    os.umask(umask)
    return mode & ~umask


def write_atomic(path: str | os.PathLike, text: str | bytes | Iterable[str]) -> None:
    """Write a whole file or nothing: a temporary file beside it, then a rename. `text` may come in
    blocks (`iter_dumps`): it is written as they come.

    A file that cannot be written is an `OutputError` naming it.
    """
    write_all_atomic({Path(path): text})


def write_all_atomic(files: dict[Path, str | bytes | Iterable[str]]) -> None:
    """Write several files whole or not at all: every one to a temporary name first, then the renames
    one after another (no file is renamed before all are written)."""
    staged: dict[Path, str] = {}
    try:
        for target, text in files.items():
            staged[target] = _stage(target, text)
        for target, tmp in staged.items():
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise cannot_write(target, exc) from None
    finally:
        for tmp in staged.values():
            Path(tmp).unlink(missing_ok=True)


def _stage(target: Path, text: str | bytes | Iterable[str]) -> str:
    """`text` in a temporary file beside `target`; its name."""
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.",
                                   suffix=".tmp")
    except OSError as exc:
        raise cannot_write(target, exc) from None
    try:
        os.chmod(tmp, usual_mode(0o666))  # mkstemp makes 0600; an output file gets the usual mode
        with os.fdopen(fd, "wb") as fh:
            for block in [text] if isinstance(text, (str, bytes)) else text:
                fh.write(block.encode("utf-8") if isinstance(block, str) else block)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise cannot_write(target, exc) from None
        raise
    return tmp


def check_writable(path: str | os.PathLike, *, folder: bool = False) -> None:
    """Fail now, before long work, if `path` (a file, or with `folder` a folder made if missing) cannot be written."""
    target = Path(path)
    where = target if folder else target.parent if str(target.parent) else Path(".")
    while folder and not where.exists() and where != where.parent:
        where = where.parent  # the folder is made with its parents: the first that exists must be writable
    if not where.is_dir():
        raise cannot_write(target, FileNotFoundError(2, "No such file or directory"), folder=where)
    if not os.access(where, os.W_OK | os.X_OK):
        raise cannot_write(target, PermissionError(13, "Permission denied"), folder=where)


def cannot_write(target: Path, exc: OSError, *, folder: Path | None = None) -> OutputError:
    """The one-line error for an output that the system refused; `folder` is where it goes (default: its parent).

    >>> str(cannot_write(Path("no/such/g.json"), FileNotFoundError(2, "No such file or directory")))
    'no/such/g.json: cannot write (no folder no/such: create it first or choose another path)'
    """
    folder = folder or (target.parent if str(target.parent) else Path("."))
    if folder.exists() and not folder.is_dir():
        return OutputError(f"{target}: cannot write ({folder} is a file, not a folder): choose another path")
    if isinstance(exc, FileNotFoundError) and not folder.is_dir():
        return OutputError(f"{target}: cannot write (no folder {folder}: create it first or choose another path)")
    if isinstance(exc, PermissionError):
        return OutputError(f"{target}: cannot write (permission denied in {folder}): choose another path")
    return OutputError(f"{target}: cannot write ({exc.strerror or exc})")


def dumps(graph: Graph) -> str:
    return "".join(iter_dumps(graph))


BLOCK_CHARS = 1 << 20


def iter_dumps(graph: Graph) -> Iterator[str]:
    """The graph JSON of `dumps` in blocks of about `BLOCK_CHARS`, made one item at a time: the graph
    of a 50 MB text is ~250 MB of JSON, not to be held whole, nor as a tree of dicts (issue 8).

    >>> graph = Graph((Document("d", "d.txt"),), (Entity("state:x", "X", "State"),))
    >>> "".join(iter_dumps(graph)) == json.dumps(to_json(graph), ensure_ascii=False, indent=1) + "\\n"
    True
    """
    encode = json.JSONEncoder(ensure_ascii=False, indent=1).encode
    block: list[str] = ['{\n "format": ' + encode(FORMAT)]
    size = 0
    for key, record in SECTIONS:
        items = getattr(graph, key)
        block.append(f',\n "{key}": [' + ("]" if not items else ""))
        for n, item in enumerate(items):
            # An item of a top-level list is indented two levels; a JSON string holds no raw newline.
            text = encode(record(item)).replace("\n", "\n  ")
            block.append(("\n  " if n == 0 else ",\n  ") + text)
            size += len(text)
            if size >= BLOCK_CHARS:
                yield "".join(block)
                block, size = [], 0
        if items:
            block.append("\n ]")
    block.append("\n}\n")
    yield "".join(block)


def with_build_id(text: str) -> tuple[str, str]:
    """Graph JSON text with a build id (a hash of the text: the same graph gets the same id) after its
    format, for a GraphML twin to carry too (see `check_pair`); and the id."""
    build = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    head = f'{{\n "format": "{FORMAT}",\n'
    assert text.startswith(head), text[:40]
    return f'{head} "build": "{build}",\n{text[len(head):]}', build


PAIR = ("graph.json", "graph.graphml")  # what `kg build` and `kg load --backend networkx` write together
_BUILD_IN_JSON = re.compile(r'^\{\s*"format":\s*"[^"]*",\s*"build":\s*"([0-9a-f]+)"')
_BUILD_IN_GRAPHML = re.compile(r'<key id="(d\d+)" for="graph" attr.name="build"')


def build_id(path: Path) -> str | None:
    """The build id recorded in OUT/graph.json (at its start) or OUT/graph.graphml (at its end), if any."""
    try:
        with open(path, "rb") as fh:
            if path.suffix == ".json":
                found = _BUILD_IN_JSON.match(fh.read(200).decode("utf-8", "replace"))
                return found.group(1) if found else None
            head = fh.read(4096).decode("utf-8", "replace")
            key = _BUILD_IN_GRAPHML.search(head)
            fh.seek(max(0, os.fstat(fh.fileno()).st_size - 4096))
            tail = fh.read().decode("utf-8", "replace")
    except OSError:
        return None
    found = re.search(rf'<data key="{key.group(1)}">([0-9a-f]+)</data>\s*</graph>', tail) if key else None
    return found.group(1) if found else None


def check_pair(path: str | os.PathLike) -> None:
    """Refuse to read one of OUT/graph.json and OUT/graph.graphml when the other is from another build
    (a build killed between its two renames): the two would disagree.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> _ = (out / "graph.json").write_text('{"format": "kg-graph/1", "build": "aa", "documents": []}')
    >>> check_pair(out / "graph.json")  # no GraphML beside it
    >>> _ = (out / "graph.graphml").write_text('<key id="d0" for="graph" attr.name="build" /><data key="d0">bb</data></graph>')
    >>> check_pair(out / "graph.graphml")
    Traceback (most recent call last):
    ...
    kg.errors.GraphFormatError: ...graph.graphml: it and graph.json beside it are from different builds (one was interrupted); re-run `kg build` to write both again
    """
    path = Path(path)
    if path.name not in PAIR:
        return
    other = path.with_name(PAIR[1] if path.name == PAIR[0] else PAIR[0])
    mine, theirs = build_id(path), build_id(other) if other.exists() else None
    if mine and theirs and mine != theirs:
        raise GraphFormatError(f"{path}: it and {other.name} beside it are from different builds (one was "
                               "interrupted); re-run `kg build` to write both again")


def graph_digest(graph: Graph) -> str:
    """A short hash of the graph JSON, for comparing two builds."""
    return hashlib.sha256(dumps(graph).encode()).hexdigest()[:16]
