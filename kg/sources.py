"""Reading the input, lazily: text files, folders of them, JSON Lines, CSV, gzip, stdin.

Each article becomes a `SourceText`: its `Document` and its raw text exactly as
read, so that offsets point into it.

- A text file (`.txt`, `.txt.gz`, anything not named below) is one article;
  its id is the base name (without `.gz`), or its path relative to the given
  folder where base names collide. Folders are searched recursively for
  `*.txt` and `*.txt.gz`.
- A `.jsonl`/`.ndjson` file holds one JSON object per line, a `.csv` file one
  record per row under a header row (either may be gzipped). Offsets point
  into the record's text field; the id is the record's id field, else
  `<file>:<line>`; title, date and url come from their fields.
- `-` is stdin, read as text unless `input_format` says otherwise (gzip is
  recognised by its first bytes).

A record that cannot be read is an `InputError` naming the file and line; with
`skip_errors` it goes to `errors` and reading goes on.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from dataclasses import dataclass
from typing import IO, Iterable, Iterator

from .errors import InputError
# Finding, opening and counting the inputs is kg.inputs' work; these names are importable from here too, as
# they were before it moved.
from .inputs import (FORMATS, READ_ERRORS, SUFFIXES, Input, count_documents, expand_paths,  # noqa: F401
                     format_of, open_binary, refuse_overwriting_inputs)
from .model import Document, SourceText
from .text import parse_date

# JSON may escape half a surrogate pair ("\\ud83d"): not a character, and no UTF-8 output can hold it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Notice:
    """Something a reader changed in a record and reports, without refusing it (readers yield it)."""

    message: str


@dataclass(frozen=True)
class Fields:
    """Which record fields hold the text and the metadata (JSON Lines and CSV)."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    date: str = "date"
    url: str = "url"



def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is kept, so offsets stay byte-for-character true); binary is refused.

    >>> decode(b"caf\\xc3\\xa9", "a.txt")
    'café'
    >>> decode(b"\\x00\\x01", "b.bin")
    Traceback (most recent call last):
    kg.errors.InputError: b.bin: binary file, not text; pass UTF-8 text files
    """
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file, not text; pass UTF-8 text files", option="skip_errors")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start}); convert it to UTF-8",
                         option="skip_errors") from None




def _as_input_error(label: str, exc: BaseException) -> InputError:
    if isinstance(exc, gzip.BadGzipFile) or isinstance(exc, (EOFError, zlib.error)):
        return InputError(f"{label}: not readable gzip ({exc or 'truncated'})")
    return InputError(f"{label}: cannot read ({getattr(exc, 'strerror', None) or exc})")


def _text(value) -> str | None:
    """A metadata value as text; empty means absent."""
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value).strip() or None


def _iso_date(value: str | None) -> str | None:
    """A record's date as ISO when it can be read as one, else as given.

    >>> _iso_date("1987-02-26 10:51:00"), _iso_date("Feb 26, 1987"), _iso_date("spring")
    ('1987-02-26', '1987-02-26', 'spring')
    """
    return (parse_date(value) or value) if value else None


def record_source(record: dict, *, where: str, default_id: str, source: str, fields: Fields) -> SourceText:
    """One JSON or CSV record as a `SourceText`; offsets point into its text field.

    >>> s = record_source({"id": 7, "text": "Rain fell.", "date": "1987-02-26"}, where="a.jsonl:1",
    ...                   default_id="a.jsonl:1", source="a.jsonl", fields=Fields())
    >>> s.document.id, s.document.date, s.raw
    ('7', '1987-02-26', 'Rain fell.')
    >>> record_source({"body": "x"}, where="a.jsonl:2", default_id="", source="", fields=Fields())
    Traceback (most recent call last):
    kg.errors.InputError: a.jsonl:2: no text field 'text'; name the field that holds the text
    """
    text = record.get(fields.text)
    if not isinstance(text, str):
        what = "no text field" if text is None else "non-text value in field"
        raise InputError(f"{where}: {what} {fields.text!r}; name the field that holds the text", option="text_field")
    doc = Document(_text(record.get(fields.id)) or default_id, source, title=_text(record.get(fields.title)),
                   date=_iso_date(_text(record.get(fields.date))), url=_text(record.get(fields.url)),
                   content_hash=SourceText.hash_of(text))
    return SourceText(doc, text)


def read_txt(inp: Input, fields: Fields) -> Iterator[SourceText | InputError]:
    """One text file (or stdin) as one article."""
    try:
        with open_binary(inp) as fh:
            data = fh.read()
        raw = decode(data, inp.label)
    except InputError as exc:
        yield exc
        return
    except READ_ERRORS as exc:
        yield _as_input_error(inp.label, exc)
        return
    yield SourceText(Document(inp.name, inp.label, content_hash=SourceText.hash_of(raw)), raw)


def read_jsonl(inp: Input, fields: Fields, span: tuple[int, int, int] | None = None
               ) -> Iterator[SourceText | InputError]:
    """One article per JSON line; blank lines are passed over.

    `span` (first byte, end byte, number of the first line) reads only those lines of
    a plain file, as `kg.partitions` hands them to a worker; ids and messages stay those
    of the whole file.
    """
    with open_binary(inp) as fh:
        for number, line in numbered_lines(fh, span):
            where = f"{inp.label}:{number}"
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield InputError(f"{where}: not a JSON object ({str(exc).split(':')[0]})")
                continue
            except RecursionError:
                yield InputError(f"{where}: not a JSON record (nested too deeply)")
                continue
            if not isinstance(record, dict):
                yield InputError(f"{where}: not a JSON object (a {type(record).__name__})")
                continue
            record, replaced = without_lone_surrogates(record)
            if replaced:
                yield Notice(f"{where}: {replaced} lone surrogate escape(s) (half a UTF-16 pair) replaced by U+FFFD")
            try:
                yield record_source(record, where=where, default_id=f"{inp.name}:{number}", source=inp.label,
                                    fields=fields)
            except InputError as exc:
                yield exc


def numbered_lines(fh: IO[bytes], span: tuple[int, int, int] | None) -> Iterator[tuple[int, bytes]]:
    """(line number, line) of the whole stream, or of the lines starting in `span`'s byte range."""
    if span is None:
        yield from enumerate(fh, 1)
        return
    start, end, number = span
    fh.seek(start)
    while fh.tell() < end:
        line = fh.readline()
        if not line:
            return
        yield number, line
        number += 1


def read_csv(inp: Input, fields: Fields, span: tuple[int, int, int] | None = None
             ) -> Iterator[SourceText | InputError]:
    """One article per CSV row, under a header row naming the fields (a UTF-8 BOM is not part of its first name).

    `span` (first byte, end byte, number of the first line) reads only the records in that byte range
    of a plain file, which `kg.partitions` cuts where a record ends; the header is read from the start.
    """
    with open_binary(inp) as fh:
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
        reader = csv.reader(text, strict=True)
        header = next(reader, None)
        if header is None or fields.text not in header:
            yield InputError(f"{inp.label}: CSV header has no text column {fields.text!r}; name the column that holds "
                             "the text", option="text_field")
            return
        first_line = 1
        if span is not None:
            start, end, first_line = span
            text.detach().seek(start)
            reader = csv.reader(io.StringIO(fh.read(end - start).decode("utf-8"), newline=""), strict=True)
        yield from csv_rows(reader, header, inp, fields, line_offset=first_line - 1)


def csv_rows(reader, header: list[str], inp: Input, fields: Fields, *, line_offset: int = 0
             ) -> Iterator[SourceText | InputError]:
    """The records `reader` gives after the header; lines are numbered from `line_offset` + 1."""
    while True:
        start = line_offset + reader.line_num + 1
        where = f"{inp.label}:{start}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(f"{where}: malformed CSV ({exc})")
            continue
        if len(row) != len(header):
            if any(row):
                yield InputError(f"{where}: {len(row)} fields where the header has {len(header)}")
            continue
        try:
            yield record_source(dict(zip(header, row)), where=where, default_id=f"{inp.name}:{start}",
                                source=inp.label, fields=fields)
        except InputError as exc:
            yield exc


def without_lone_surrogates(record: dict) -> tuple[dict, int]:
    """The record with each lone surrogate in its text values replaced by U+FFFD (one for one, so offsets
    hold), and how many there were.

    >>> without_lone_surrogates(json.loads('{"text": "a \\\\ud83d b \\\\ud83d\\\\ude00", "n": 1}'))
    ({'text': 'a \ufffd b 😀', 'n': 1}, 1)
    """
    count = 0

    def clean(value):
        nonlocal count
        if not isinstance(value, str) or not LONE_SURROGATE.search(value):
            return value
        fixed, n = LONE_SURROGATE.subn("\ufffd", value)
        count += n
        return fixed

    return {clean(k): clean(v) for k, v in record.items()}, count


READERS = {"txt": read_txt, "jsonl": read_jsonl, "csv": read_csv}


def read_input(inp: Input, fields: Fields, span: tuple[int, int, int] | None = None
               ) -> Iterator[SourceText | InputError]:
    """Every record of one input (or of its byte range `span`, see `read_jsonl` and `read_csv`); a file that
    breaks off mid-way (bad gzip, bad UTF-8) ends in an error."""
    try:
        yield from READERS[inp.format](inp, fields, *(() if span is None else (span,)))
    except UnicodeDecodeError as exc:
        yield InputError(f"{inp.label}: not UTF-8 text ({exc.reason}); convert it to UTF-8", option="skip_errors")
    except READ_ERRORS as exc:
        yield _as_input_error(inp.label, exc)


def read_sources(paths: Iterable[str], *, skip_errors: bool = False, errors: list[str] | None = None,
                 input_format: str | None = None, fields: Fields = Fields(),
                 warnings: list[str] | None = None) -> Iterator[SourceText]:
    """Yield each article lazily, in input order; with `skip_errors`, bad ones go to `errors` instead.

    What a reader repaired (lone surrogates) is reported in `warnings`.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "a.jsonl")
    >>> _ = open(p, "w").write('{"id": "x", "text": "Hi."}\\n{oops\\n{"text": "Yo."}\\n')
    >>> errs = []
    >>> [s.document.id for s in read_sources([p], skip_errors=True, errors=errs)]
    ['x', 'a.jsonl:3']
    >>> [e.split(": ", 1)[1] for e in errs]
    ['not a JSON object (Expecting property name enclosed in double quotes)']
    """
    seen: set[str] = set()
    for inp in expand_paths(paths, input_format=input_format):
        for item in read_input(inp, fields):
            if isinstance(item, Notice):
                if warnings is not None:
                    warnings.append(item.message)
                continue
            if isinstance(item, SourceText) and item.document.id in seen:
                item = InputError(f"{item.document.id}: duplicate document id (from {inp.label}); "
                                  "ids must be unique", option="skip_errors")
            if isinstance(item, SourceText):
                seen.add(item.document.id)
                yield item
            elif not skip_errors:
                raise item
            elif errors is not None:
                errors.append(str(item))
