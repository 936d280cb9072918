"""The whole path for a corpus: read -> prepare -> parse -> extract -> resolve -> graph.

Texts stream through `nlp.pipe` in chunks; each parse is reduced to its
`Extraction` at once (spaCy `Doc`s never outlive their chunk or leave their
process), so memory grows with the graph, not with the number of texts read.
Chunks run in this process or in `workers` processes (`kg.workers`); either
way the extractions come back in input order and are resolved as they arrive,
so the graph is the same whatever the worker count or batch size. With a
`cache` (`kg.cache`), documents already extracted are taken from it instead.

A text longer than `max_chars` (spaCy refuses more than `nlp.max_length`, and
parsing memory grows with length) is split at paragraph breaks; each piece is
parsed and extracted on its own, as a `PreparedText` whose offsets map into the
whole raw text, so memory stays that of one piece whatever the article's size.
"""
from __future__ import annotations

import bisect
import traceback
from collections import deque
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator

from .model import Extraction, Failure, Graph, PreparedText, SourceText

PIECE_CHARS = 100_000
BATCH_CHARS = 200_000  # 64 ordinary articles fit; 2 pieces of a huge one do


@dataclass(frozen=True)
class ExtractOptions:
    """What decides an extraction; the same everywhere it runs (it is sent to worker processes)."""

    model: str | None = None
    lexicon: str | None = None
    batch_size: int = 64
    max_chars: int = PIECE_CHARS


def split_spans(text: str, *, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) pieces of `text`, none longer than `max_chars`, cut after a paragraph break if there is one.

    >>> split_spans("one two.\\n\\nthree.\\nfour", max_chars=10)
    [(0, 10), (10, 17), (17, 21)]
    >>> split_spans("short", max_chars=12)
    [(0, 5)]
    """
    spans, start = [], 0
    while len(text) - start > max_chars:
        end = _cut(text, start, start + max_chars)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, limit: int) -> int:
    # Paragraphs first, then lines, sentences, words: the weaker the break, the likelier a parse error at it.
    for sep in ("\n\n", "\n", ". ", " "):
        at = text.rfind(sep, start, limit - len(sep) + 1)
        if at > start:
            return at + len(sep)
    return limit


class DocumentExtractor:
    """The model and extractor of one process: `SourceText`s in, their `Extraction`s out, in order."""

    def __init__(self, options: ExtractOptions):
        from .extractor import Extractor
        from .lexicon import load_lexicon
        from .nlp import load_model
        from .text import Truecaser

        self.options = options
        self.nlp = load_model(options.model)
        self.extractor = Extractor(self.nlp, lexicon=load_lexicon(options.lexicon))
        self.truecase = Truecaser(self.nlp)
        self.max_chars = max(1, min(options.max_chars, self.nlp.max_length))

    def extract(self, sources: Iterable[SourceText]) -> Iterator[Extraction]:
        """One `Extraction` per source, in order; a document that raises gets one with its `failure` instead."""
        parts: list[Extraction] = []
        failure: Failure | None = None
        for doc, (piece, first, last, error) in self._parsed(self._pieces(sources)):
            failure = failure or error
            if failure is None:
                try:
                    found = self.extractor.extract(doc, piece)
                    parts.append(found if first and last else prefixed(found, prefix=f"p{len(parts)}."))
                except Exception as exc:  # one document's bug must not take the run down (issue 13)
                    failure = failure_of(exc)
            if last:
                yield Extraction(piece.document, failure=failure) if failure else \
                    parts[0] if first else combine(parts)
                parts, failure = [], None

    def _parsed(self, pieces: Iterable[tuple[str, tuple]]) -> Iterator[tuple]:
        """nlp.pipe in batches of at most `batch_size` texts and BATCH_CHARS characters.

        spaCy batches by count only, and a batch holds the activations of all its
        texts at once: 64 pieces of a huge article would need gigabytes. A batch
        that fails is parsed again text by text, so that only the culprit fails.
        """
        for batch in batches(pieces, max_items=self.options.batch_size, max_chars=BATCH_CHARS):
            try:
                parsed = list(self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
            except Exception:
                parsed = [self._parse_alone(content, context) for content, context in batch]
            yield from parsed

    def _parse_alone(self, content: str, context: tuple) -> tuple:
        try:
            return self.nlp(content), context
        except Exception as exc:
            return None, (*context[:3], context[3] or failure_of(exc))

    def _pieces(self, sources: Iterable[SourceText]):
        """(content, (piece, first, last, failure)): a long text as pieces, each a `PreparedText` of its own."""
        from .text import prepare

        for source in sources:
            try:
                text = prepare(source)
            except Exception as exc:
                yield "", (PreparedText(source.document, source.raw, ""), True, True, failure_of(exc))
                continue
            spans = split_spans(text.content, max_chars=self.max_chars)
            for start, end in spans:
                piece = text if len(spans) == 1 else piece_of(text, start, end)
                yield self.truecase(piece.content), (piece, start == 0, end == len(text.content), None)


def failure_of(exc: BaseException) -> Failure:
    """An exception as a `Failure`: its type and first line, and the traceback as text.

    >>> failure_of(ValueError("bad\\nthing")).error
    'ValueError: bad'
    """
    message = (str(exc).strip().splitlines() or [""])[0][:300]
    return Failure(f"{type(exc).__name__}: {message}" if message else type(exc).__name__,
                   "".join(traceback.format_exception(exc)))


def batches(items: Iterable[tuple[str, object]], *, max_items: int, max_chars: int) -> Iterator[list]:
    """(text, context) pairs in lists of at most `max_items` and, unless one text alone is longer, `max_chars`.

    >>> [len(b) for b in batches([("ab", 0), ("cd", 1), ("efgh", 2), ("i", 3)], max_items=3, max_chars=4)]
    [2, 1, 1]
    """
    batch: list = []
    size = 0
    for item in items:
        if batch and (len(batch) >= max_items or size + len(item[0]) > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[0])
    if batch:
        yield batch


def piece_of(text: PreparedText, start: int, end: int) -> PreparedText:
    """`content[start:end]` as a text of its own whose offsets still map into the whole raw text.

    >>> whole = PreparedText(None, "Rain  fell.  Sun.", "Rain fell. Sun.", ((0, 0), (5, 1), (11, 2)))
    >>> piece = piece_of(whole, 11, 15)
    >>> piece.content, piece.raw_span(0, 4), whole.raw[slice(*piece.raw_span(0, 4))]
    ('Sun.', (13, 17), 'Sun.')
    """
    index = max(bisect.bisect_right(text.shifts, (start, float("inf"))) - 1, 0)
    shifts = [(0, start + text.shifts[index][1])] + [(k - start, start + d) for k, d in text.shifts if start < k < end]
    return PreparedText(text.document, text.raw, text.content[start:end], tuple(shifts))


def prefixed(extraction: Extraction, *, prefix: str) -> Extraction:
    """A piece's findings with ids made unique among the pieces of its text.

    >>> from kg.model import Document, Entity, Relation
    >>> e = Extraction(Document("d", "d"), (Entity("m0", "A", "State"), Entity("m1", "B", "State")),
    ...                (Relation("m0", "MEETS_WITH", "m1"),))
    >>> [x.id for x in prefixed(e, prefix="p1.").entities], prefixed(e, prefix="p1.").relations[0].key
    (['p1.m0', 'p1.m1'], ('p1.m0', 'MEETS_WITH', 'p1.m1'))
    """
    return replace(extraction, entities=tuple(replace(e, id=prefix + e.id) for e in extraction.entities),
                   relations=tuple(replace(r, source=prefix + r.source, target=prefix + r.target)
                                   for r in extraction.relations))


def combine(parts: list[Extraction]) -> Extraction:
    """One document's findings from those of its pieces, in text order."""
    warnings = dict.fromkeys(w for p in parts for w in p.warnings)
    return Extraction(parts[0].document, tuple(e for p in parts for e in p.entities),
                      tuple(r for p in parts for r in p.relations), tuple(warnings))


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
                      batch_size: int = 64, workers: int = 1, cache=None,
                      max_chars: int = PIECE_CHARS) -> Iterator[Extraction]:
    """Each document's own findings (entity ids local to it), in input order, lazily."""
    from .workers import executor

    options = ExtractOptions(model, lexicon, batch_size, max_chars)
    with executor(options, workers=workers) as pool:
        for _, extraction in ordered_extractions(sources, submit=pool.submit, cache=cache,
                                                 chunk_size=batch_size, window=pool.window):
            yield extraction


def build_graph(sources: Iterable[SourceText], *, model: str | None = None, lexicon: str | None = None,
                batch_size: int = 64, workers: int = 1, cache=None, max_chars: int = PIECE_CHARS,
                progress: Callable | None = None, failures: list[Extraction] | None = None) -> Graph:
    """Resolve the documents' findings, as they stream in and in input order, into one graph.

    A document whose extraction failed is left out of the graph and appended to
    `failures` (each has its `failure`); `progress` is called for every document.

    With a `cache` (`kg.cache.ExtractionCache`), unchanged documents are not parsed
    again, new extractions are saved as each chunk finishes, and entries for
    documents no longer in the input are dropped once the whole input is read.
    """
    seen: set[str] = set()

    def on_document(extraction: Extraction) -> None:
        if extraction.failure is None:
            seen.add(extraction.document.id)
        if progress is not None:
            progress(extraction)

    graph = resolve_all(extract_documents(sources, model=model, lexicon=lexicon, batch_size=batch_size,
                                          workers=workers, cache=cache, max_chars=max_chars),
                        lexicon=lexicon, on_document=on_document, failures=failures)
    if cache is not None:
        cache.prune(keep=seen)
    return graph


def resolve_all(extractions: Iterable[Extraction], *, lexicon: str | None = None,
                on_document: Callable[[Extraction], None] | None = None,
                failures: list[Extraction] | None = None) -> Graph:
    """The reduce step of every engine: documents' findings, in input order, resolved into one graph
    (a failed document is left out, and appended to `failures`)."""
    from .lexicon import load_lexicon
    from .resolve import Resolver

    resolver = Resolver(symmetric=load_lexicon(lexicon).symmetric)
    for extraction in extractions:
        if extraction.failure is None:
            resolver.add(extraction)
        elif failures is not None:
            failures.append(extraction)
        if on_document is not None:
            on_document(extraction)
    return resolver.graph()
