"""Findings as Parquet: one file per partition under OUT/findings/, named by the partition's key.

A file holds one row per record of its partition, in input order: ``doc_id``
and ``extraction`` (the `Extraction` as JSON text, every field kept) for a
document, ``error`` (the one-line message) for a record that could not be read. A document whose extraction failed is kept with its `failure` (so
the build reports it) and its partition is extracted again on the next run.
Any Parquet reader can open them (``pandas.read_parquet("out/findings")``);
kg reads them back in the reduce step. Files are written whole or not at all,
and a file that cannot be read counts as absent, so its partition is extracted
again.
"""
from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any, Iterable

from .graph import write_atomic
from .model import Entity, Extraction, Failure, Relation
from .schema import (document_from_record, document_record, evidence_from_record, evidence_record,
                     mention_from_record, mention_record)

FORMAT = "kg-findings/1"
SUFFIX = ".parquet"


def extraction_to_json(x: Extraction) -> str:
    """One document's findings as JSON text.

    >>> from kg.model import Document, Mention
    >>> e = Extraction(Document("d", "d.txt"), (Entity("m0", "Kerry", "Person", (), (Mention("d", 0, 5, "Kerry"),)),))
    >>> extraction_from_json(extraction_to_json(e)) == e
    True
    """
    return json.dumps({
        "document": document_record(x.document),
        "entities": [[e.id, e.name, e.type, e.aliases, [mention_record(m) for m in e.mentions], e.roles,
                      dict(e.properties)] for e in x.entities],
        "relations": [[r.source, r.type, r.target, [evidence_record(v) for v in r.evidence], r.confidence,
                       dict(r.properties)]
                      for r in x.relations],
        "warnings": x.warnings, "failure": vars(x.failure) if x.failure else None}, ensure_ascii=False, separators=(",", ":"))


def extraction_from_json(text: str) -> Extraction:
    data: dict[str, Any] = json.loads(text)
    entities = tuple(Entity(i, n, t, tuple(a), tuple(map(mention_from_record, ms)), tuple(r), *p)
                     for i, n, t, a, ms, r, *p in data["entities"])
    relations = tuple(Relation(s, t, o, tuple(map(evidence_from_record, ev)), c, p)
                      for s, t, o, ev, c, p in data["relations"])
    failure = Failure(**data["failure"]) if data.get("failure") else None
    return Extraction(document_from_record(data["document"]), entities, relations, tuple(data["warnings"]), failure)


def encode(entries: Iterable[Extraction | str]) -> bytes:
    """A partition's findings (documents, and errors as messages) as the bytes of one Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = list(entries)
    table = pa.table({
        "doc_id": pa.array([None if isinstance(r, str) else r.document.id for r in rows], pa.string()),
        "extraction": pa.array([None if isinstance(r, str) else extraction_to_json(r) for r in rows], pa.string()),
        "error": pa.array([r if isinstance(r, str) else None for r in rows], pa.string()),
    }).replace_schema_metadata({"format": FORMAT, "complete": str(not any(
        not isinstance(r, str) and r.failure for r in rows)).lower()})
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def decode(source: str | os.PathLike | bytes) -> list[Extraction | str]:
    """The entries of one findings file (a path or its bytes), in input order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(pa.BufferReader(source) if isinstance(source, bytes) else source)
    if (table.schema.metadata or {}).get(b"format") != FORMAT.encode():
        raise ValueError(f"not {FORMAT}")
    return [error if error is not None else extraction_from_json(text)
            for text, error in zip(table.column("extraction").to_pylist(), table.column("error").to_pylist())]


class FindingsStore:
    """The folder of findings files, by partition key."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def read(self, key: str) -> list[Extraction | str] | None:
        """The stored entries of a partition, or None if there are none (or none that can be read)."""
        try:
            return decode(self.path(key))
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or foreign file: extract the partition again
            return None

    def has(self, key: str) -> bool:
        """Is there a whole findings file for this partition, with no failed document (which is tried
        again, as the local engine's cache does)? Only the file's footer is read."""
        import pyarrow.parquet as pq

        try:
            meta = pq.read_metadata(self.path(key)).metadata or {}
            return meta.get(b"format") == FORMAT.encode() and meta.get(b"complete") == b"true"
        except Exception:  # absent, cut short or foreign: extract it again
            return False

    def write(self, key: str, data: bytes) -> None:
        write_atomic(self.path(key), data)

    def prune(self, *, keep: set[str]) -> int:
        """Delete findings of partitions not in `keep` (no longer in the input); how many."""
        gone = [p for p in self.folder.glob(f"*{SUFFIX}") if p.stem not in keep]
        for path in gone:
            path.unlink(missing_ok=True)
        return len(gone)
