"""The whole path for a corpus: read -> prepare -> parse -> extract -> resolve -> graph.

Texts stream through `nlp.pipe` in chunks; each parse is reduced to its
`Extraction` at once (spaCy `Doc`s never outlive their chunk or leave their
process), so memory grows with the graph, not with the number of texts read.
Chunks run in this process or in `workers` processes (`kg.workers`); either
way the extractions come back in input order and are resolved as they arrive,
so the graph is the same whatever the worker count or batch size. With a
`cache` (`kg.cache`), documents already extracted are taken from it instead.

This module only orchestrates: what one process does with a document is
`kg.extractor.DocumentExtractor` (long texts in pieces: `kg.pieces`), where
chunks run is `kg.workers` or another `engine`, and resolving is `kg.resolve`.
`build` is the one build the CLI, the API and every engine run: cache, progress, failures.
"""
from __future__ import annotations

import os
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ContextManager, Iterable, Iterator, Protocol

from .cache import open_cache
from .extractor import ExtractOptions
from .lexicon import load_lexicon
from .model import Extraction, Graph, SourceText
from .pieces import PIECE_CHARS
from .resolve import Resolver
from .workers import Executor, executor

# Makes, for the options of a build, the executor its chunks run on (`kg.workers.Executor`).
ExecutorFactory = Callable[[ExtractOptions], ContextManager[Executor]]


class _Chunk:
    """Documents sent to be extracted together; `extractions` once done."""

    def __init__(self) -> None:
        self.sources: list[SourceText] = []
        self.handle: Callable[[], list[Extraction]] | None = None
        self.extractions: list[Extraction] | None = None


def ordered_extractions(sources: Iterable[SourceText], *, submit: Callable, cache=None, chunk_size: int = 64,
                        window: int = 2) -> Iterator[tuple[SourceText, Extraction]]:
    """(source, extraction) in input order: cached ones at once, the rest through `submit(chunk)`.

    At most `window` chunks are out at a time and at most a few chunks' worth of
    documents wait in order, so reading never runs far ahead of extraction.
    """
    slots: deque = deque()
    submitted: deque[_Chunk] = deque()
    chunk = _Chunk()
    for source in sources:
        cached = cache.lookup(source) if cache is not None else None
        if cached is not None:
            slots.append((source, cached, None))
        else:
            chunk.sources.append(source)
            slots.append((source, chunk, len(chunk.sources) - 1))
            if len(chunk.sources) >= chunk_size:
                _submit(chunk, submit, submitted)
                chunk = _Chunk()
        while len(submitted) > window or len(slots) > chunk_size * (window + 2):
            yield _next(slots, submit, submitted, cache)
    while slots:
        yield _next(slots, submit, submitted, cache)


def _submit(chunk: _Chunk, submit: Callable, submitted: deque) -> None:
    chunk.handle = submit(chunk.sources)
    submitted.append(chunk)


def _next(slots: deque, submit: Callable, submitted: deque, cache) -> tuple[SourceText, Extraction]:
    source, found, index = slots.popleft()
    if index is None:
        return source, found
    if found.extractions is None:
        if found.handle is None:
            _submit(found, submit, submitted)
        found.extractions = found.handle()
        submitted.remove(found)
        if cache is not None:  # a failed document is tried again next time
            cache.store_all((s, e) for s, e in zip(found.sources, found.extractions) if e.failure is None)
    return source, found.extractions[index]


def extract_documents(sources: Iterable[SourceText], *, model: str | None = None, lexicon: str | None = None,
                      batch_size: int = 64, workers: int = 1, cache=None, max_chars: int = PIECE_CHARS,
                      engine: ExecutorFactory | None = None) -> Iterator[Extraction]:
    """Each document's own findings (entity ids local to it), in input order, lazily.

    Chunks run on `engine(options)` if given, else here or on `workers` processes.
    """
    yield from _extractions(sources, ExtractOptions(model, lexicon, batch_size, max_chars), workers=workers,
                            cache=cache, engine=engine)


def _extractions(sources: Iterable[SourceText], options: ExtractOptions, *, workers: int, cache,
                 engine: ExecutorFactory | None) -> Iterator[Extraction]:
    engine = engine or (lambda opts: executor(opts, workers=workers))
    with engine(options) as pool:
        for _, extraction in ordered_extractions(sources, submit=pool.submit, cache=cache,
                                                 chunk_size=options.batch_size, window=pool.window):
            yield extraction


def build_graph(sources: Iterable[SourceText], *, model: str | None = None, lexicon: str | None = None,
                batch_size: int = 64, workers: int = 1, cache=None, max_chars: int = PIECE_CHARS,
                progress: Callable | None = None, failures: list[Extraction] | None = None,
                engine: ExecutorFactory | None = None) -> Graph:
    """Resolve the documents' findings, as they stream in and in input order, into one graph.

    A document whose extraction failed is left out of the graph and appended to
    `failures` (each has its `failure`); `progress` is called for every document.

    With a `cache` (`kg.cache.ExtractionCache`), unchanged documents are not parsed
    again, new extractions are saved as each chunk finishes, and entries for
    documents no longer in the input are dropped once the whole input is read.
    """
    found = _cached_extractions(extract_documents(sources, model=model, lexicon=lexicon, batch_size=batch_size,
                                                  workers=workers, cache=cache, max_chars=max_chars,
                                                  engine=engine), cache)
    return resolve_all(found, lexicon=lexicon, on_document=progress, failures=failures)


def _cached_extractions(extractions: Iterable[Extraction], cache) -> Iterator[Extraction]:
    """`extractions`, then (the whole input read) the cache's entries of documents not among them dropped."""
    seen: set[str] = set()
    for extraction in extractions:
        if extraction.failure is None:
            seen.add(extraction.document.id)
        yield extraction
    if cache is not None:
        cache.prune(keep=seen)


def resolve_all(extractions: Iterable[Extraction], *, lexicon: str | None = None,
                on_document: Callable[[Extraction], None] | None = None,
                failures: list[Extraction] | None = None) -> Graph:
    """The reduce step of every engine: documents' findings, in input order, resolved into one graph
    (a failed document is left out, and appended to `failures`)."""
    resolver = Resolver(symmetric=load_lexicon(lexicon).symmetric)
    for extraction in extractions:
        if extraction.failure is None:
            resolver.add(extraction)
        elif failures is not None:
            failures.append(extraction)
        if on_document is not None:
            on_document(extraction)
        del extraction  # its entities are not needed once added: not held while the graph is made
    return resolver.graph()


@dataclass(frozen=True)
class CacheReport:
    """What a build's store of extractions did: `unit`s (documents, or partitions) reused, stored and removed."""

    path: Path
    reused: int
    stored: int
    removed: int
    unit: str = "documents"


@dataclass
class BuildReport:
    """A build's graph, and what its caller may want to say about it (the CLI prints it, the API warns)."""

    graph: Graph
    warnings: list[str] = field(default_factory=list)
    failures: list[Extraction] = field(default_factory=list)  # documents left out, each with its `failure`
    skipped: list[str] = field(default_factory=list)  # inputs the reader skipped (``skip_errors``)
    cache: CacheReport | None = None


class Engine(Protocol):
    """How a build's input becomes its documents' extractions: here and on local processes
    (`LocalEngine`), or on a cluster (`kg.dask_engine.DaskEngine`)."""

    def extractions(self, sources: Iterable[SourceText], *, options: ExtractOptions, cache: str | os.PathLike | None,
                    report: BuildReport) -> ContextManager[Iterator[Extraction]]:
        """Every document's extraction, in input order. `cache` names the engine's store of extractions
        (None: none), whose counts go to `report.cache` once the input is read; unreadable inputs
        skipped go to `report.skipped`."""


@dataclass(frozen=True)
class LocalEngine:
    """Chunks extracted here or on `workers` processes (`kg.workers`), or on what `executor` makes;
    the cache is an SQLite file of documents' extractions (`kg.cache`)."""

    workers: int = 1
    executor: ExecutorFactory | None = None

    @contextmanager
    def extractions(self, sources, *, options, cache, report) -> Iterator[Iterator[Extraction]]:
        with open_cache(cache, model=options.model, lexicon=options.lexicon) as store:
            found = _extractions(sources, options, workers=self.workers, cache=store, engine=self.executor)
            try:
                yield _cached_extractions(found, store)
            finally:
                found.close()  # the workers stop with the build, also when it fails
            if store is not None:
                report.cache = CacheReport(store.path, store.reused, store.stored, len(store.removed))


def build(sources: Iterable[SourceText], *, options: ExtractOptions = ExtractOptions(), workers: int = 1,
          cache: str | os.PathLike | None = None, progress: Callable[[Extraction], None] | None = None,
          engine: Engine | ExecutorFactory | None = None, skipped: list[str] | None = None) -> BuildReport:
    """The one build of a graph: what `kg extract`, `kg build` (either engine) and `kg.build` run.

    `engine` turns the input into extractions (an `Engine`; an `ExecutorFactory` runs the local
    engine's chunks; None: `LocalEngine(workers)`); `cache` names its store (None: none);
    `progress` is called once per document; `skipped` is the list the reader appends skipped
    inputs to (`kg.sources.read_sources(errors=...)`), reported as read by the time the build ends.
    """
    report = BuildReport(Graph(), skipped=skipped if skipped is not None else [])
    if not hasattr(engine, "extractions"):
        engine = LocalEngine(workers, engine)

    def on_document(extraction: Extraction) -> None:
        report.warnings.extend(extraction.warnings)
        if progress is not None:
            progress(extraction)

    with engine.extractions(sources, options=options, cache=cache, report=report) as found:
        report.graph = resolve_all(found, lexicon=options.lexicon, on_document=on_document, failures=report.failures)
    return report
