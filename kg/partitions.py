"""Splitting the input into partitions that workers read and extract on their own (`kg.dask_engine`).

A partition is one of:

- a byte range of a plain JSON Lines file, cut at line breaks every `size`
  non-blank lines (the worker reads it from the file: the input must be at the
  same path on the workers);
- a byte range of a plain CSV file, cut every `size` records where a record ends
  (a quoted field may hold line breaks: `csv_ranges`), read by the worker the same way;
- a group of up to `size` text files (read by the worker the same way);
- up to `size` records read here, for what a worker cannot seek into (gzip,
  stdin) and for a CSV file that cannot be cut safely.

Each partition has a key: a hash of everything its findings depend on (the
extraction fingerprint, the record fields, where it comes from and its bytes),
so a re-run finds the findings of an unchanged partition under the same key
and reuses them. Reading a partition gives the same documents, ids and errors,
in the same order, as `kg.sources.read_sources` gives for that part of the input
(duplicate ids across partitions are found in the reduce step).
"""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .cache import document_key
from .errors import InputError
from .inputs import READ_ERRORS, Input, expand_paths, open_binary
from .model import SourceText
from .sources import Fields, Notice, read_input, read_sources

# Documents: small, so the last tasks leave a worker idle only briefly, while a task's own cost (a few ms,
# one small findings file) stays far below its partition's parse.
DEFAULT_SIZE = 32


@dataclass(frozen=True)
class Corpus:
    """A build's input named by paths: read here as it is iterated (`read_sources`: the local engine),
    or split into partitions that workers read (`split`: the Dask engine). Unreadable records go to
    `errors` with `skip_errors`, repaired ones to `warnings`."""

    paths: tuple[str, ...]
    input_format: str | None = None
    fields: Fields = Fields()
    skip_errors: bool = False
    errors: list[str] = field(default_factory=list, compare=False)
    warnings: list[str] = field(default_factory=list, compare=False)

    def __iter__(self) -> Iterator[SourceText]:
        return read_sources(self.paths, skip_errors=self.skip_errors, errors=self.errors,
                            input_format=self.input_format, fields=self.fields, warnings=self.warnings)


@dataclass(frozen=True)
class Partition:
    """What one task extracts; `count` records, for progress."""

    index: int
    key: str
    label: str
    count: int
    inputs: tuple[Input, ...] = ()  # text files, or the one JSON Lines or CSV file of `span`
    span: tuple[int, int, int] | None = None  # (first byte, end byte, first line number)
    records: tuple[SourceText | str, ...] = ()  # read here: documents, and errors as messages

    def read(self, fields: Fields) -> Iterator[SourceText | str]:
        """The partition's documents, and its unreadable records as one-line messages, in input order."""
        if self.span is not None:
            items: Iterable = read_input(self.inputs[0], fields, self.span)
        elif self.inputs:
            items = (item for inp in self.inputs for item in read_input(inp, fields))
        else:
            items = self.records
        for item in items:
            if not isinstance(item, Notice):  # a repaired record (lone surrogates) is read as repaired
                yield str(item) if isinstance(item, InputError) else item


def salt(fingerprint: str, fields: Fields) -> str:
    """What every partition key starts from: the extraction code and model, and the record fields."""
    return hashlib.sha256(f"{fingerprint}\0{fields!r}".encode()).hexdigest()


def split(paths: Iterable[str], *, fields: Fields, salt: str, input_format: str | None = None,
          size: int = DEFAULT_SIZE) -> Iterator[Partition]:
    """The input's partitions, in input order, each keyed by its content."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, not {size}")
    index = 0
    files: list[Input] = []
    for inp in expand_paths(paths, input_format=input_format):
        if inp.format == "txt" and inp.path is not None:
            files.append(inp)
            if len(files) < size:
                continue
        if files:
            yield _files(index, files, salt)
            index, files = index + 1, []
        if inp.format == "txt" and inp.path is not None:
            continue
        parts = _ranges(inp, salt, size) if _seekable(inp, "jsonl") else None
        if _seekable(inp, "csv"):
            parts = csv_ranges(inp, fields, salt, size)
        for part in parts or _records(inp, fields, salt, size):
            yield Partition(index, *part)
            index += 1
    if files:
        yield _files(index, files, salt)


def _seekable(inp: Input, fmt: str) -> bool:
    return inp.format == fmt and inp.path is not None and not inp.path.name.lower().endswith(".gz")


def _origin(inp: Input) -> str:
    return f"{inp.format}\0{inp.label}\0{inp.name}\0"


def _files(index: int, files: list[Input], salt: str) -> Partition:
    digest = hashlib.sha256(f"files\0{salt}\0".encode())
    for inp in files:
        digest.update(_origin(inp).encode())
        try:
            digest.update(hashlib.sha256(inp.path.read_bytes()).digest())
        except READ_ERRORS as exc:  # the worker reports it; the key must only differ from a readable file's
            digest.update(f"unreadable {exc}".encode())
    label = files[0].label if len(files) == 1 else f"{files[0].label} .. {files[-1].label}"
    return Partition(index, digest.hexdigest(), label, len(files), tuple(files))


def _ranges(inp: Input, salt: str, size: int) -> Iterator[tuple]:
    """(key, label, count, inputs, span) of each run of `size` non-blank lines of a JSON Lines file."""
    try:
        with open_binary(inp) as fh:
            start = position = 0
            first = number = 1
            count = 0
            digest = hashlib.sha256(f"jsonl\0{salt}\0{_origin(inp)}1\0".encode())
            for number, line in enumerate(fh, 1):
                position += len(line)
                digest.update(line)
                count += bool(line.strip())
                if count == size:
                    yield digest.hexdigest(), f"{inp.label}:{first}-{number}", count, (inp,), (start, position, first)
                    start, first, count = position, number + 1, 0
                    digest = hashlib.sha256(f"jsonl\0{salt}\0{_origin(inp)}{first}\0".encode())
            if position > start:
                yield digest.hexdigest(), f"{inp.label}:{first}-{number}", count, (inp,), (start, position, first)
    except READ_ERRORS as exc:
        raise InputError(f"{inp.label}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None


def csv_ranges(inp: Input, fields: Fields, salt: str, size: int) -> list[tuple] | None:
    """(key, label, count, inputs, span) of each run of `size` records of a CSV file, or None when it cannot be
    cut safely (no header with the text column, malformed CSV, not UTF-8): then it is read here as records.

    A quoted field may hold line breaks, so the file is cut only where Python's csv reader, fed one line at
    a time, has just ended a record: the reader the workers use ends its records at the same bytes.
    """
    try:
        with open_binary(inp) as fh:
            bom = len(BOM) if fh.read(len(BOM)) == BOM else 0
            fh.seek(bom)
            lines = _CountedLines(io.TextIOWrapper(fh, encoding="utf-8", newline=""), position=bom)
            reader = csv.reader(lines, strict=True)
            header = next(reader, None)
            if header is None or fields.text not in header:
                return None
            head = f"{salt}\0{_origin(inp)}{lines.digest.hexdigest()}"  # the header names every record's fields
            return list(_csv_runs(reader, lines, inp, head, size))
    except (csv.Error, UnicodeDecodeError):
        return None
    except READ_ERRORS as exc:
        raise InputError(f"{inp.label}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None


BOM = b"\xef\xbb\xbf"


class _CountedLines:
    """The lines of a text stream, counting the bytes and lines handed out and hashing them into `digest`."""

    def __init__(self, text, *, position: int):
        self.stream, self.position, self.number, self.digest = text, position, 0, hashlib.sha256()

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self.stream)
        data = line.encode("utf-8")
        self.position += len(data)
        self.number += 1
        self.digest.update(data)
        return line


def _csv_runs(reader, lines: _CountedLines, inp: Input, head: str, size: int) -> Iterator[tuple]:
    """Cut after every `size` records, at the byte where the reader ended the last of them."""
    def run(first: int) -> tuple[int, int, int]:
        lines.digest = hashlib.sha256(f"csv\0{head}\0{first}\0".encode())
        return lines.position, first, 0

    start, first, count = run(lines.number + 1)
    for row in reader:
        count += bool(row)  # a blank line is no record
        if count == size:
            yield lines.digest.hexdigest(), f"{inp.label}:{first}-{lines.number}", count, (inp,), \
                (start, lines.position, first)
            start, first, count = run(lines.number + 1)
    if lines.position > start:
        yield lines.digest.hexdigest(), f"{inp.label}:{first}-{lines.number}", count, (inp,), \
            (start, lines.position, first)


def _records(inp: Input, fields: Fields, salt: str, size: int) -> Iterator[tuple]:
    """(key, label, count, (), None, records) of each run of `size` records read here."""
    items = (str(i) if isinstance(i, InputError) else i for i in read_input(inp, fields) if not isinstance(i, Notice))
    return record_runs(items, origin=_origin(inp), label=inp.label, salt=salt, size=size)


def split_sources(sources: Iterable[SourceText], *, salt: str, size: int = DEFAULT_SIZE) -> Iterator[Partition]:
    """Documents already read (not a `Corpus`) as partitions of `size` records sent to the workers."""
    for index, part in enumerate(record_runs(sources, origin="sources\0", label="input", salt=salt, size=size)):
        yield Partition(index, *part)


def record_runs(items: Iterable[SourceText | str], *, origin: str, label: str, salt: str, size: int
                ) -> Iterator[tuple]:
    """(key, label, count, (), None, records) of each run of `size` records (documents, errors as messages)."""
    batch: list[SourceText | str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield _record_part(origin, label, batch, salt)
            batch = []
    if batch:
        yield _record_part(origin, label, batch, salt)


def _record_part(origin: str, label: str, batch: list[SourceText | str], salt: str) -> tuple:
    digest = hashlib.sha256(f"records\0{salt}\0{origin}".encode())
    for item in batch:
        if isinstance(item, str):
            digest.update(f"error\0{item}\0".encode())
        else:
            digest.update(f"{item.document.source}\0{document_key(item)}\0{SourceText.hash_of(item.raw)}\0".encode())
    first = next((i.document.id for i in batch if not isinstance(i, str)), label)
    return digest.hexdigest(), f"{label} ({first} +{len(batch) - 1})", len(batch), (), None, tuple(batch)
