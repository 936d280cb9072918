"""What the input paths name, before any article is read: each file's format (by its suffix, through
`.gz`), folders expanded to their text files with unique ids, outputs that would overwrite an input
refused, each input opened as bytes (gunzipped), and the articles counted for the progress bar.

`kg.sources` reads the articles out of these `Input`s.
"""
from __future__ import annotations

import csv
import gzip
import io
import sys
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from .errors import InputError, OutputError

FORMATS = ("txt", "jsonl", "csv")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".txt": "txt"}
# CSV's default field limit (128 KiB) would refuse a long article; the text itself is the point.
csv.field_size_limit(2**31 - 1)
# What reading a broken file raises (gzip.BadGzipFile is an OSError; truncated gzip is EOFError).
READ_ERRORS = (OSError, EOFError, zlib.error)


@dataclass(frozen=True)
class Input:
    """One thing to read: `path` None is stdin; `name` is the document id (text) or id prefix (records)."""

    label: str
    path: Path | None
    name: str
    format: str



def format_of(name: str, forced: str | None = None) -> str:
    """The input format of a file name (`forced` wins), looking through `.gz`.

    >>> format_of("a.jsonl.gz"), format_of("b.CSV"), format_of("c.txt"), format_of("d.md"), format_of("e", "csv")
    ('jsonl', 'csv', 'txt', 'txt', 'csv')
    """
    if forced:
        return forced
    base = name[:-3] if name.lower().endswith(".gz") else name
    return SUFFIXES.get(Path(base).suffix.lower(), "txt")


def _strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def expand_paths(paths: Iterable[str], *, input_format: str | None = None) -> list[Input]:
    """What to read, in order: folders expanded to their text files, sorted.

    Text-file ids are base names unless two collide; then paths relative to the folder.
    """
    found: list[tuple[str, Path | None, Path, str]] = []
    for arg in paths:
        if arg == "-":
            found.append(("-", None, Path("stdin"), input_format or "txt"))
            continue
        if not str(arg).strip():  # Path("") is the current folder: an empty shell variable must not read it all
            raise InputError("an empty path names no file or folder; give a file, a folder or - for stdin")
        path = Path(arg)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith((".txt", ".txt.gz")))
            found += [(str(p), p, p.relative_to(path), "txt") for p in files]
        elif path.exists():
            found.append((arg, path, Path(path.name), format_of(path.name, input_format)))
        else:
            raise InputError(f"{arg}: no such file or folder")
    names = [_strip_gz(rel.name) for _, _, rel, _ in found]
    return [Input(label, p, names[i] if names.count(names[i]) == 1 else _strip_gz(rel.as_posix()), fmt)
            for i, (label, p, rel, fmt) in enumerate(found)]


def refuse_overwriting_inputs(paths: Iterable[str], *, files: Iterable = (), folders: Iterable = (),
                              input_format: str | None = None) -> None:
    """Refuse, before anything is read, an output file that is one of the inputs (also through a symlink,
    `..` or a hard link) and an output folder that holds an input: writing would destroy the input.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "a.txt"); _ = open(p, "w").write("Hi.")
    >>> refuse_overwriting_inputs([p], files=[os.path.join(d, "x", "..", "a.txt")])
    Traceback (most recent call last):
    kg.errors.OutputError: ...a.txt: the output is the input ...a.txt; choose another output path
    >>> refuse_overwriting_inputs([p], folders=[d])
    Traceback (most recent call last):
    kg.errors.OutputError: ...: the output folder holds the input ...a.txt; choose another folder
    """
    inputs = [inp.path for inp in expand_paths(paths, input_format=input_format) if inp.path is not None]
    for output in (Path(f) for f in files if f is not None):
        for path in inputs:
            if _same_file(path, output):
                raise OutputError(f"{output}: the output is the input {path}; choose another output path")
    for folder in (Path(f).resolve() for f in folders if f is not None):
        for path in inputs:
            if folder in path.resolve().parents:
                raise OutputError(f"{folder}: the output folder holds the input {path}; choose another folder")


def _same_file(path: Path, output: Path) -> bool:
    if path.resolve() == output.resolve():
        return True
    try:
        return output.exists() and path.samefile(output)  # a hard link
    except OSError:
        return False


@contextmanager
def open_binary(inp: Input) -> Iterator[IO[bytes]]:
    """The input's bytes, gunzipped when it is gzip (by name for files, by magic bytes for stdin)."""
    if inp.path is None:
        stream = sys.stdin.buffer
        zipped = isinstance(stream, io.BufferedReader) and stream.peek(2)[:2] == b"\x1f\x8b"
        yield gzip.GzipFile(fileobj=stream) if zipped else stream
    elif inp.path.name.lower().endswith(".gz"):
        with gzip.open(inp.path, "rb") as fh:
            yield fh
    else:
        with open(inp.path, "rb") as fh:
            yield fh


def count_documents(paths: Iterable[str], *, input_format: str | None = None) -> int | None:
    """How many articles the inputs hold, cheaply (None when stdin is among them): for the progress bar.

    JSON Lines are counted by non-blank lines, CSV by rows; bad records are counted too.
    """
    total = 0
    try:
        for inp in expand_paths(paths, input_format=input_format):
            if inp.path is None:
                return None
            total += _count(inp)
    except (InputError, *READ_ERRORS):
        return None
    return total


def _count(inp: Input) -> int:
    if inp.format == "txt":
        return 1
    with open_binary(inp) as fh:
        if inp.format == "jsonl":
            return sum(1 for line in fh if line.strip())
        reader = csv.reader(io.TextIOWrapper(fh, encoding="utf-8", errors="replace", newline=""))
        rows = 0
        while True:
            try:
                next(reader)
            except StopIteration:
                return max(rows - 1, 0)
            except csv.Error:
                pass
            rows += 1
